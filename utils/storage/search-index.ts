/**
 * The full-text index on disk, and its reader. Three stores (schema v5, utils/storage/db.ts):
 *   searchTail      '++seq'  one record per write: the written notes' TermEntry list;
 *   searchSegments  '++seq'  packed segments (utils/search/term-segment.ts);
 *   searchCatalog   'seq'    a small row per segment (its size) and row 0, the tail's size,
 *                            so writers plan merges and readers find new segments without
 *                            reading any segment.
 *
 * Writing (the storage middleware calls `appendEntries` inside every write transaction on the
 * notes): the entries go to the tail; when the tail holds enough entries or records
 * (SEARCH_INDEX_POLICY) it is packed into a segment; when the newest segments are of one size
 * tier (or there are too many) they are merged. This is a log-structured merge
 * tree: a save costs one small record, an import one record per few thousand notes, and every
 * entry is rewritten about log8(notes / 2,000) times in its life.
 *
 * Order: the tail is always packed whole, so every tail record is newer than every segment; the
 * segments' order is their seq, since segments are only ever merged as a run of the newest ones
 * (the merged segment is then the newest).
 *
 * Reading (`readTermSnapshot`, inside a Dexie transaction over the three stores): the catalogue
 * and the tail are read on every search (small); segments are read once per context and cached.
 */
import type { DBCoreKeyRange, DBCoreRangeType, DBCoreTable, DBCoreTransaction } from 'dexie';
import type { Annotation } from '../model/annotation';
import { annotationWords } from '../search/tokens';
import { buildSegment, mergeSegments, type TermEntry, type TermSegment } from '../search/term-segment';
import { TermSnapshot, newestSegmentOf, type TermSource } from '../search/term-index';
import type { FactmarkDB } from './db';

export const SEARCH_STORES = ['searchTail', 'searchSegments', 'searchCatalog'] as const;

/**
 * When the tail is packed (entries or records) and when segments merge (the `mergeFactor` newest
 * of one size tier; everything beyond `maxSegments`). A merge is JavaScript work of ~50 ms per
 * 1,000 notes (rebuilding maps and posting lists), so a factor of 8 rather than 4 halves what an
 * import spends merging, for a few more segments to search (each a binary search and a walk).
 * Mutable only so tests can exercise packing and merging with a few notes.
 */
export const SEARCH_INDEX_POLICY = { tailEntries: 2000, tailRecords: 64, mergeFactor: 8, maxSegments: 32 };

export interface TailRecord {
  seq?: number;
  entries: TermEntry[];
}
export interface SegmentRecord {
  seq?: number;
  segment: StoredSegment;
}

/**
 * A segment as stored: its string lists (ids, vocabulary, pages, tags) joined into one string
 * each. Structured cloning costs per string: a 100,000-note index is ~500,000 short strings as
 * arrays, a handful as joined text, and splitting in memory is far cheaper than cloning.
 */
type StringsField = 'ids' | 'words' | 'pages' | 'tags';
export type StoredSegment = Omit<TermSegment, StringsField> & Record<StringsField, string | string[]>;

/** A separator no id, word, URL or tag contains (a list with it, or with an empty string, stays an array). */
const SEP = '\u001f';
const joinStrings = (list: string[]): string | string[] => (list.some((x) => x === '' || x.includes(SEP)) ? list : list.join(SEP));
const splitStrings = (stored: string | string[]): string[] => (typeof stored === 'string' ? (stored === '' ? [] : stored.split(SEP)) : stored);

export function storeSegment(seg: TermSegment): StoredSegment {
  return { ...seg, ids: joinStrings(seg.ids), words: joinStrings(seg.words), pages: joinStrings(seg.pages), tags: joinStrings(seg.tags) };
}

