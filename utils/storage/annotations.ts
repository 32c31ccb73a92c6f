/**
 * The annotation repository: the only code that reads or writes the `annotations` table
 * (imports go through utils/storage/import.ts, which runs in one transaction of its own).
 * Every function takes the database explicitly so tests can use a private one.
 *
 * The search fields (`words`, `site`) are not written here: the DBCore middleware in db.ts adds
 * them to every record on every write path (this file, imports' bulkPut, upgrades) and strips
 * them from every read, so nothing here has to remember them.
 */
import Dexie from 'dexie';
import { VERDICTS, type Annotation, type AnnotationDraft, type AnnotationPatch, type Verdict } from '../model/annotation';
import type { FactmarkDB } from './db';
import { NEEDS_SOURCE_MESSAGE, hasRequiredSource } from '../model/schema';
import { INDEX, MIN_KEY, maxKey, planQuery, wordRange, type LibraryQuery, type QueryPlan, type RangeScan } from '../search/query';
import type { WordKey } from '../search/fields';
import { COUNT_KEYS } from '../search/counts';

/** A write that would break a rule of the model (e.g. a verdict without sources). */
export class RuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleError';
  }
}

export class NoteNotFoundError extends Error {
  constructor(id: string) {
    super(`No note with id ${id}`);
    // Not 'NotFoundError': Dexie rewraps errors that carry that DOM exception name.
    this.name = 'NoteNotFound';
  }
}

const now = () => Date.now();

export async function createAnnotation(db: FactmarkDB, draft: AnnotationDraft): Promise<Annotation> {
  const t = now();
  const annotation: Annotation = {
    ...draft,
    id: draft.id ?? crypto.randomUUID(),
    created: t,
    updated: t,
    deleted: 0,
  };
  await db.annotations.add(annotation);
  return annotation;
}

export async function updateAnnotation(db: FactmarkDB, id: string, patch: AnnotationPatch): Promise<Annotation> {
  return db.transaction('rw', db.annotations, async () => {
    const current = await db.annotations.get(id);
    if (!current || current.deleted) throw new NoteNotFoundError(id);
    // `updated` must grow even when two edits fall in the same millisecond: merges compare it.
    const updated: Annotation = { ...current, ...patch, id, updated: Math.max(now(), current.updated + 1) };
    if (!hasRequiredSource(updated)) throw new RuleError(NEEDS_SOURCE_MESSAGE);
    await db.annotations.put(updated);
    return updated;
  });
}

/** Deletes softly: the tombstone stays so an import of an older copy cannot resurrect the note. */
export async function deleteAnnotation(db: FactmarkDB, id: string): Promise<Annotation> {
  return db.transaction('rw', db.annotations, async () => {
    const current = await db.annotations.get(id);
    if (!current || current.deleted) throw new NoteNotFoundError(id);
    const t = Math.max(now(), current.updated + 1);
    const tombstone: Annotation = { ...current, deleted: t, updated: t };
    await db.annotations.put(tombstone);
    return tombstone;
  });
}

/** Undo of a delete: the note comes back with a fresh `updated`, so it wins over its own tombstone. */
export async function restoreAnnotation(db: FactmarkDB, id: string): Promise<Annotation> {
  return db.transaction('rw', db.annotations, async () => {
    const current = await db.annotations.get(id);
    if (!current) throw new NoteNotFoundError(id);
    const restored: Annotation = { ...current, deleted: 0, updated: Math.max(now(), current.updated + 1) };
    await db.annotations.put(restored);
    return restored;
  });
}

export function getAnnotation(db: FactmarkDB, id: string): Promise<Annotation | undefined> {
  return db.annotations.get(id);
}

/** A page's live notes, oldest first (the content script re-sorts them in reading order). */
export async function listByPage(db: FactmarkDB, pageUrl: string): Promise<Annotation[]> {
  const notes = await db.annotations.where('[pageUrl+deleted]').equals([pageUrl, 0]).toArray();
  return notes.sort((a, b) => a.created - b.created);
}

