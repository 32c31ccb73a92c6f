import { browser } from 'wxt/browser';
import { useEffect, useState } from 'preact/hooks';
import { getDb } from '@/utils/storage/db';
import { listByPages } from '@/utils/storage/annotations';
import { isNotesChangedEvent } from '@/utils/messaging/protocol';
import { useLiveQuery } from '@/components/hooks/use-live-query';
import { useActivePage } from '@/components/hooks/use-active-page';
import { NoteView } from '@/components/verdict/NoteView';

export function App() {
  const [refresh, setRefresh] = useState(0);
  const page = useActivePage(refresh);
  const keys = page.state === 'ready' ? page.info.pageKeys : [];
  const notes = useLiveQuery(() => (keys.length ? listByPages(getDb(), keys) : []), [keys.join('\n')]);

  // Anchoring results (orphans, reading order) come from the tab: ask again when notes change.
  useEffect(() => {
    const listener = (message: unknown) => {
      if (isNotesChangedEvent(message)) setRefresh((n) => n + 1);
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, []);

  const openLibrary = () => void browser.tabs.create({ url: browser.runtime.getURL('/library.html') });

  if (page.state === 'loading') return <main class="fm-popup" aria-busy="true" />;
  if (page.state === 'unsupported')
    return (
      <main class="fm-popup">
        <Header count={null} onOpenLibrary={openLibrary} />
        <p class="fm-empty">{page.reason}</p>
      </main>
    );

  const orphanIds = new Set(page.info.orphans);
  const order = new Map(page.info.anchored.map((a) => [a.id, a.start]));
  const placed = (notes ?? []).filter((n) => !orphanIds.has(n.id)).sort((a, b) => (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity));
  const orphans = (notes ?? []).filter((n) => orphanIds.has(n.id));

  return (
    <main class="fm-popup">
      <Header count={notes?.length ?? 0} onOpenLibrary={openLibrary} />
      <section aria-labelledby="fm-notes-title">
        <h2 id="fm-notes-title">Notes on this page</h2>
        {notes && notes.length === 0 ? (
          <p class="fm-empty">
            No notes yet. Select a sentence on the page and choose <strong>Fact-check</strong> to record a verdict with its sources.
          </p>
        ) : (
          placed.map((n) => <NoteView key={n.id} note={n} />)
        )}
      </section>
      {orphans.length ? (
        <section aria-labelledby="fm-orphans-title">
          <h2 id="fm-orphans-title">Orphans ({orphans.length})</h2>
          <p class="fm-popup__counts">These notes no longer match the page text; their quotes are kept.</p>
          {orphans.map((n) => (
            <NoteView key={n.id} note={n} />
          ))}
        </section>
      ) : null}
    </main>
  );
}

function Header({ count, onOpenLibrary }: { count: number | null; onOpenLibrary: () => void }) {
  return (
    <header class="fm-popup__head">
      <h1>Factmark</h1>
      {count !== null ? <span class="fm-popup__counts">{count === 1 ? '1 note' : `${count} notes`}</span> : null}
      <button type="button" onClick={onOpenLibrary}>
        Library
      </button>
    </header>
  );
}
