/**
 * The Dexie database. It lives only in the extension origin (background, popup, library page):
 * a content script's IndexedDB would belong to the web page and leak notes to the site.
 *
 * Versions are never edited once released; each new version adds an upgrade that is tested on
 * data written by the previous one (tests/storage/schema-upgrade.test.ts).
 */
import Dexie, { type EntityTable } from 'dexie';
import type { Annotation } from '../model/annotation';
import type { KnownClaim } from '../known-claims/types';

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
} as const;

export const CURRENT_VERSION = 2;

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
  return db;
}

let shared: FactmarkDB | undefined;

/** The one database of this extension context. */
export function getDb(): FactmarkDB {
  shared ??= createDb();
  return shared;
}