/** Live notes of several page URLs (a page known under its canonical and its own URL). */
export async function listByPages(db: FactmarkDB, pageUrls: string[]): Promise<Annotation[]> {
  const urls = [...new Set(pageUrls)];
  // One getAll per key rather than anyOf (a cursor that hops between keys): this is the popup's
  // and every page load's query, and plain key reads keep it near a raw IndexedDB read.
  const read = (u: string) => db.annotations.where('[pageUrl+deleted]').equals([u, 0]).toArray();
  const notes = urls.length === 1 ? await read(urls[0]) : (await db.transaction('r', db.annotations, () => Promise.all(urls.map(read)))).flat();
  return notes.sort((a, b) => a.created - b.created);
}

export interface ListOptions {
  limit?: number;
  offset?: number;
}

/** All live notes, newest first. */
export function listAll(db: FactmarkDB, { limit = Infinity, offset = 0 }: ListOptions = {}): Promise<Annotation[]> {
  return db.annotations
    .where('[deleted+updated]')
    .between([0, Dexie.minKey], [0, Dexie.maxKey])
    .reverse()
    .offset(offset)
    .limit(limit)
    .toArray();
}

export interface Counts {
  total: number;
  pages: number;
  byVerdict: Record<Verdict, number>;
}

export async function countAnnotations(db: FactmarkDB): Promise<Counts> {
  const byVerdict = {} as Record<Verdict, number>;
  const pages = new Set<string>();
  let total = 0;
  await db.annotations
    .where('[deleted+updated]')
    .between([0, Dexie.minKey], [0, Dexie.maxKey])
    .each((a) => {
      total++;
      pages.add(a.pageUrl);
      byVerdict[a.verdict] = (byVerdict[a.verdict] ?? 0) + 1;
    });
  return { total, pages: pages.size, byVerdict };
}

export function countByPage(db: FactmarkDB, pageUrl: string): Promise<number> {
  return db.annotations.where('[pageUrl+deleted]').equals([pageUrl, 0]).count();
}

// ---------------------------------------------------------------------------------------------
// Bulk edits from the library (one transaction each, so a bulk delete is all or nothing).

/** Soft-deletes several notes; notes already gone are skipped. Returns the tombstones written. */
export async function deleteAnnotations(db: FactmarkDB, ids: string[]): Promise<Annotation[]> {
  return db.transaction('rw', db.annotations, async () => {
    const rows = await db.annotations.bulkGet(ids);
    const t0 = now();
    const tombstones = rows
      .filter((a): a is Annotation => !!a && !a.deleted)
      .map((a) => {
        const t = Math.max(t0, a.updated + 1);
        return { ...a, deleted: t, updated: t };
      });
    await db.annotations.bulkPut(tombstones);
    return tombstones;
  });
}

/** Undo of a bulk delete. Returns the notes restored. */
export async function restoreAnnotations(db: FactmarkDB, ids: string[]): Promise<Annotation[]> {
  return db.transaction('rw', db.annotations, async () => {
    const rows = await db.annotations.bulkGet(ids);
    const t0 = now();
    const restored = rows
      .filter((a): a is Annotation => !!a && !!a.deleted)
      .map((a) => ({ ...a, deleted: 0, updated: Math.max(t0, a.updated + 1) }));
    await db.annotations.bulkPut(restored);
    return restored;
  });
}

// ---------------------------------------------------------------------------------------------
// Library search. The plan (utils/search/query.ts) says which index ranges give the notes in the
// requested order; this reads them and stops as soon as a page is full. See the plan's header
// for why nothing here counts or lists every note on the way to a page.

export interface SearchPage {
  /** The requested slice, in the query's sort order. */
  notes: Annotation[];
  /** More matches follow this page. */
  hasMore: boolean;
  /** How many notes match, when this read learned it on the way (else: `countMatches`). */
  total?: number;
  /** The read stopped early (scan budget spent, or a search sorted by site or verdict sorts only its most recent matches). */
  partial?: boolean;
}

export interface SearchLimits {
  /** A tag with at most this many notes is read whole and sorted in memory. */
  smallTag: number;
  /** A search prefix matching more distinct words than this is checked record by record instead. */
  maxRuns: number;
  /** Records one read may check before it stops (and says so: `partial`). */
  scanBudget: number;
  /** A text search sorted by site or verdict sorts this many of its most recent matches. */
  sortCap: number;
  /** Keys read per index request while merging word runs, records per bulkGet (at most). */
  chunk: number;
  /** A search word with at most this many index entries is read whole (its notes sorted in memory). */
  probe: number;
}

