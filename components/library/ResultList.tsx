/**
 * One page of library results, flat or grouped by page (groups in order of first appearance,
 * so the sort order still decides which page comes first). Rows are memoised: a search, a count
 * arriving or a selection change re-renders only the rows whose note or selection changed.
 */
import { Component } from 'preact';
import type { Annotation, AnnotationPatch } from '@/utils/model/annotation';
import { siteOf } from '@/utils/search/fields';
import { t } from '@/utils/i18n';
import { NoteItem } from '../notes/NoteItem';

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
  const row = (n: Annotation, withPage: boolean) => (
    <ResultRow key={n.id} note={n} withPage={withPage} selected={isSelected(n.id)} onSelect={onSelect} onSave={onSave} onDelete={onDelete} />
  );
  if (!grouped) return <div class="fm-results">{notes.map((n) => row(n, true))}</div>;
  return (
    <div class="fm-results">
      {groupByPage(notes).map(([pageUrl, pageNotes]) => (
        <section class="fm-page-group" key={pageUrl} aria-label={t('pageGroupLabel', pageNotes[0].pageTitle || pageUrl)}>
          <h3>
            <PageLink note={pageNotes[0]} /> <span class="fm-muted">{siteOf(pageUrl)}</span>
          </h3>
          {pageNotes.map((n) => row(n, false))}
        </section>
      ))}
    </div>
  );
}
