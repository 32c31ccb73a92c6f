/**
 * The Dexie database. It lives only in the extension origin (background, popup, library page):
 * a content script's IndexedDB would belong to the web page and leak notes to the site.
 *
 * Versions are never edited once released; each new version adds an upgrade that is tested on
 * data written by the previous one (tests/storage/schema-upgrade.test.ts).
 */
import Dexie, { type DBCore, type DBCoreCursor, type DBCoreTable, type DBCoreMutateRequest, type DBCoreMutateResponse, type DBCoreTransaction, type EntityTable, type Middleware } from 'dexie';
import type { Annotation } from '../model/annotation';
import type { KnownClaim } from '../known-claims/types';
import { withSearchFields, withoutSearchFields } from '../search/fields';
import { COUNT_KEYS, addDelta, applyDeltas, countAll, countIn, logicalCounts, rowKeyOf, storeCounts, type CountRow } from '../search/counts';
import { appendToChangeLog } from '../search/change-log';
import { ANY, SEARCH_STORES, appendEntries, termEntryOf, type CatalogRow, type SearchTables, type SegmentRecord, type TailRecord } from './search-index';
import type { TermEntry } from '../search/term-segment';

export const DB_NAME = 'factmark';

/** Version 5 (and 6, the same stores): the packed full-text index. */
const V5_STORES = {
  // The search words leave the notes for the packed index (utils/storage/search-index.ts):
  // `*words` cost ~39 index writes per note. The single-field indexes pageUrl, updated and
  // verdict go too: the compound indexes answer every query that used them.
  annotations: 'id, *tags, [deleted+updated], [pageUrl+deleted], [deleted+verdict+updated], [deleted+site+updated], [deleted+site+pageUrl+updated]',
  knownClaims: 'id, updated',
  noteCounts: 'key',
  searchTail: '++seq',
  searchSegments: '++seq',
  searchCatalog: 'seq',
} as const;

/** Index specs per version, exported so the upgrade test can open a database exactly as an old release did. */
export const SCHEMA_VERSIONS = {
  1: {
    // pageUrl: per-page lookup; updated: recency; verdict and *tags: filters.
    annotations: 'id, pageUrl, updated, verdict, *tags',
  },
  2: {
    // [deleted+updated]: live notes by recency without scanning tombstones;
    // [pageUrl+deleted]: a page's live notes in one index range.
    annotations: 'id, pageUrl, updated, verdict, *tags, [deleted+updated], [pageUrl+deleted]',
    // Known claims (imported ClaimReviews and the reader's own graded notes) matched on any page.
    knownClaims: 'id, updated',
  },
  3: {
    // Library search and browsing (utils/search/query.ts plans over these):
    // *words: [folded search token, updated] pairs, so each word lists its notes newest first;
    // [deleted+verdict+updated] and [deleted+site+updated]: a verdict or a site, newest first;
    // [deleted+site+pageUrl+updated]: sort by site, grouped by page. `words` and `site` are
    // derived (searchFieldsMiddleware below).
    annotations:
      'id, pageUrl, updated, verdict, *tags, [deleted+updated], [pageUrl+deleted], *words, [deleted+verdict+updated], [deleted+site+updated], [deleted+site+pageUrl+updated]',
    knownClaims: 'id, updated',
  },
  4: {
    annotations:
      'id, pageUrl, updated, verdict, *tags, [deleted+updated], [pageUrl+deleted], *words, [deleted+verdict+updated], [deleted+site+updated], [deleted+site+pageUrl+updated]',
    knownClaims: 'id, updated',
    // Live-note counts by key (utils/search/counts.ts), kept by the middleware below, so the
    // library shows totals without walking the notes.
    noteCounts: 'key',
  },
  5: V5_STORES,
  // Same stores; page, site and tag counts are kept in bucket rows (see the upgrade below).
  6: V5_STORES,
  7: {
    ...V5_STORES,
    // Indexes the background builds from the data and keeps across service-worker restarts
    // (utils/storage/known-claims-matcher.ts): a cache, rebuilt whenever missing or stale.
    indexCache: 'key',
  },
} as const;

export const CURRENT_VERSION = 7;

export type FactmarkDB = Dexie & {
  annotations: EntityTable<Annotation, 'id'>;
  knownClaims: EntityTable<KnownClaim, 'id'>;
  noteCounts: EntityTable<CountRow, 'key'>;
  searchTail: EntityTable<TailRecord, 'seq'>;
  searchSegments: EntityTable<SegmentRecord, 'seq'>;
  searchCatalog: EntityTable<CatalogRow, 'seq'>;
  indexCache: EntityTable<CachedIndex, 'key'>;
};

