/**
 * For reads too slow to run on every keystroke or write (exact counts over a large library): run
 * `query` once `enabled` (e.g. after the page of results is on screen), `delay` ms after the
 * last change of `deps`, and again after writes, debounced the same way. Writes are noticed
 * through a cheap live query (`signal`), not by re-running the slow one.
 */
import { useEffect, useState } from 'preact/hooks';
import { useLiveQuery } from './use-live-query';

export function useDeferredQuery<T>(
  query: () => Promise<T>,
  deps: unknown[],
  { enabled = true, delay = 300, signal }: { enabled?: boolean; delay?: number; signal: () => Promise<unknown> },
): T | undefined {
  const version = useLiveQuery(signal, []);
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    setValue(undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(() => {
    if (!enabled || version === undefined) return;
    let live = true;
    const timer = setTimeout(() => {
      query().then(
        (v) => live && setValue(v),
        (error) => console.error('[factmark] deferred query failed', error),
      );
    }, delay);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, version, ...deps]);
  return value;
}
