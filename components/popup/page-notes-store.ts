/**
 * The popup's reads of the database, in a chunk of their own. Dexie is two thirds of the popup's
 * script, and the tab's answer already carries the page's notes, so this chunk is loaded (and the
 * database opened) only after they are painted, to keep the list live (see usePageNotes). It is
 * not preloaded either: measured against a blank extension page, the preload cost the first
 * paint ~25 ms on this 2-core machine.
 */
import { liveQuery } from 'dexie';
import type { Annotation } from '@/utils/model/annotation';
import { getDb } from '@/utils/storage/db';
import { listByPages } from '@/utils/storage/annotations';

// Opened on import, so the first live read does not also wait for the open.
void getDb()
  .open()
  .catch(() => undefined);

/** Follows the live notes of these page keys (any context's writes re-run the read); returns the unsubscribe. */
export function watchPageNotes(keys: readonly string[], next: (notes: Annotation[]) => void): () => void {
  const subscription = liveQuery(() => listByPages(getDb(), [...keys])).subscribe({
    next,
    error: (error) => console.error('[factmark] popup notes query failed', error),
  });
  return () => subscription.unsubscribe();
}