/** A derived index kept in `indexCache`, current as of a table's write counter. */
export interface CachedIndex {
  key: string;
  /** The write counter (COUNT_KEYS.writes) of the source table when the index was built. */
  writes: number;
  value: unknown;
}

export function createDb(name: string = DB_NAME): FactmarkDB {
  const db = new Dexie(name) as FactmarkDB;
  db.version(1).stores(SCHEMA_VERSIONS[1]);
  db.version(2)
    .stores(SCHEMA_VERSIONS[2])
    .upgrade(async (tx) => {
      // Version 1 marked a deleted note with an optional `deletedAt`; version 2 keeps `deleted`
      // as 0 (live) or the deletion time, so live notes sit in one index range.
      await tx
        .table('annotations')
        .toCollection()
        .modify((a: Record<string, unknown>) => {
          const deletedAt = typeof a.deletedAt === 'number' ? a.deletedAt : 0;
          delete a.deletedAt;
          a.deleted = typeof a.deleted === 'number' ? a.deleted : deletedAt;
        });
    });
  db.version(3)
    .stores(SCHEMA_VERSIONS[3])
    .upgrade(async (tx) => {
      // Rewriting each record is enough: the middleware computes `words` and `site` on the put.
      await tx
        .table('annotations')
        .toCollection()
        .modify(() => {});
    });
  db.version(4)
    .stores(SCHEMA_VERSIONS[4])
    .upgrade(async (tx) => {
      // The counts start from a full count of what is there.
      const { put } = storeCounts(countAll(await tx.table('annotations').toArray()), new Map());
      await tx.table('noteCounts').clear();
      await tx.table('noteCounts').bulkPut(put);
    });
  db.version(5)
    .stores(SCHEMA_VERSIONS[5])
    .upgrade(async (tx) => {
      // Rewriting each record drops its `words` (withSearchFields) and, through the middleware,
      // writes its entry into the new search index.
      await tx
        .table('annotations')
        .toCollection()
        .modify(() => {});
    });
  db.version(6)
    .stores(SCHEMA_VERSIONS[6])
    .upgrade(async (tx) => {
      // Page, site and tag counts move into bucket rows (utils/search/counts.ts); the values stay.
      const table = tx.table('noteCounts');
      const { put } = storeCounts(logicalCounts(await table.toArray()), new Map());
      await table.clear();
      await table.bulkPut(put);
    });
  // A new store only: nothing to move.
  db.version(7).stores(SCHEMA_VERSIONS[7]);
  db.use(searchFieldsMiddleware);
  return db;
}

/**
 * Keeps what is derived from the notes in step with every write, whoever writes (the
 * repository, an import's bulkPut, a `modify`, an upgrade):
 *   - the indexed field `site` (utils/search/fields.ts), added to every record put and removed
 *     from every record read, so replies, exports and tests see plain model records;
 *   - the `noteCounts` rows (utils/search/counts.ts) and the full-text index
 *     (utils/storage/search-index.ts), updated in the same transaction as the write: every
 *     read-write transaction on `annotations` is widened to their tables.
 * A DBCore middleware rather than `creating`/`updating` hooks: it sees the whole new record on
 * every add/put (an `updating` hook sees only the changed keys), it can widen transactions and
 * strip reads, and hooks are skipped by nothing. Level 10 (the default) puts it above Dexie's
 * own observability layer (level 0), which must see the index and count writes to wake
 * the library's live queries.
 */
