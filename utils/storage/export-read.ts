/**
 * The notes an export writes, read a chunk at a time (utils/formats/export-worker-protocol.ts
 * serialises each chunk while the next is read).
 *
 * Everything: primary-key order (what `listEverything`'s toArray gave), in ONE read-only
 * transaction, so the file is a snapshot like the single read was. The next chunk's `getAll` is
 * asked for as soon as a chunk arrives, before the consumer serialises it: IndexedDB reads while
 * the consumer works, and the transaction always has a request pending, so it stays open between
 * chunks. Raw IndexedDB, because a Dexie transaction cannot stay open across the consumer's own
 * awaits. Measured in Chromium on this machine (100,000 notes, bench/share-browser.ts notes):
 * chunks of 2,000 read as fast as one `getAll`; two ranges in flight (keys read first) were
 * slower, because the reads queue in the browser's one IndexedDB backend anyway.
 *
 * A selection: by ids in the order given (what the library's `bulkGet` gave), or every result
 * of a library query (the library's own search, run here).
 */
import type { Annotation } from '../model/annotation';
import type { LibraryQuery } from '../search/query';
import type { ExportSource } from '../formats/export-worker-protocol';
import type { FactmarkDB } from './db';
import { searchAnnotations } from './annotations';


export interface NoteChunk {
  notes: Annotation[];
  /** Notes read so far, this chunk included, of `total`. */
  done: number;
  total: number;
}

/** Notes per chunk: ~2.5 MB of JSON, a few tens of milliseconds of serialising. */
export const EXPORT_CHUNK = 2_000;

export function readForExport(db: FactmarkDB, source: ExportSource, signal?: AbortSignal, size = EXPORT_CHUNK): AsyncIterable<NoteChunk> {
  switch (source.kind) {
    case 'everything':
      return readEverything(db, size, signal);
    case 'ids':
      return readIds(db, source.ids, size, signal);
    case 'query':
      return readQuery(db, source.query, size, signal);
  }
}

/** Every record, tombstones included, in key order, one transaction, one read ahead. */
async function* readEverything(db: FactmarkDB, size: number, signal?: AbortSignal): AsyncGenerator<NoteChunk> {
  await db.open();
  const idb = db.backendDB();
  signal?.throwIfAborted();
  const store = idb.transaction('annotations', 'readonly').objectStore('annotations');
  const request = <T>(r: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
  const total = request(store.count());
  total.catch(() => undefined); // awaited below; a failure then surfaces there
  let next = request(store.getAll(null, size) as IDBRequest<Annotation[]>);
  let done = 0;
  for (;;) {
    const rows = await next;
    // Ask for the next chunk before handing this one over (its `onsuccess` keeps the
    // transaction open). A full chunk may be the last: then the next read finds nothing.
    if (rows.length === size) next = request(store.getAll(IDBKeyRange.lowerBound(rows[rows.length - 1].id, true), size) as IDBRequest<Annotation[]>);
    done += rows.length;
    // The records as stored, derived `site` included: every exporter writes named fields only
    // (the bundle through canonicalAnnotation), and copying 100,000 records to drop it costs time.
    if (rows.length) yield { notes: rows, done, total: Math.max(done, await total) };
    if (rows.length < size) return;
    signal?.throwIfAborted();
  }
}

/** The live notes among `ids`, in that order (missing and deleted ones left out). */
async function* readIds(db: FactmarkDB, ids: readonly string[], size: number, signal?: AbortSignal): AsyncGenerator<NoteChunk> {
  let next = ids.length ? db.annotations.bulkGet(ids.slice(0, size)) : undefined;
  for (let at = 0; next; at += size) {
    const rows = await next;
    next = at + size < ids.length ? db.annotations.bulkGet(ids.slice(at + size, at + 2 * size)) : undefined;
    yield { notes: rows.filter((a): a is Annotation => !!a && a.deleted === 0), done: Math.min(ids.length, at + size), total: ids.length };
    signal?.throwIfAborted();
  }
}

/** Every result of a library query, in the library's order. */
async function* readQuery(db: FactmarkDB, query: LibraryQuery, size: number, signal?: AbortSignal): AsyncGenerator<NoteChunk> {
  const { notes } = await searchAnnotations(db, query, { offset: 0, limit: Infinity });
  signal?.throwIfAborted();
  for (let at = 0; at < notes.length; at += size) {
    yield { notes: notes.slice(at, at + size), done: Math.min(notes.length, at + size), total: notes.length };
  }
}
