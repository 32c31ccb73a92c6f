/**
 * Export off the UI thread (utils/formats/export-worker-protocol.ts) with the database reader of
 * utils/storage/export-read.ts on fake-indexeddb: the worker's file has the bytes of the page's
 * old path (read everything or the selection, exportAs, one Blob), progress rises, Cancel stops
 * it with nothing returned, and a worker that cannot start leaves the job to the page.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { generateNotes } from '../../bench/generate-notes';
import { exportAs } from '../../utils/formats';
import {
  createExportWorkerHandler,
  exportOffThread,
  isExportRequest,
  writeExport,
  type ExportRequest,
  type FromExportWorker,
  type ReadFn,
  type ToExportWorker,
} from '../../utils/formats/export-worker-protocol';
import { fakeWorker as fakeWorkerOf } from './fake-worker';
import type { ExportFormat } from '../../utils/formats/types';
import { listEverything, searchAnnotations } from '../../utils/storage/annotations';
import { createDb, type FactmarkDB } from '../../utils/storage/db';
import { readForExport } from '../../utils/storage/export-read';
import type { Annotation } from '../../utils/model/annotation';

const FORMATS: ExportFormat[] = ['factmark-bundle', 'web-annotation', 'claim-review', 'markdown'];
const settings = { authorName: 'Ana <b>', now: Date.UTC(2026, 10, 27), clientVersion: '1.2.3' };

let db: FactmarkDB | undefined;
let dbs = 0;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});
async function seededDb(notes: Annotation[]): Promise<FactmarkDB> {
  db = createDb(`export-protocol-${process.pid}-${dbs++}`);
  await db.annotations.bulkAdd(notes);
  return db;
}

/** The file as the page wrote it before the worker: exportAs → one Blob of the string. */
const oldPath = (format: ExportFormat, notes: Annotation[]) => {
  // The Share tab left tombstones out of the open formats itself; the exporters do it too.
  const file = exportAs(format, format === 'factmark-bundle' ? notes : notes.filter((n) => !n.deleted), settings);
  return new Blob([file.content], { type: file.mime });
};

/** A worker running the real handler in this thread (the Blob it answers with is passed as is). */
const fakeWorker = (read: ReadFn, options: { failToStart?: boolean } = {}) =>
  fakeWorkerOf<ToExportWorker, FromExportWorker>((post) => createExportWorkerHandler(post, read), options);

const bytes = async (blob: Blob) => Buffer.from(await blob.arrayBuffer());