const COUNTS = 'noteCounts';
/** Above this many count rows, a write reads the whole counts table at once (see recount). */
const COUNT_ROWS_READ_ONE_BY_ONE = 16;
const searchFieldsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'FactmarkSearchFields',
  create: (down) => {
    const hasCounts = down.schema.tables.some((t) => t.name === COUNTS);
    const hasSearch = down.schema.tables.some((t) => t.name === SEARCH_STORES[0]);
    return {
      ...down,
      transaction(stores, mode, options) {
        if (mode !== 'readwrite') return down.transaction(stores, mode, options);
        const extra = [
          ...(hasCounts && (stores.includes('annotations') || stores.includes('knownClaims')) ? [COUNTS] : []),
          ...(hasSearch && stores.includes('annotations') ? SEARCH_STORES : []),
        ].filter((s) => !stores.includes(s));
        return down.transaction(extra.length ? [...stores, ...extra] : stores, mode, options);
      },
      table(name) {
        if (name !== 'annotations' && name !== 'knownClaims') return down.table(name);
        const table = zoned(down.table(name));
        const countsTable = hasCounts ? zoned(down.table(COUNTS)) : null;
        // An upgrade from before version 4 rewrites notes before the counts store exists; the
        // version 4 upgrade then counts from scratch.
        const inTrans = (trans: DBCoreTransaction, store: string) => (trans as unknown as IDBTransaction).objectStoreNames?.contains(store) !== false;
        const countsIn = (trans: DBCoreTransaction) => (countsTable && inTrans(trans, COUNTS) ? countsTable : null);
        // Likewise the search index: an upgrade from before version 5 rewrites the notes first.
        const searchTables: SearchTables | null = hasSearch
          ? { tail: zoned(down.table('searchTail')), segments: zoned(down.table('searchSegments')), catalog: zoned(down.table('searchCatalog')) }
          : null;
        const index = (trans: DBCoreTransaction, entries: TermEntry[]) =>
          searchTables && inTrans(trans, SEARCH_STORES[0]) ? appendEntries(searchTables, trans, entries) : undefined;
        /**
         * One more write on this table (COUNT_KEYS.writes), in the write's own transaction; for
         * the notes, with the ids it touched (utils/search/change-log.ts).
         */
        const bumpWrites = async (trans: DBCoreTransaction, ids?: readonly string[]) => {
          const counts = countsIn(trans);
          if (!counts) return;
          const key = COUNT_KEYS.writes(name);
          const [row] = (await counts.getMany({ trans, keys: [key] })) as (CountRow | undefined)[];
          const n = (row?.n ?? 0) + 1;
          const value: CountRow = ids ? { key, n, changes: appendToChangeLog(row?.changes, n, ids) } : { key, n };
          await counts.mutate({ trans, type: 'put', values: [value] });
        };
        if (name === 'knownClaims') {
          return {
            ...table,
            async mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
              enterZone(req.trans);
              const res = await table.mutate(req);
              await bumpWrites(req.trans);
              return res;
            },
          };
        }

        /** Applies count changes inside the write's own transaction. */
        const recount = async (trans: DBCoreTransaction, deltas: Map<string, number>) => {
          const counts = countsIn(trans);
          if (!counts) return;
          const keys = [...deltas.keys()].filter((k) => deltas.get(k) !== 0);
          if (!keys.length) return;
          keys.push(COUNT_KEYS.pages);
          const rowKeys = [...new Set(keys.map(rowKeyOf))];
          const stored = new Map<string, CountRow | undefined>();
          // Each IndexedDB request costs ~0.1–0.4 ms of this thread in Chromium: an import chunk
          // touching many rows reads the whole (small: ~80 rows) table in one request instead.
          if (rowKeys.length > COUNT_ROWS_READ_ONE_BY_ONE) {
            const all = (await counts.query({ trans, values: true, query: { index: counts.schema.primaryKey, range: ANY } })).result as CountRow[];
            for (const row of all) stored.set(row.key, row);
          } else {
            const rows = (await counts.getMany({ trans, keys: rowKeys })) as (CountRow | undefined)[];
            rowKeys.forEach((k, i) => stored.set(k, rows[i]));
          }
          const current = new Map(keys.map((k) => [k, countIn(stored.get(rowKeyOf(k)), k)]));
          const { put, remove } = storeCounts(applyDeltas(deltas, current), stored);
          if (put.length) await counts.mutate({ trans, type: 'put', values: put });
          if (remove.length) await counts.mutate({ trans, type: 'delete', keys: remove });
        };
        const failed = (res: DBCoreMutateResponse, i: number) => !!res.failures && Object.hasOwn(res.failures, i);

        return {
          ...table,
          async mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
            enterZone(req.trans);
            const deltas = new Map<string, number>();
            const counts = countsIn(req.trans);
            if (req.type === 'add' || req.type === 'put') {
              const values = req.values.map((v) => withSearchFields(v as Annotation));
              // An add never replaces a record (an existing key fails), so only a put reads what it replaces.
              // Requests run in the order they are made, so this read sees every earlier write.
              const beforeRead =
                counts && req.type === 'put' ? (table.getMany({ trans: req.trans, keys: values.map((v) => v.id) }) as Promise<(Annotation | undefined)[]>) : undefined;
              const written = table.mutate({ ...req, values });
              written.catch(() => undefined); // awaited below; a failed read first must not leave it unhandled
              // The derived updates (counts, full-text index, write counter) read and rewrite shared
              // rows, so they run one write after another; the notes' own requests above are sent at
              // once, so an import with several chunks in flight keeps IndexedDB busy meanwhile.
              return derivedInOrder(req.trans, async () => {
                const before = (await beforeRead) ?? [];
                const res = await written;
                // The same id twice in one bulk write: the second replaces the first.
                const latest = new Map<string, Annotation | undefined>();
                values.forEach((v, i) => {
                  if (failed(res, i)) return;
                  if (counts) addDelta(deltas, latest.has(v.id) ? latest.get(v.id) : before[i], v);
                  latest.set(v.id, v);
                });
                if (counts) await recount(req.trans, deltas);
                await index(req.trans, [...latest.values()].map((a) => termEntryOf(a!)));
                await bumpWrites(req.trans, [...latest.keys()]);
                return res;
              });
            }
            return derivedInOrder(req.trans, async () => {
              if (!counts && !searchTables) {
                const res = await table.mutate(req);
                await bumpWrites(req.trans);
                return res;
              }
              // Deletions (the app only soft-deletes; imports, tests and clear() may not).
              const gone =
                req.type === 'delete'
                  ? ((await table.getMany({ trans: req.trans, keys: req.keys })) as (Annotation | undefined)[])
                  : ((await table.query({ trans: req.trans, values: true, query: { index: table.schema.primaryKey, range: req.range } })).result as Annotation[]);
              const res = await table.mutate(req);
              const removed = gone.filter((a): a is Annotation => !!a);
              for (const a of removed) addDelta(deltas, a, undefined);
              await recount(req.trans, deltas);
              // A note removed outright leaves a dead entry, so an older segment cannot bring it back.
              await index(req.trans, removed.map((a) => termEntryOf(a, false)));
              await bumpWrites(req.trans, removed.map((a) => a.id));
              return res;
            });
          },
          get: (req) => table.get(req).then(withoutSearchFields),
          getMany: (req) => table.getMany(req).then((values) => values.map(withoutSearchFields)),
          query: (req) =>
            table.query(req).then((res) => (req.values ? { ...res, result: res.result.map(withoutSearchFields) } : res)),
          openCursor: (req) =>
            table.openCursor(req).then((cursor) => (cursor && req.values ? strippingCursor(cursor) : cursor)),
        };
      },
    };
  },
};

