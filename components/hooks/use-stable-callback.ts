/**
 * A function whose identity never changes but which always calls the latest `fn`: lets memoised
 * list rows skip re-rendering when only their parent re-rendered (each render makes new closures).
 */
import { useCallback, useLayoutEffect, useRef } from 'preact/hooks';

export function useStableCallback<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const latest = useRef(fn);
  useLayoutEffect(() => {
    latest.current = fn;
  });
  return useCallback((...args: A) => latest.current(...args), []);
}
