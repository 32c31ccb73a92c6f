import { getDb } from '@/utils/storage/db';
import { countAnnotations, listAll } from '@/utils/storage/annotations';
import { useLiveQuery } from '@/components/hooks/use-live-query';
import { NoteView } from '@/components/verdict/NoteView';
import type { Annotation } from '@/utils/model/annotation';

const PAGE_SIZE = 200;

export function App() {
  const notes = useLiveQuery(() => listAll(getDb(), { limit: PAGE_SIZE }), []);
  const counts = useLiveQuery(() => countAnnotations(getDb()), []);
  const groups = groupByPage(notes ?? []);
  return (
    <main class="fm-library">
      <header class="fm-library__head">
        <h1>Factmark library</h1>
        <span aria-live="polite">{counts ? `${counts.total} notes on ${counts.pages} pages` : ''}</span>
      </header>
      {notes && notes.length === 0 ? (
        <p class="fm-empty">Your fact-checks appear here. Select a sentence on any article and choose Fact-check.</p>
      ) : null}
      {groups.map(([pageUrl, pageNotes]) => (
        <section class="fm-page-group" key={pageUrl} aria-label={pageNotes[0].pageTitle || pageUrl}>
          <h3>
            <a href={pageUrl} target="_blank" rel="noopener noreferrer">
              {pageNotes[0].pageTitle || pageUrl}
            </a>
          </h3>
          {pageNotes.map((n) => (
            <NoteView key={n.id} note={n} />
          ))}
        </section>
      ))}
    </main>
  );
}

function groupByPage(notes: Annotation[]): [string, Annotation[]][] {
  const groups = new Map<string, Annotation[]>();
  for (const n of notes) {
    const g = groups.get(n.pageUrl);
    if (g) g.push(n);
    else groups.set(n.pageUrl, [n]);
  }
  return [...groups];
}