describe('export worker protocol', () => {
  it('reads in key order, in chunks, and writes the bytes of the old page path, for every format', async () => {
    const d = await seededDb(generateNotes(1_300, 41, { tombstones: 0.1 }));
    const all = await listEverything(d);
    for (const format of FORMATS) {
      for (const size of [1, 500, 1_300, 2_000]) {
        if (size === 1 && format !== 'factmark-bundle') continue; // slow on fake-indexeddb; one format is enough
        const file = await writeExport({ format, settings, source: { kind: 'everything' } }, (s, signal) => readForExport(d, s, signal, size));
        const expected = oldPath(format, all);
        expect((await bytes(file.blob)).equals(await bytes(expected)), `${format}, chunks of ${size}`).toBe(true);
        expect(file.blob.type).toBe(expected.type);
      }
    }
  });

  it('exports a selection by ids (in the order given, live notes only) and every result of a query', async () => {
    const notes = generateNotes(300, 42, { tombstones: 0.2 });
    const d = await seededDb(notes);
    const ids = [...notes.slice(100, 180).map((n) => n.id).reverse(), 'missing-id', ...notes.slice(0, 20).map((n) => n.id)];
    const byIds = (await d.annotations.bulkGet(ids)).filter((a): a is Annotation => !!a && a.deleted === 0);
    const query = { text: notes[5].claim.split(' ')[0], sort: 'recent' as const };
    const results = (await searchAnnotations(d, query, { offset: 0, limit: Infinity })).notes;
    expect(results.length).toBeGreaterThan(0);
    for (const format of FORMATS) {
      const read: ReadFn = (s, signal) => readForExport(d, s, signal, 7);
      const a = await writeExport({ format, settings, source: { kind: 'ids', ids } }, read);
      expect(await a.blob.text(), format).toBe(exportAs(format, byIds, settings).content);
      const b = await writeExport({ format, settings, source: { kind: 'query', query } }, read);
      expect(await b.blob.text(), format).toBe(exportAs(format, results, settings).content);
    }
  });

  it('an empty library exports an empty file of each format', async () => {
    const d = await seededDb([]);
    for (const format of FORMATS) {
      const file = await writeExport({ format, settings, source: { kind: 'everything' } }, (s, signal) => readForExport(d, s, signal));
      expect(await file.blob.text()).toBe(exportAs(format, [], settings).content);
      expect(file.count).toBe(0);
    }
  });

  it('through the worker: progress rises to 1, the Blob comes back, the worker is freed', async () => {
    const d = await seededDb(generateNotes(400, 43));
    const worker = fakeWorker((s, signal) => readForExport(d, s, signal, 50));
    const progress: number[] = [];
    const request: ExportRequest = { format: 'web-annotation', settings, source: { kind: 'everything' } };
    const file = await exportOffThread(request, { createWorker: () => worker, inPage: () => never(), onProgress: (f) => progress.push(f) });
    expect(file.where).toBe('worker');
    expect(await file.blob.text()).toBe(exportAs('web-annotation', await listEverything(d), settings).content);
    expect(progress.length).toBeGreaterThan(5);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(1);
    expect(worker.terminated()).toBe(true);
    // No records cross to the page: progress numbers and one Blob.
    expect(worker.received.every((m) => m.type === 'progress' || (m.type === 'exported' && m.file.blob instanceof Blob))).toBe(true);
  });

  it('cancel: rejects at once with an AbortError, tells the worker, which stops reading and answers cancelled', async () => {
    const d = await seededDb(generateNotes(400, 44));
    let chunksRead = 0;
    const read: ReadFn = async function* (s, signal) {
      for await (const chunk of readForExport(d, s, signal, 20)) {
        chunksRead++;
        yield chunk;
      }
    };
    const worker = fakeWorker(read);
    const controller = new AbortController();
    const pending = exportOffThread(
      { format: 'factmark-bundle', settings, source: { kind: 'everything' } },
      { createWorker: () => worker, inPage: () => never(), signal: controller.signal, onProgress: (f) => f > 0.2 && controller.abort() },
    );
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(worker.sent.at(-1)).toMatchObject({ type: 'cancel' });
    expect(worker.terminated()).toBe(true);
    // The handler itself, not terminated: a cancel stops it between chunks.
    const answers: FromExportWorker[] = [];
    const handle = createExportWorkerHandler((m) => {
      answers.push(m);
      if (m.type === 'progress' && m.fraction > 0.2) void handle({ type: 'cancel', id: 7 });
    }, read);
    chunksRead = 0;
    await handle({ type: 'export', id: 7, format: 'markdown', settings, source: { kind: 'everything' } });
    expect(answers.at(-1)).toEqual({ type: 'cancelled', id: 7 });
    expect(chunksRead).toBeLessThan(20);
  });

  it('falls back to the page when no worker can be created or it dies before answering', async () => {
    const d = await seededDb(generateNotes(60, 45));
    const read: ReadFn = (s, signal) => readForExport(d, s, signal, 25);
    const expected = exportAs('claim-review', await listEverything(d), settings).content;
    const request: ExportRequest = { format: 'claim-review', settings, source: { kind: 'everything' } };
    const thrown = await exportOffThread(request, { createWorker: () => { throw new Error('no Worker'); }, inPage: read });
    expect([thrown.where, await thrown.blob.text()]).toEqual(['page', expected]);
    const dead = fakeWorker(read, { failToStart: true });
    const fallback = await exportOffThread(request, { createWorker: () => dead, inPage: read });
    expect([fallback.where, await fallback.blob.text()]).toEqual(['page', expected]);
    expect(dead.terminated()).toBe(true);
  });

  it('reports a failed read with its reason, and ignores messages that are not requests', async () => {
    const failing: ReadFn = async function* () {
      yield { notes: [], done: 0, total: 10 };
      throw new Error('QuotaExceededError: disk full');
    };
    await expect(exportOffThread({ format: 'markdown', settings, source: { kind: 'everything' } }, { createWorker: () => fakeWorker(failing), inPage: () => never() })).rejects.toThrow(/disk full/);
    for (const bad of [null, 'export', { type: 'export', id: 1 }, { type: 'export', id: 1, format: 'pdf', settings: {}, source: { kind: 'everything' } }, { type: 'export', id: 1, format: 'markdown', settings: { now: 'today' }, source: { kind: 'everything' } }, { type: 'export', id: 1, format: 'markdown', settings: {}, source: { kind: 'ids', ids: [1] } }]) {
      expect(isExportRequest(bad)).toBe(false);
    }
    expect(isExportRequest({ type: 'export', id: 1, format: 'markdown', settings: {}, source: { kind: 'query', query: { sort: 'recent' } } })).toBe(true);
  });
});

/** A reader that must not be used. */
function never(): AsyncIterable<never> {
  throw new Error('the page reader was used');
}
