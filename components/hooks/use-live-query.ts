/**
 * Dexie liveQuery as a Preact hook (dexie-react-hooks needs React). Re-runs when any context of
 * the extension origin writes to what the query read, so edits show everywhere without reloads.
 * `undefined` until the first result.
 */
import { liveQuery } from 'dexie';
import { useLayoutEffect, useState } from 'preact/hooks';

export function useLiveQuery<T>(query: () => Promise<T> | T, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  // Layout effect: the query starts right after the render that asked for it, not a frame later.
  useLayoutEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: setValue,
      error: (error) => console.error('[factmark] live query failed', error),
    });
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}