export function loadSegment(stored: StoredSegment): TermSegment {
  return {
    ...stored,
    ids: splitStrings(stored.ids),
    words: splitStrings(stored.words),
    pages: splitStrings(stored.pages),
    tags: splitStrings(stored.tags),
  };
}
/** Row 0: the tail's size. Other rows: one per segment, keyed by the segment's seq. */
export interface CatalogRow {
  seq: number;
  /** Entries (segment rows) or entries in the tail (row 0). */
  size: number;
  /** Tail records (row 0 only). */
  records?: number;
}

/** What the index keeps of a note (a tombstone: only that it is dead, to mask older entries). */
export function termEntryOf(a: Annotation, live = a.deleted === 0): TermEntry {
  return {
    id: a.id,
    updated: a.updated,
    live,
    verdict: a.verdict,
    pageUrl: a.pageUrl,
    tags: Array.isArray(a.tags) ? a.tags : [],
    words: live ? annotationWords(a) : [],
  };
}

// ---------------------------------------------------------------------------------------------
// Writing, at the DBCore level (inside the storage middleware).

export interface SearchTables {
  tail: DBCoreTable;
  segments: DBCoreTable;
  catalog: DBCoreTable;
}

/** Every key of a store (DBCoreRangeType.Any). */
export const ANY: DBCoreKeyRange = { type: 3 as DBCoreRangeType, lower: undefined, upper: undefined };
const tierOf = (size: number) => Math.floor(Math.log(Math.max(1, size / SEARCH_INDEX_POLICY.tailEntries)) / Math.log(SEARCH_INDEX_POLICY.mergeFactor));

/** Records the entries of one write, in the write's transaction; packs and merges when due. */
export async function appendEntries(t: SearchTables, trans: DBCoreTransaction, entries: TermEntry[]): Promise<void> {
  if (!entries.length) return;
  const [stats] = (await t.catalog.getMany({ trans, keys: [0] })) as (CatalogRow | undefined)[];
  const size = (stats?.size ?? 0) + entries.length;
  const records = (stats?.records ?? 0) + 1;
  if (size < SEARCH_INDEX_POLICY.tailEntries && records < SEARCH_INDEX_POLICY.tailRecords) {
    const added = await t.tail.mutate({ trans, type: 'add', values: [{ entries } satisfies TailRecord] });
    if (added.numFailures) throw new Error('Could not record the search index entries');
    await t.catalog.mutate({ trans, type: 'put', values: [{ seq: 0, size, records } satisfies CatalogRow] });
    return;
  }
  // The tail so far and these entries become one segment (a large write never visits the tail).
  const tail = stats?.records ? ((await t.tail.query({ trans, values: true, query: { index: t.tail.schema.primaryKey, range: ANY } })).result as TailRecord[]) : [];
  await addSegment(t, trans, buildSegment([...tail.flatMap((r) => r.entries), ...entries]));
  if (tail.length) await t.tail.mutate({ trans, type: 'deleteRange', range: ANY });
  await t.catalog.mutate({ trans, type: 'put', values: [{ seq: 0, size: 0, records: 0 } satisfies CatalogRow] });
  await mergeNewest(t, trans);
}

/** Writes a segment and its catalogue row. */
async function addSegment(t: SearchTables, trans: DBCoreTransaction, segment: TermSegment): Promise<void> {
  const res = await t.segments.mutate({ trans, type: 'add', values: [{ segment: storeSegment(segment) } satisfies SegmentRecord] });
  if (res.numFailures) throw new Error('Could not write a search segment');
  const seq = res.results![0] as number;
  await t.catalog.mutate({ trans, type: 'put', values: [{ seq, size: segment.ids.length } satisfies CatalogRow] });
}

