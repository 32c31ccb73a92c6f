/**
 * Memoises a function of one string in a bounded Map, emptied when full. For URL parsing in
 * rendering paths: a page of library results parses the same few hundred page and source URLs
 * on every query (the URL constructor is ~10 µs a call in an extension page), and a plain Map
 * with a bound needs no eviction order to stay small.
 */
export function memoizeByString<T>(fn: (input: string) => T, maxEntries = 4096): (input: string) => T {
  const cache = new Map<string, T>();
  return (input: string) => {
    const hit = cache.get(input);
    if (hit !== undefined || cache.has(input)) return hit as T;
    const value = fn(input);
    if (cache.size >= maxEntries) cache.clear();
    cache.set(input, value);
    return value;
  };
}
