import type { ComponentChildren } from 'preact';
import type { Annotation } from '@/utils/model/annotation';
import { VerdictBadge } from './VerdictBadge';
import { SourceList } from './SourceList';

/** One note read-only: verdict, the claim as checked, the note, sources and tags. User text is rendered as text. */
export function NoteView({ note, children }: { note: Annotation; children?: ComponentChildren }) {
  return (
    <article class="fm-note" aria-label={`Note: ${note.claim.slice(0, 80)}`} data-note-id={note.id}>
      <header class="fm-note__head">
        <VerdictBadge verdict={note.verdict} />
        <time dateTime={new Date(note.updated).toISOString()}>{new Date(note.updated).toLocaleDateString()}</time>
      </header>
      {note.claim ? <blockquote class="fm-note__claim">{note.claim}</blockquote> : null}
      {note.note ? <p class="fm-note__text">{note.note}</p> : null}
      <SourceList sources={note.sources} />
      {note.tags.length ? (
        <ul class="fm-tags" aria-label="Tags">
          {note.tags.map((t) => (
            <li key={t}>#{t}</li>
          ))}
        </ul>
      ) : null}
      {children}
    </article>
  );
}
