/**
 * One page of library results, flat or grouped by page (groups in order of first appearance,
 * so the sort order still decides which page comes first).
 */
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

export function ResultList({ notes, groupByPage: grouped, isSelected, onSelect, onSave, onDelete }: ResultListProps) {
  const item = (n: Annotation, withPage: boolean) => (
    <NoteItem
      key={n.id}
      note={n}
      onSave={onSave}
      onDelete={onDelete}
      selected={isSelected(n.id)}
      onSelect={onSelect}
      extra={
        withPage ? (
          <p class="fm-note__page">
            {t('onPage')} <PageLink note={n} /> <span class="fm-muted">({siteOf(n.pageUrl)})</span>
          </p>
        ) : undefined
      }
    />
  );
  if (!grouped) return <div class="fm-results">{notes.map((n) => item(n, true))}</div>;
  return (
    <div class="fm-results">
      {groupByPage(notes).map(([pageUrl, pageNotes]) => (
        <section class="fm-page-group" key={pageUrl} aria-label={t('pageGroupLabel', pageNotes[0].pageTitle || pageUrl)}>
          <h3>
            <PageLink note={pageNotes[0]} /> <span class="fm-muted">{siteOf(pageUrl)}</span>
          </h3>
          {pageNotes.map((n) => item(n, false))}
        </section>
      ))}
    </div>
  );
}
