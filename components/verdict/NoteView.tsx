import type { ComponentChildren } from 'preact';
import type { Annotation } from '@/utils/model/annotation';
import { t } from '@/utils/i18n';
import { VerdictBadge } from './VerdictBadge';
import { SourceList } from './SourceList';

export const snippet = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * One note read-only: verdict, the claim as checked, the note, sources and tags. User text is
 * rendered as text (never HTML). `before` goes above the header (a selection checkbox), `children`
 * below the tags (actions).
 */
export function NoteView({ note, before, children }: { note: Annotation; before?: ComponentChildren; children?: ComponentChildren }) {
  const date = new Date(note.updated);
  return (
    <article class="fm-note" aria-label={t('noteLabel', snippet(note.claim || note.pageTitle || note.pageUrl))} data-note-id={note.id}>
      {before}
      <header class="fm-note__head">
        <VerdictBadge verdict={note.verdict} />
        <time dateTime={date.toISOString()} title={date.toLocaleString()}>
          {date.toLocaleDateString()}
        </time>
      </header>
      {note.claim ? <blockquote class="fm-note__claim">{note.claim}</blockquote> : null}
      {note.note ? <p class="fm-note__text">{note.note}</p> : null}
      <SourceList sources={note.sources} />
      {note.tags.length ? (
        <ul class="fm-tags" aria-label={t('tagsLabel')}>
          {note.tags.map((tag) => (
            <li key={tag}>#{tag}</li>
          ))}
        </ul>
      ) : null}
      {children}
    </article>
  );
}