export const SEARCH_LIMITS: SearchLimits = { smallTag: 500, maxRuns: 16, scanBudget: 20_000, sortCap: 1000, chunk: 100, probe: 300 };

const scanOf = (db: FactmarkDB, s: RangeScan) => {
  const c = db.annotations.where(s.index).between(s.lower, s.upper, true, true);
  return s.reverse ? c.reverse() : c;
};

/** One page of the live notes matching `query`, in its sort order. */
export function searchAnnotations(
  db: FactmarkDB,
  query: LibraryQuery,
  { offset = 0, limit = 50 }: ListOptions = {},
  limits: SearchLimits = SEARCH_LIMITS,
): Promise<SearchPage> {
  const plan = planQuery(query);
  return db.transaction('r', db.annotations, async () => {
    if (plan.driverIsExact) return pageOfScans(db, plan.driver, offset, limit);
    if (plan.textDriver) {
      // One word, newest first: its runs already are the answer in order. Otherwise look for a
      // word with few notes (a bounded read of its keys) and sort just those.
      if (plan.tokens.length > 1 || plan.query.sort !== 'recent') {
        const probes = await Promise.all(
          plan.tokens.map(async (t) => {
            const { lower, upper } = wordRange(t, true);
            const keys = (await db.annotations.where(INDEX.words).between(lower, upper, true, true).limit(limits.probe + 1).primaryKeys()) as string[];
            return keys.length <= limits.probe ? new Set(keys) : null;
          }),
        );
        const small = probes.filter((p): p is Set<string> => p !== null).sort((a, b) => a.size - b.size)[0];
        if (small) return sortedInMemory(db, plan, [...small], offset, limit);
      }
      const runs = await wordRuns(db, plan.textDriver, limits.maxRuns + 1);
      if (runs.length <= limits.maxRuns) return textSearch(db, plan, runs, offset, limit, limits);
    } else if (plan.query.tag) {
      const keys = (await db.annotations.where(INDEX.tags).equals(plan.query.tag).limit(limits.smallTag + 1).primaryKeys()) as string[];
      if (keys.length <= limits.smallTag) return sortedInMemory(db, plan, keys, offset, limit);
    }
    return scanDriver(db, plan, offset, limit, limits.scanBudget);
  });
}

/** Reads a few candidate notes, keeps the matches, sorts them: the exact answer and its total. */
async function sortedInMemory(db: FactmarkDB, plan: QueryPlan, keys: string[], offset: number, limit: number): Promise<SearchPage> {
  const rows = (await db.annotations.bulkGet(keys)).filter((a): a is Annotation => !!a && plan.matches(a)).sort(plan.compare);
  return { notes: rows.slice(offset, offset + limit), hasMore: rows.length > offset + limit, total: rows.length };
}

/** Pages through concatenated index ranges that apply the whole query: reads only the page (+1 to know if more follow). */
async function pageOfScans(db: FactmarkDB, scans: RangeScan[], offset: number, limit: number): Promise<SearchPage> {
  const notes: Annotation[] = [];
  let skip = offset;
  let skipped = 0;
  for (const scan of scans) {
    if (notes.length > limit) break;
    const got = await scanOf(db, scan).offset(skip).limit(limit + 1 - notes.length).toArray();
    if (skip > 0) {
      // A range shorter than the skip yields nothing; only then is it counted (deep pages of a multi-range sort).
      const n = got.length ? skip : await scanOf(db, scan).count();
      skipped += n;
      skip -= n;
    }
    notes.push(...got);
  }
  const hasMore = notes.length > limit;
  return { notes: notes.slice(0, limit), hasMore, ...(hasMore || skip > 0 ? {} : { total: skipped + notes.length }) };
}

/** Live notes in driver order, checked one by one: for filters no index range applies. */
async function scanDriver(db: FactmarkDB, plan: QueryPlan, offset: number, limit: number, budget: number): Promise<SearchPage> {
  const notes: Annotation[] = [];
  let matched = 0;
  let scanned = 0;
  let stopped = false;
  for (const scan of plan.driver) {
    await scanOf(db, scan)
      .until(() => stopped)
      .each((a) => {
        scanned++;
        if (plan.matches(a) && matched++ >= offset) notes.push(a);
        if (notes.length > limit || scanned >= budget) stopped = true;
      });
    if (stopped) break;
  }
  const hasMore = notes.length > limit;
  return {
    notes: notes.slice(0, limit),
    hasMore,
    ...(stopped ? {} : { total: matched }),
    ...(stopped && !hasMore ? { partial: true } : {}),
  };
}

