/**
 * The library's query planner. Pure: it turns what the reader asked for (search words, filters,
 * sort) into a plan that utils/storage/annotations.ts `searchAnnotations` executes, plus the
 * whole query as an in-memory predicate and comparator (applied to the few records a plan reads,
 * and the reference the tests check the indexed execution against).
 *
 * Two ways to answer (measured in Chromium, bench/library-browser.ts):
 *   - "driver" index ranges of the notes already ordered as asked, with the filters that fit them
 *     inside the range (verdict, site, dates), read with offset/limit: only the page is read.
 *     An IndexedDB index walk costs tens of microseconds per entry, so nothing here walks a
 *     range beyond the page;
 *   - everything else (search words, a tag, filters no range combines) from the packed full-text
 *     index (utils/storage/search-index.ts), which holds each note's words and facets and
 *     answers the whole query in memory, with its exact total.
 * Totals of driver queries come from counts kept on every write (utils/search/counts.ts) or from
 * the read itself when it reached the end.
 */
import { VERDICTS, type Annotation, type Verdict } from '../model/annotation';
import { siteOf } from './fields';
import { annotationWords, matchesTokens, queryTokens } from './tokens';

export type SortOrder = 'recent' | 'site' | 'verdict';

export interface LibraryQuery {
  /** Free text: every word must prefix-match a word of the claim, note, sources or tags. */
  text?: string;
  verdict?: Verdict;
  /** Exact tag. */
  tag?: string;
  /** Site as shown in the library: host name without `www.`. */
  site?: string;
  /** Inclusive bounds on `updated` (epoch ms). */
  from?: number;
  to?: number;
  sort: SortOrder;
}

/**
 * IndexedDB's smallest and largest keys (the values of Dexie.minKey and Dexie.maxKey). The largest
 * is an array, and a key that holds the same array object twice is invalid (IndexedDB takes a
 * repeated object for a cycle), so every use gets a fresh one.
 */
export const MIN_KEY = -Infinity;
export const maxKey = (): unknown => [[]];

export const INDEX = {
  recent: '[deleted+updated]',
  verdict: '[deleted+verdict+updated]',
  siteRecent: '[deleted+site+updated]',
  site: '[deleted+site+pageUrl+updated]',
  tags: 'tags',
} as const;

/** One contiguous range of an index, read in `reverse` order or not. Bounds are inclusive. */
export interface RangeScan {
  index: string;
  lower: unknown[];
  upper: unknown[];
  reverse: boolean;
}

export interface QueryPlan {
  query: LibraryQuery;
  /** Concatenated in order, these ranges list live notes in the requested sort order. */
  driver: RangeScan[];
  /** True when the driver ranges apply every filter (no record needs checking). */
  driverIsExact: boolean;
  /** Search tokens (folded, function words dropped). */
  tokens: string[];
  /** The whole query as a predicate on a record (the ground truth). */
  matches(a: Annotation): boolean;
  /** The sort order as a comparator (the driver's order; ties broken like IndexedDB, by id). */
  compare(a: Annotation, b: Annotation): number;
}

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const VERDICT_RANK = new Map<Verdict, number>(VERDICTS.map((v, i) => [v, i]));

export function normalizeQuery(q: LibraryQuery): LibraryQuery {
  const tag = q.tag?.trim() || undefined;
  const site = q.site?.trim().toLowerCase().replace(/^www\./, '') || undefined;
  const text = q.text?.trim() || undefined;
  const from = Number.isFinite(q.from) ? q.from : undefined;
  const to = Number.isFinite(q.to) ? q.to : undefined;
  return { sort: q.sort, text, verdict: q.verdict, tag, site, from, to };
}

export function planQuery(query: LibraryQuery): QueryPlan {
  const q = normalizeQuery(query);
  const tokens = q.text ? queryTokens(q.text) : [];
  const lo = q.from ?? MIN_KEY;
  const hi = () => q.to ?? maxKey();
  const hasDates = q.from !== undefined || q.to !== undefined;

  const verdictScan = (v: Verdict): RangeScan => ({ index: INDEX.verdict, lower: [0, v, lo], upper: [0, v, hi()], reverse: true });
  let driver: RangeScan[];
  let exact: boolean;
  switch (q.sort) {
    case 'recent':
      if (q.site) driver = [{ index: INDEX.siteRecent, lower: [0, q.site, lo], upper: [0, q.site, hi()], reverse: true }];
      else if (q.verdict) driver = [verdictScan(q.verdict)];
      else driver = [{ index: INDEX.recent, lower: [0, lo], upper: [0, hi()], reverse: true }];
      exact = !(q.site && q.verdict);
      break;
    case 'verdict':
      driver = (q.verdict ? [q.verdict] : [...VERDICTS]).map(verdictScan);
      exact = !q.site;
      break;
    case 'site':
      driver = [
        q.site
          ? { index: INDEX.site, lower: [0, q.site, MIN_KEY, MIN_KEY], upper: [0, q.site, maxKey(), maxKey()], reverse: false }
          : { index: INDEX.site, lower: [0, MIN_KEY], upper: [0, maxKey()], reverse: false },
      ];
      exact = !q.verdict && !hasDates;
      break;
  }
  const driverIsExact = exact && !q.tag && tokens.length === 0;

  const matches = (a: Annotation): boolean =>
    a.deleted === 0 &&
    (!q.verdict || a.verdict === q.verdict) &&
    (!q.site || siteOf(a.pageUrl) === q.site) &&
    (!q.tag || a.tags.includes(q.tag)) &&
    (q.from === undefined || a.updated >= q.from) &&
    (q.to === undefined || a.updated <= q.to) &&
    (tokens.length === 0 || matchesTokens(annotationWords(a), tokens));

  const byRecent = (a: Annotation, b: Annotation) => b.updated - a.updated || cmpStr(b.id, a.id);
  const compare =
    q.sort === 'recent'
      ? byRecent
      : q.sort === 'verdict'
        ? (a: Annotation, b: Annotation) => VERDICT_RANK.get(a.verdict)! - VERDICT_RANK.get(b.verdict)! || byRecent(a, b)
        : (a: Annotation, b: Annotation) =>
            cmpStr(siteOf(a.pageUrl), siteOf(b.pageUrl)) || cmpStr(a.pageUrl, b.pageUrl) || a.updated - b.updated || cmpStr(a.id, b.id);

  return { query: q, driver, driverIsExact, tokens, matches, compare };
}

/** Whether the query narrows the library at all (for "no results" vs "no notes yet"). */
export function isFiltered(q: LibraryQuery): boolean {
  const n = normalizeQuery(q);
  return !!(n.text || n.verdict || n.tag || n.site || n.from !== undefined || n.to !== undefined);
}