/**
 * Dexie keeps the transaction in a "zone" (PSD) that survives only a limited number of native
 * `await`s; a middleware that awaits more (this one does: counts, index, packing) finds the zone
 * gone and Dexie's own layers below fail (dexie/Dexie.js#1709). So the zone current when a write
 * enters the middleware (synchronously, still Dexie's) is remembered per transaction and every
 * call down runs in it.
 */
type Zone = unknown;

/**
 * The writes of one transaction whose derived updates are still running, chained: each starts
 * when the previous one has finished (or failed: its own caller sees that error, and the
 * transaction aborts anyway).
 */
const derivedQueues = new WeakMap<DBCoreTransaction, Promise<unknown>>();
function derivedInOrder<T>(trans: DBCoreTransaction, step: () => Promise<T>): Promise<T> {
  const previous = derivedQueues.get(trans) ?? Promise.resolve();
  const next = previous.then(
    () => inZone(trans, step),
    () => inZone(trans, step),
  );
  derivedQueues.set(trans, next.catch(() => undefined));
  return next;
}
const DexieZones = Dexie.Promise as unknown as { PSD: Zone; usePSD<T>(zone: Zone, fn: () => T): T };
const zones = new WeakMap<DBCoreTransaction, Zone>();
function enterZone(trans: DBCoreTransaction): void {
  if (!zones.has(trans)) zones.set(trans, DexieZones.PSD);
}
function inZone<T>(trans: DBCoreTransaction, fn: () => T): T {
  const zone = zones.get(trans);
  return zone === undefined ? fn() : DexieZones.usePSD(zone, fn);
}
function zoned(table: DBCoreTable): DBCoreTable {
  return {
    ...table,
    mutate: (req) => inZone(req.trans, () => table.mutate(req)),
    get: (req) => inZone(req.trans, () => table.get(req)),
    getMany: (req) => inZone(req.trans, () => table.getMany(req)),
    query: (req) => inZone(req.trans, () => table.query(req)),
    openCursor: (req) => inZone(req.trans, () => table.openCursor(req)),
    count: (req) => inZone(req.trans, () => table.count(req)),
  };
}

/**
 * The cursor with `value` stripped. In browsers the cursor is a native IDBCursor (with Dexie's
 * methods added as own properties): its native getters throw "Illegal invocation" on any other
 * `this`, so `key` and `primaryKey` are forwarded too, as Dexie's own cursor wrappers do.
 */
function strippingCursor(cursor: DBCoreCursor): DBCoreCursor {
  return Object.create(cursor, {
    key: { get: () => cursor.key },
    primaryKey: { get: () => cursor.primaryKey },
    value: { get: () => withoutSearchFields(cursor.value) },
  });
}

let shared: FactmarkDB | undefined;

/** The one database of this extension context. */
export function getDb(): FactmarkDB {
  shared ??= createDb();
  return shared;
}