/** The distinct indexed words that start with `prefix` (a skip scan: one short read per word). */
async function wordRuns(db: FactmarkDB, prefix: string, max: number): Promise<string[]> {
  const runs: string[] = [];
  const { upper } = wordRange(prefix, true);
  let lower: unknown[] = [prefix, MIN_KEY];
  while (runs.length < max) {
    const [key] = (await db.annotations.where(INDEX.words).between(lower, upper, true, true).limit(1).keys()) as unknown as [WordKey?];
    if (!key) break;
    runs.push(key[0]);
    lower = [key[0], maxKey()];
  }
  return runs;
}

interface RunCursor {
  word: string;
  /** Entries read so far from this run. */
  read: number;
  buffer: { id: string; updated: number }[];
  done: boolean;
}

/**
 * A text search: the runs of the words that start with the longest query word are merged newest
 * first (each run is already in that order), deduplicated, read in chunks and checked against
 * the whole query. Sorted by recency it stops at the page; sorted otherwise it sorts the most
 * recent `sortCap` matches.
 */
async function textSearch(db: FactmarkDB, plan: QueryPlan, words: string[], offset: number, limit: number, limits: SearchLimits): Promise<SearchPage> {
  const runs: RunCursor[] = words.map((word) => ({ word, read: 0, buffer: [], done: false }));
  const byRecency = plan.query.sort === 'recent';
  const want = byRecency ? offset + limit + 1 : limits.sortCap;
  const refill = async (run: RunCursor) => {
    const { lower, upper } = wordRange(run.word, false);
    const size = Math.max(1, Math.min(limits.chunk, want));
    const entries: { id: string; updated: number }[] = [];
    await db.annotations
      .where(INDEX.words)
      .between(lower, upper, true, true)
      .reverse()
      .offset(run.read)
      .limit(size)
      .eachKey((key, cursor) => void entries.push({ id: cursor.primaryKey as string, updated: (key as unknown as WordKey)[1] }));
    run.read += entries.length;
    run.buffer = entries;
    run.done = entries.length < size;
  };
  const seen = new Set<string>();
  /**
   * The next `n` candidates newest first (ties: larger id first, as IndexedDB orders them).
   * Synchronous between refills on purpose: inside a Dexie transaction every native `await`
   * should wait for IndexedDB, or the transaction may commit under us (PrematureCommitError).
   */
  const take = async (n: number): Promise<string[]> => {
    const ids: string[] = [];
    while (ids.length < n) {
      const empty = runs.filter((r) => r.buffer.length === 0 && !r.done);
      if (empty.length) await Promise.all(empty.map(refill));
      let best: RunCursor | undefined;
      for (const run of runs) {
        const head = run.buffer[0];
        const top = best?.buffer[0];
        if (head && (!top || head.updated > top.updated || (head.updated === top.updated && head.id > top.id))) best = run;
      }
      if (!best) break;
      const { id } = best.buffer.shift()!;
      if (!seen.has(id)) {
        seen.add(id);
        ids.push(id);
      }
    }
    return ids;
  };

  const matches: Annotation[] = [];
  let checked = 0;
  let exhausted = false;
  for (let round = 0; matches.length < want && checked < limits.scanBudget; round++) {
    // First ask for as many as still wanted (most candidates match: they come from the query's
    // own word); when other words or filters reject many, ask for more each round (×2, up to 8 chunks).
    const wanted = want - matches.length;
    const size = round === 0 ? wanted : Math.max(wanted, limits.chunk << Math.min(round - 1, 3));
    const ids = await take(Math.max(1, Math.min(size, limits.chunk * 8)));
    if (ids.length === 0) {
      exhausted = true;
      break;
    }
    checked += ids.length;
    for (const a of await db.annotations.bulkGet(ids)) if (a && plan.matches(a)) matches.push(a);
  }
  if (byRecency) {
    const hasMore = matches.length > offset + limit;
    return {
      notes: matches.slice(offset, offset + limit),
      hasMore,
      ...(exhausted ? { total: matches.length } : {}),
      ...(!exhausted && !hasMore ? { partial: true } : {}),
    };
  }
  matches.sort(plan.compare);
  return {
    notes: matches.slice(offset, offset + limit),
    hasMore: matches.length > offset + limit,
    ...(exhausted ? { total: matches.length } : { partial: true }),
  };
}