/** Merges runs of the newest segments while the policy asks for it. */
async function mergeNewest(t: SearchTables, trans: DBCoreTransaction): Promise<void> {
  for (;;) {
    const rows = ((await t.catalog.query({ trans, values: true, query: { index: t.catalog.schema.primaryKey, range: ANY } })).result as CatalogRow[]).filter(
      (r) => r.seq > 0,
    );
    const run = mergeRun(rows.map((r) => r.size));
    if (!run) return;
    const chosen = rows.slice(rows.length - run);
    const records = (await t.segments.getMany({ trans, keys: chosen.map((r) => r.seq) })) as (SegmentRecord | undefined)[];
    const merged = mergeSegments(
      records.map((r) => loadSegment(r!.segment)),
      run === rows.length,
    );
    const seqs = chosen.map((r) => r.seq);
    await t.segments.mutate({ trans, type: 'delete', keys: seqs });
    await t.catalog.mutate({ trans, type: 'delete', keys: seqs });
    await addSegment(t, trans, merged);
  }
}

/**
 * How many of the newest segments to merge (0: none), given their sizes oldest first: the
 * `mergeFactor` newest when they are of one size tier (so a large segment is rewritten only
 * when enough of its size have gathered); everything when there are more than `maxSegments`
 * (which bounds the odd shapes deletions can leave).
 */
export function mergeRun(sizes: readonly number[]): number {
  const { mergeFactor, maxSegments } = SEARCH_INDEX_POLICY;
  if (sizes.length > maxSegments) return sizes.length;
  if (sizes.length < mergeFactor) return 0;
  const run = sizes.slice(sizes.length - mergeFactor);
  const tier = tierOf(run[0]);
  return run.every((s) => tierOf(s) === tier) ? mergeFactor : 0;
}

// ---------------------------------------------------------------------------------------------
// Reading, at the Dexie level.

interface SegmentCache {
  /** Loaded segments by seq. */
  loaded: Map<number, TermSource>;
  /** newestSegmentOf for the segment list `key`. */
  key: string;
  newest: Map<string, number>;
  /** The tail as last read (reused while its records are the same). */
  tailKey: string;
  tail: TermSource | null;
}
const caches = new WeakMap<FactmarkDB, SegmentCache>();

/**
 * The index as it is now. Call inside a Dexie transaction that includes SEARCH_STORES (every
 * await here is an IndexedDB request, so the transaction stays open); inside a liveQuery, the
 * reads make the query wake on every write to the notes.
 */
export async function readTermSnapshot(db: FactmarkDB): Promise<TermSnapshot> {
  const cache = caches.get(db) ?? { loaded: new Map(), key: '', newest: new Map(), tailKey: '', tail: null };
  caches.set(db, cache);
  const catalog = (await db.searchCatalog.toArray()).filter((r) => r.seq > 0).sort((a, b) => a.seq - b.seq);
  const missing = catalog.filter((r) => !cache.loaded.has(r.seq)).map((r) => r.seq);
  if (missing.length) {
    const records = await db.searchSegments.bulkGet(missing);
    records.forEach((r, i) => {
      if (!r) throw new Error(`Search segment ${missing[i]} is listed but missing`);
      cache.loaded.set(missing[i], { order: missing[i], seg: loadSegment(r.segment) });
    });
  }
  const key = catalog.map((r) => r.seq).join(',');
  const segments = catalog.map((r) => cache.loaded.get(r.seq)!);
  if (key !== cache.key) {
    const wanted = new Set(catalog.map((r) => r.seq));
    for (const seq of cache.loaded.keys()) if (!wanted.has(seq)) cache.loaded.delete(seq);
    cache.newest = newestSegmentOf(segments);
    cache.key = key;
  }
  const tailKeys = (await db.searchTail.toCollection().primaryKeys()) as number[];
  const tailKey = tailKeys.join(',');
  if (tailKey !== cache.tailKey) {
    const tail = tailKeys.length ? ((await db.searchTail.bulkGet(tailKeys)) as (TailRecord | undefined)[]) : [];
    const entries = tail.flatMap((r) => r?.entries ?? []);
    cache.tail = entries.length ? { order: tailKeys[tailKeys.length - 1], seg: buildSegment(entries) } : null;
    cache.tailKey = tailKey;
  }
  return new TermSnapshot(segments, cache.tail, cache.newest);
}
