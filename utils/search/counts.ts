/**
 * Note counts kept up to date on every write (the DBCore middleware in utils/storage/db.ts), so
 * the library shows totals without counting: in Chromium an IndexedDB count walks every index
 * entry (seconds for 100,000 notes) and holds up every other request of the extension meanwhile.
 *
 * One row per key in the `noteCounts` table: how many live notes have that property. `pages`
 * is the number of pages with at least one live note. Pure helpers here; no Dexie.
 */
import type { Annotation, Verdict } from '../model/annotation';
import { siteOf } from './fields';

export interface CountRow {
  key: string;
  n: number;
}

const SEP = '\u0000';
export const COUNT_KEYS = {
  all: 'all',
  pages: 'pages',
  verdict: (v: Verdict) => `verdict${SEP}${v}`,
  site: (site: string) => `site${SEP}${site}`,
  tag: (tag: string) => `tag${SEP}${tag}`,
  page: (pageUrl: string) => `page${SEP}${pageUrl}`,
  /** How many write requests a table has had: a cheap "did anything change" signal for caches. */
  writes: (table: 'annotations' | 'knownClaims') => `writes${SEP}${table}`,
} as const;

export const isPageKey = (key: string) => key.startsWith(`page${SEP}`);

/** The count keys a stored record adds to (none for a tombstone or a malformed record). */
export function countKeysOf(a: Partial<Annotation> | undefined): string[] {
  if (!a || a.deleted !== 0 || typeof a.pageUrl !== 'string') return [];
  const keys = [COUNT_KEYS.all, COUNT_KEYS.page(a.pageUrl), COUNT_KEYS.site(siteOf(a.pageUrl))];
  if (typeof a.verdict === 'string') keys.push(COUNT_KEYS.verdict(a.verdict));
  for (const tag of new Set(Array.isArray(a.tags) ? a.tags : [])) if (typeof tag === 'string') keys.push(COUNT_KEYS.tag(tag));
  return keys;
}

/** Adds one record's change (before → after) to `deltas`. */
export function addDelta(deltas: Map<string, number>, before: Partial<Annotation> | undefined, after: Partial<Annotation> | undefined): void {
  for (const k of countKeysOf(before)) deltas.set(k, (deltas.get(k) ?? 0) - 1);
  for (const k of countKeysOf(after)) deltas.set(k, (deltas.get(k) ?? 0) + 1);
}

/**
 * New rows for the changed keys, given their current rows; `pages` follows the page keys that
 * go from zero to some notes or back. Rows that reach zero are returned with n = 0 (deleted by
 * the caller).
 */
export function applyDeltas(deltas: Map<string, number>, current: Map<string, number>): CountRow[] {
  const out: CountRow[] = [];
  let pages = 0;
  for (const [key, d] of deltas) {
    if (d === 0 || key === COUNT_KEYS.pages) continue;
    const before = current.get(key) ?? 0;
    const after = Math.max(0, before + d);
    if (isPageKey(key)) pages += (after > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
    out.push({ key, n: after });
  }
  if (pages !== 0) out.push({ key: COUNT_KEYS.pages, n: Math.max(0, (current.get(COUNT_KEYS.pages) ?? 0) + pages) });
  return out;
}

/** Counts from scratch (the upgrade that creates the table). */
export function countAll(records: Iterable<Partial<Annotation>>): CountRow[] {
  const deltas = new Map<string, number>();
  for (const a of records) addDelta(deltas, undefined, a);
  return applyDeltas(deltas, new Map());
}
