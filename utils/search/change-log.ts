/**
 * Which notes each recent write touched. The storage middleware keeps it on the notes' write
 * counter row (COUNT_KEYS.writes('annotations')), in the write's own transaction, so a cache
 * built at write number w catches up by reading only the notes written since w: the background's
 * known-claim index of the reader's own notes (utils/storage/known-claims-matcher.ts) would
 * otherwise re-read every graded note after each save (seconds with 100,000 notes).
 *
 * Bounded to CHANGE_LOG_MAX_IDS ids: the oldest writes fall off, and a write larger than that (an
 * import chunk, a clear) leaves nothing listed, so a reader that far behind rebuilds. Pure.
 */
export interface ChangeLog {
  /** The write number of writes[0]. */
  first: number;
  /** The ids each write touched, for consecutive write numbers from `first`. */
  writes: string[][];
}

export const CHANGE_LOG_MAX_IDS = 1024;

/** The log after write number `write` touched `ids` (a log with a gap before it starts afresh). */
export function appendToChangeLog(log: ChangeLog | undefined, write: number, ids: readonly string[], maxIds = CHANGE_LOG_MAX_IDS): ChangeLog {
  if (ids.length > maxIds) return { first: write + 1, writes: [] };
  const continues = log !== undefined && log.first + log.writes.length === write;
  const writes = continues ? [...log.writes, [...ids]] : [[...ids]];
  let first = continues ? log.first : write;
  let total = writes.reduce((n, w) => n + w.length, 0);
  while (total > maxIds) {
    total -= writes.shift()!.length;
    first++;
  }
  return { first, writes };
}

/**
 * The ids written after write number `since`, up to `current` (the counter's value now), or null
 * when the log does not list every one of those writes (then the caller starts over).
 */
export function changedSince(log: ChangeLog | undefined, since: number, current: number): string[] | null {
  if (since === current) return [];
  if (!log || since > current || log.first > since + 1 || log.first + log.writes.length - 1 !== current) return null;
  const ids = new Set<string>();
  for (let w = since + 1; w <= current; w++) for (const id of log.writes[w - log.first]) ids.add(id);
  return [...ids];
}