export interface MatchCount {
  count: number;
  /** True when the count stopped at the cap ("more than 1,000"). */
  capped: boolean;
}

/**
 * How many live notes match, when that is cheap to know: from the kept counts (no filter, or
 * one verdict, one site or one tag), or for a one-word search from that word's index entries,
 * up to `cap`. Otherwise undefined: counting would walk the notes, and in Chromium a long
 * IndexedDB read holds up every other request of the extension (the library's next page, a
 * save). searchAnnotations also reports the total whenever it reached the end.
 */
export async function countMatches(db: FactmarkDB, query: LibraryQuery, cap = 1000): Promise<MatchCount | undefined> {
  const plan = planQuery(query);
  const q = plan.query;
  const filters = [q.verdict, q.site, q.tag].filter((f) => f !== undefined).length;
  const dated = q.from !== undefined || q.to !== undefined;
  if (!plan.tokens.length && !dated && filters <= 1) {
    const key = q.verdict ? COUNT_KEYS.verdict(q.verdict) : q.site ? COUNT_KEYS.site(q.site) : q.tag ? COUNT_KEYS.tag(q.tag) : COUNT_KEYS.all;
    return { count: (await db.noteCounts.get(key))?.n ?? 0, capped: false };
  }
  if (plan.tokens.length === 1 && !dated && filters === 0) {
    const { lower, upper } = wordRange(plan.tokens[0], true);
    const keys = (await db.annotations.where(INDEX.words).between(lower, upper, true, true).limit(cap + 1).primaryKeys()) as string[];
    const distinct = new Set(keys).size;
    return keys.length <= cap ? { count: distinct, capped: false } : { count: distinct, capped: true };
  }
  return undefined;
}

export interface LibraryStats {
  notes: number;
  pages: number;
  byVerdict: Record<Verdict, number>;
}

/** Counts for the library's header and verdict filter, from the kept counts (a dozen reads). */
export async function libraryStats(db: FactmarkDB): Promise<LibraryStats> {
  const keys = [COUNT_KEYS.all, COUNT_KEYS.pages, ...VERDICTS.map(COUNT_KEYS.verdict)];
  const rows = await db.noteCounts.bulkGet(keys);
  const n = (i: number) => rows[i]?.n ?? 0;
  const byVerdict = Object.fromEntries(VERDICTS.map((v, i) => [v, n(i + 2)])) as Record<Verdict, number>;
  return { notes: n(0), pages: n(1), byVerdict };
}

/**
 * Up to `limit` distinct sites with live notes, or tags, in order (suggestions for the filters).
 * A skip scan: one short index read per distinct value, never a pass over every note.
 */
export async function distinctSites(db: FactmarkDB, limit = 200): Promise<string[]> {
  return db.transaction('r', db.annotations, async () => {
    const out: string[] = [];
    let lower: unknown[] = [0, MIN_KEY];
    while (out.length < limit) {
      const [key] = (await db.annotations.where(INDEX.site).between(lower, [0, maxKey()], true, true).limit(1).keys()) as unknown as [
        [number, string, string, number]?,
      ];
      if (!key) break;
      out.push(key[1]);
      lower = [0, key[1], maxKey()];
    }
    return out;
  });
}

export async function distinctTags(db: FactmarkDB, limit = 200): Promise<string[]> {
  return db.transaction('r', db.annotations, async () => {
    const out: string[] = [];
    let last: string | null = null;
    while (out.length < limit) {
      const c = last === null ? db.annotations.orderBy(INDEX.tags) : db.annotations.where(INDEX.tags).above(last);
      const [key] = (await c.limit(1).keys()) as string[];
      if (key === undefined) break;
      out.push(key);
      last = key;
    }
    return out;
  });
}

/** Every record, tombstones included: what a full native export carries so merges never resurrect deletions. */
export function listEverything(db: FactmarkDB): Promise<Annotation[]> {
  return db.annotations.toArray();
}
