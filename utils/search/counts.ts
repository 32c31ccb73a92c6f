/**
 * Note counts kept up to date on every write (the DBCore middleware in utils/storage/db.ts), so
 * the library shows totals without counting: in Chromium an IndexedDB count walks every index
 * entry (seconds for 100,000 notes) and holds up every other request of the extension meanwhile.
 *
 * A count key says how many live notes have a property; `pages` is the number of pages with at
 * least one live note. The few keys read on their own (all, pages, verdicts, write counters) have
 * a row each in the `noteCounts` table. Page, site and tag keys are many (a 2,000-note import
 * chunk touched ~3,300 of them, each an IndexedDB read and write costing the writing thread
 * 0.1–0.4 ms in Chromium), so they share COUNT_BUCKETS bucket rows by hash: a chunk rewrites at
 * most that many rows, and a single note's save a handful of small ones. Pure helpers; no Dexie.
 */
import type { Annotation, Verdict } from '../model/annotation';
import { hash32 } from '../known-claims/hash';
import { siteOf } from './fields';
import type { ChangeLog } from './change-log';

/** A stored row: one key's count, or a bucket (`counts`, with `n` = how many keys it holds). */
export interface CountRow {
  key: string;
  n: number;
  /** A Map, not an object: keys are page URLs and tags (`__proto__` included). */
  counts?: Map<string, number>;
  /** On the notes' write counter: the ids the latest writes touched (./change-log.ts). */
  changes?: ChangeLog;
}

export const COUNT_BUCKETS = 64;

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

const BUCKETED = ['page', 'site', 'tag'].map((prefix) => `${prefix}${SEP}`);
const isBucketed = (key: string) => BUCKETED.some((prefix) => key.startsWith(prefix));

/** The stored row that holds a count key. */
export const rowKeyOf = (key: string): string => (isBucketed(key) ? `bucket${SEP}${hash32(key) % COUNT_BUCKETS}` : key);

/** A count key's value, given the stored row that holds it (rowKeyOf). */
export const countIn = (row: CountRow | undefined, key: string): number => (row?.counts ? (row.counts.get(key) ?? 0) : (row?.n ?? 0));

/** Stored rows as count keys and values (buckets opened up). */
export function logicalCounts(rows: Iterable<CountRow>): CountRow[] {
  const out: CountRow[] = [];
  for (const row of rows) {
    if (row.counts) for (const [key, n] of row.counts) out.push({ key, n });
    else out.push({ key: row.key, n: row.n });
  }
  return out;
}

/**
 * The stored rows to write for new key values (`n` = 0: the key goes), given the stored rows
 * they live in as read (by rowKeyOf; missing ones absent): rows to put and row keys to delete.
 */
export function storeCounts(values: CountRow[], stored: ReadonlyMap<string, CountRow | undefined>): { put: CountRow[]; remove: string[] } {
  const put: CountRow[] = [];
  const remove: string[] = [];
  const buckets = new Map<string, Map<string, number>>();
  for (const { key, n } of values) {
    const rowKey = rowKeyOf(key);
    if (rowKey === key) {
      if (n > 0) put.push({ key, n });
      else remove.push(key);
      continue;
    }
    let counts = buckets.get(rowKey);
    if (!counts) buckets.set(rowKey, (counts = new Map(stored.get(rowKey)?.counts)));
    if (n > 0) counts.set(key, n);
    else counts.delete(key);
  }
  for (const [key, counts] of buckets) {
    if (counts.size) put.push({ key, n: counts.size, counts });
    else remove.push(key);
  }
  return { put, remove };
}

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
