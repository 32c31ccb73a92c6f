/**
 * One page of library results, flat or grouped by page (groups in order of first appearance,
 * so the sort order still decides which page comes first). Rows are memoised: a search, a count
 * arriving or a selection change re-renders only the rows whose note or selection changed; and
 * their keys are recycled (./recycled-keys.ts), so a new page of results patches the rows on
 * screen instead of rebuilding them.
 */
import { Component } from 'preact';
import { useRef } from 'preact/hooks';
import type { Annotation, AnnotationPatch } from '@/utils/model/annotation';
import { siteOf } from '@/utils/search/fields';
import { urlAtQuote } from '@/utils/url/text-fragment';
import { t } from '@/utils/i18n';
import { NoteItem } from '../notes/NoteItem';
import { KeyRecycler } from './recycled-keys';

export interface ResultListProps {
  notes: Annotation[];
  groupByPage: boolean;
  isSelected: (id: string) => boolean;
  onSelect: (note: Annotation, selected: boolean) => void;
  onSave: (note: Annotation, patch: AnnotationPatch) => Promise<unknown>;
  onDelete: (note: Annotation) => void;
}

export function groupByPage(notes: readonly Annotation[]): [string, Annotation[]][] {
  const groups = new Map<string, Annotation[]>();
  for (const n of notes) {
    const g = groups.get(n.pageUrl);
    if (g) g.push(n);
    else groups.set(n.pageUrl, [n]);
  }
  return [...groups];
}

function PageLink({ note }: { note: Annotation }) {
  return (
    <a href={note.pageUrl} target="_blank" rel="noopener noreferrer">
      {note.pageTitle || note.pageUrl}
      <span class="fm-sr-only"> {t('opensInNewTab')}</span>
    </a>
  );
}

/** The note's page opened at its quote (utils/url/text-fragment.ts); none for a page note. */
function quoteHrefOf(note: Annotation): string | undefined {
  const quote = note.selectors.find((s) => s.type === 'TextQuoteSelector');
  return quote?.type === 'TextQuoteSelector' && quote.exact ? urlAtQuote(note.pageUrl, quote.exact) : undefined;
}

interface ResultRowProps {
  note: Annotation;
  withPage: boolean;
  selected: boolean;
  onSelect: ResultListProps['onSelect'];
  onSave: ResultListProps['onSave'];
  onDelete: ResultListProps['onDelete'];
}

/**
 * Renders only when a prop changed (callers pass stable handlers, see useStableCallback). A class
 * rather than preact/compat's memo, whose import would switch on React's event-name aliasing.
 */
class ResultRow extends Component<ResultRowProps> {
  shouldComponentUpdate(next: ResultRowProps): boolean {
    const prev = this.props;
    return (Object.keys(next) as (keyof ResultRowProps)[]).some((k) => next[k] !== prev[k]);
  }

  render({ note, withPage, selected, onSelect, onSave, onDelete }: ResultRowProps) {
    return (
      <NoteItem
        note={note}
        onSave={onSave}
        onDelete={onDelete}
        selected={selected}
        onSelect={onSelect}
        quoteHref={quoteHrefOf(note)}
        extra={
          withPage ? (
            <p class="fm-note__page">
              {t('onPage')} <PageLink note={note} /> <span class="fm-muted">({siteOf(note.pageUrl)})</span>
            </p>
          ) : undefined
        }
      />
    );
  }
}

export function ResultList({ notes, groupByPage: grouped, isSelected, onSelect, onSave, onDelete }: ResultListProps) {
  const recyclers = useRef<{ rows: KeyRecycler; groups: KeyRecycler; rowsOfGroup: Map<string, KeyRecycler> } | null>(null);
  recyclers.current ??= { rows: new KeyRecycler(), groups: new KeyRecycler(), rowsOfGroup: new Map() };
  const { rows: rowKeys, groups: groupKeys, rowsOfGroup } = recyclers.current;
  const rows = (list: Annotation[], keys: KeyRecycler, withPage: boolean) => {
    const ids = keys.assign(list.map((n) => n.id));
    return list.map((n, i) => (
      <ResultRow key={ids[i]} note={n} withPage={withPage} selected={isSelected(n.id)} onSelect={onSelect} onSave={onSave} onDelete={onDelete} />
    ));
  };
  if (!grouped) return <div class="fm-results">{rows(notes, rowKeys, true)}</div>;
  const groups = groupByPage(notes);
  const keys = groupKeys.assign(groups.map(([pageUrl]) => pageUrl));
  return (
    <div class="fm-results">
      {groups.map(([pageUrl, pageNotes], i) => {
        // Rows are keyed within their group's element, so each recycled group recycles its own rows.
        let groupRows = rowsOfGroup.get(keys[i]);
        if (!groupRows) rowsOfGroup.set(keys[i], (groupRows = new KeyRecycler()));
        return (
          <section class="fm-page-group" key={keys[i]} aria-label={t('pageGroupLabel', pageNotes[0].pageTitle || pageUrl)}>
            <h3>
              <PageLink note={pageNotes[0]} /> <span class="fm-muted">{siteOf(pageUrl)}</span>
            </h3>
            {rows(pageNotes, groupRows, false)}
          </section>
        );
      })}
    </div>
  );
}
