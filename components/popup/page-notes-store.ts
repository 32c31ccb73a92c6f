/**
 * The popup's reads of the database, in a chunk of their own. Dexie is two thirds of the popup's
 * script, so the popup's own code starts without it: main.tsx asks the tab for its page and
 * loads this chunk (which opens the database) at the same time, and the note list paints as soon
 * as both are there.
 */
import { liveQuery } from 'dexie';
import type { Annotation } from '@/utils/model/annotation';
import { getDb } from '@/utils/storage/db';
import { listByPages } from '@/utils/storage/annotations';

// Opening on import overlaps the open with the tab's answer.
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
