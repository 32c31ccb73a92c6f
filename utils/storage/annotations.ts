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
import { INDEX, MIN_KEY, maxKey, planQuery, type LibraryQuery, type QueryPlan, type RangeScan } from '../search/query';
import type { TermQuery } from '../search/term-index';
import { readTermSnapshot } from './search-index';
import { COUNT_KEYS, countIn, rowKeyOf } from '../search/counts';

/** A write that would break a rule of the model (e.g. a verdict without sources). */
export class RuleError extends Error {
  constructor(
    message: string,
    /** Which rule, when the UI words it itself. */
    readonly rule?: 'needs-source',
  ) {
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
    if (!hasRequiredSource(updated)) throw new RuleError(NEEDS_SOURCE_MESSAGE, 'needs-source');
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
// Library search. The plan (utils/search/query.ts) says whether an index range of the notes
// gives the answer in order (then only the page is read); every other query — search words, a
// tag, filters no range combines — is answered whole by the packed full-text index
// (utils/storage/search-index.ts), which knows each note's words, verdict, page, tags and time,
// and only the page's records are read.

export interface SearchPage {
  /** The requested slice, in the query's sort order. */
  notes: Annotation[];
  /** More matches follow this page. */
  hasMore: boolean;
  /** How many notes match, when this read learned it on the way (else: `countMatches`). */
  total?: number;
}

const scanOf = (db: FactmarkDB, s: RangeScan) => {
  const c = db.annotations.where(s.index).between(s.lower, s.upper, true, true);
  return s.reverse ? c.reverse() : c;
};

const searchTables = (db: FactmarkDB) => [db.annotations, db.searchTail, db.searchSegments, db.searchCatalog];

const termQueryOf = (plan: QueryPlan): TermQuery => ({ ...plan.query, tokens: plan.tokens });

/** One page of the live notes matching `query`, in its sort order. */
export function searchAnnotations(db: FactmarkDB, query: LibraryQuery, { offset = 0, limit = 50 }: ListOptions = {}): Promise<SearchPage> {
  const plan = planQuery(query);
  if (plan.driverIsExact) return db.transaction('r', db.annotations, () => pageOfScans(db, plan.driver, offset, limit));
  return db.transaction('r', searchTables(db), async () => {
    const hits = (await readTermSnapshot(db)).search(termQueryOf(plan));
    const rows = await db.annotations.bulkGet(hits.slice(offset, offset + limit).map((h) => h.id));
    // The records are the truth; the index agrees with them by construction (same transaction
    // as every write), so this filter is a guard, not a step.
    const notes = rows.filter((a): a is Annotation => !!a && plan.matches(a));
    return { notes, hasMore: hits.length > offset + limit, total: hits.length };
  });
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

/**
 * How many live notes match, for the queries whose page read does not tell (searchAnnotations
 * returns the total of every query it answers from the full-text index): from the kept counts
 * (no filter, or one verdict, one site or one tag), else from the full-text index. Undefined
 * when the search itself gives the total.
 */
export async function countMatches(db: FactmarkDB, query: LibraryQuery): Promise<number | undefined> {
  const plan = planQuery(query);
  const q = plan.query;
  const filters = [q.verdict, q.site, q.tag].filter((f) => f !== undefined).length;
  const dated = q.from !== undefined || q.to !== undefined;
  if (!plan.tokens.length && !dated && filters <= 1) {
    const key = q.verdict ? COUNT_KEYS.verdict(q.verdict) : q.site ? COUNT_KEYS.site(q.site) : q.tag ? COUNT_KEYS.tag(q.tag) : COUNT_KEYS.all;
    return countIn(await db.noteCounts.get(rowKeyOf(key)), key);
  }
  if (!plan.driverIsExact) return undefined;
  return db.transaction('r', searchTables(db), async () => (await readTermSnapshot(db)).search(termQueryOf(plan)).length);
}

/** Reads the full-text index into this context's cache ahead of the first search (the library does it at idle). */
export function warmSearchIndex(db: FactmarkDB): Promise<number> {
  return db.transaction('r', searchTables(db), async () => (await readTermSnapshot(db)).size);
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
