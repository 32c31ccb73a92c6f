/**
 * The Dexie database. It lives only in the extension origin (background, popup, library page):
 * a content script's IndexedDB would belong to the web page and leak notes to the site.
 *
 * Versions are never edited once released; each new version adds an upgrade that is tested on
 * data written by the previous one (tests/storage/schema-upgrade.test.ts).
 */
import Dexie, { type DBCore, type DBCoreCursor, type DBCoreMutateRequest, type EntityTable, type Middleware } from 'dexie';
import type { Annotation } from '../model/annotation';
import type { KnownClaim } from '../known-claims/types';
import { withSearchFields, withoutSearchFields } from '../search/fields';

export const DB_NAME = 'factmark';

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
} as const;

export const CURRENT_VERSION = 3;

export type FactmarkDB = Dexie & {
  annotations: EntityTable<Annotation, 'id'>;
  knownClaims: EntityTable<KnownClaim, 'id'>;
};

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
  db.use(searchFieldsMiddleware);
  return db;
}

/**
 * Keeps the derived search fields (`words`, `site`; utils/search/fields.ts) of `annotations` in
 * step with every write, whoever writes: the repository, an import's bulkPut, a `modify`, an
 * upgrade. A DBCore middleware rather than `creating`/`updating` hooks: it sees the whole new
 * record on every add/put (an `updating` hook sees only the changed keys and would have to
 * merge them itself), and it can also remove the fields on every read, so replies, exports and tests see plain model records. Level 10 (the default)
 * puts it above Dexie's own observability layer (level 0), which must see the new `words` to
 * wake the library's live queries on that index.
 */
const searchFieldsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'FactmarkSearchFields',
  create: (down) => ({
    ...down,
    table(name) {
      const table = down.table(name);
      if (name !== 'annotations') return table;
      return {
        ...table,
        mutate(req: DBCoreMutateRequest) {
          if (req.type !== 'add' && req.type !== 'put') return table.mutate(req);
          return table.mutate({ ...req, values: req.values.map((v) => withSearchFields(v as Annotation)) });
        },
        get: (req) => table.get(req).then(withoutSearchFields),
        getMany: (req) => table.getMany(req).then((values) => values.map(withoutSearchFields)),
        query: (req) =>
          table.query(req).then((res) => (req.values ? { ...res, result: res.result.map(withoutSearchFields) } : res)),
        openCursor: (req) =>
          table.openCursor(req).then((cursor) => (cursor && req.values ? strippingCursor(cursor) : cursor)),
      };
    },
  }),
};

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
