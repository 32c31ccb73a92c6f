/**
 * Export off the UI thread. The library page asks a Web Worker (components/share/export.worker.ts)
 * for a file; the worker opens the database itself, reads the notes a chunk at a time, writes
 * each chunk's text as it comes (utils/formats/export-stream.ts) and encodes it to UTF-8 while
 * the next chunk is read, builds the Blob from the parts and posts it back (a Blob crosses by
 * reference). The page only downloads it: no record and no long string ever reach it.
 *
 *   page → worker   {type: 'export', id, format, settings, source}     {type: 'cancel', id}
 *   worker → page   {type: 'progress', id, fraction}   of the notes read and written, 0–1
 *                   {type: 'exported', id, file}       {file: {blob, filename, count}}
 *                   {type: 'failed', id, message}      {type: 'cancelled', id}
 *
 * Measured in Chromium here (100,000 notes, 133 MB): a Blob of one string or of 1 MB string
 * parts costs the same (~4.5 s under load: Chromium converts the text to UTF-8 and copies it);
 * TextEncoder + a Blob of the byte arrays costs about as much in all, but the encoding is done
 * per chunk, while IndexedDB reads the next one, and the Blob of the parts then takes ~0.6 s.
 *
 * Both ends are here with the reader and the worker injected, so the protocol runs (and is
 * tested) in Node; when no worker can be started the page runs the same `writeExport` itself.
 */
import type { Annotation } from '../model/annotation';
import type { LibraryQuery } from '../search/query';
import { exportStream } from './index';
import type { ExportFormat, ExportSettings } from './types';

const FORMATS: readonly ExportFormat[] = ['factmark-bundle', 'web-annotation', 'claim-review', 'markdown'];

/** Which notes to export; the worker's reader knows how to read each (utils/storage/export-read.ts). */
export type ExportSource = { kind: 'everything' } | { kind: 'ids'; ids: string[] } | { kind: 'query'; query: LibraryQuery };

export interface ExportRequest {
  format: ExportFormat;
  settings: ExportSettings;
  source: ExportSource;
}

export interface ExportedFile {
  blob: Blob;
  filename: string;
  /** Records written (tombstones only to the native bundle; ClaimReview: graded notes only). */
  count: number;
}

/** The notes in export order, a chunk at a time, with how far the reading is. */
export type ReadFn = (source: ExportSource, signal: AbortSignal) => AsyncIterable<{ notes: readonly Annotation[]; done: number; total: number }>;

/** The share of the progress bar the reading and writing of the notes takes; the Blob is the rest. */
const READING = 0.95;

/**
 * Read → write each chunk → Blob: the same steps in the worker and, as a fallback, in the page.
 * Rejects with an AbortError once `signal` aborts (between chunks).
 */
export async function writeExport(request: ExportRequest, read: ReadFn, o: { onProgress?: (fraction: number) => void; signal?: AbortSignal } = {}): Promise<ExportedFile> {
  const signal = o.signal ?? new AbortController().signal;
  signal.throwIfAborted();
  const stream = exportStream(request.format, request.settings);
  const encoder = new TextEncoder();
  const parts: Uint8Array<ArrayBuffer>[] = [];
  o.onProgress?.(0);
  for await (const chunk of read(request.source, signal)) {
    signal.throwIfAborted();
    const text = stream.add(chunk.notes);
    if (text) parts.push(encoder.encode(text));
    o.onProgress?.(READING * (chunk.total ? Math.min(1, chunk.done / chunk.total) : 1));
  }
  signal.throwIfAborted();
  const end = stream.end();
  const blob = new Blob([encoder.encode(end.head), ...parts, encoder.encode(end.tail)], { type: end.mime });
  o.onProgress?.(1);
  return { blob, filename: end.filename, count: end.count };
}

// ---------------------------------------------------------------------------------------------
// Messages

export type ToExportWorker = ({ type: 'export'; id: number } & ExportRequest) | { type: 'cancel'; id: number };

export type FromExportWorker =
  | { type: 'progress'; id: number; fraction: number }
  | { type: 'exported'; id: number; file: ExportedFile }
  | { type: 'failed'; id: number; message: string }
  | { type: 'cancelled'; id: number };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function isSource(x: unknown): x is ExportSource {
  if (!isObject(x)) return false;
  if (x.kind === 'everything') return true;
  if (x.kind === 'ids') return Array.isArray(x.ids) && x.ids.every((id) => typeof id === 'string');
  // The query's fields are checked where it is planned (utils/search/query.ts), as for the page's own searches.
  return x.kind === 'query' && isObject(x.query) && typeof x.query.sort === 'string';
}

function isSettings(x: unknown): x is ExportSettings {
  return (
    isObject(x) &&
    (x.authorName === undefined || typeof x.authorName === 'string') &&
    (x.now === undefined || (typeof x.now === 'number' && Number.isFinite(x.now))) &&
    (x.clientVersion === undefined || typeof x.clientVersion === 'string')
  );
}

export function isExportRequest(x: unknown): x is ToExportWorker {
  if (!isObject(x) || typeof x.id !== 'number') return false;
  if (x.type === 'cancel') return true;
  return x.type === 'export' && FORMATS.includes(x.format as ExportFormat) && isSettings(x.settings) && isSource(x.source);
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 300);
const isAbort = (e: unknown) => e instanceof Error && e.name === 'AbortError';

/** Posts progress at most once per 1 % (and always the end). */
function progressPoster(id: number, post: (message: FromExportWorker) => void) {
  let last = -1;
  return (fraction: number) => {
    if (fraction - last < 0.01 && fraction < 1) return;
    last = fraction;
    post({ type: 'progress', id, fraction });
  };
}

/** The worker's side: returns the `message` handler. */
export function createExportWorkerHandler(post: (message: FromExportWorker) => void, read: ReadFn): (data: unknown) => Promise<void> {
  const running = new Map<number, AbortController>();
  return async (data) => {
    if (!isExportRequest(data)) return; // not ours: nothing to answer to
    const { id } = data;
    if (data.type === 'cancel') return void running.get(id)?.abort();
    if (running.has(id)) return post({ type: 'failed', id, message: `Request ${id} is already running.` });
    const controller = new AbortController();
    running.set(id, controller);
    try {
      const file = await writeExport(data, read, { signal: controller.signal, onProgress: progressPoster(id, post) });
      post({ type: 'exported', id, file });
    } catch (e) {
      post(isAbort(e) || controller.signal.aborted ? { type: 'cancelled', id } : { type: 'failed', id, message: errorText(e) });
    } finally {
      running.delete(id);
    }
  };
}

// ---------------------------------------------------------------------------------------------
// The page's side

/** What the page needs of a Worker (a real one, or a fake in tests). */
export interface ExportWorkerLike {
  postMessage(message: ToExportWorker): void;
  terminate(): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: { data?: unknown; message?: string }) => void): void;
}

export interface OffThreadExportOptions {
  /** Starts a worker; may throw (then the page writes the file itself, with `inPage`). */
  createWorker: () => ExportWorkerLike;
  /** The page's reader, for the fallback: when no worker can be created or it fails to start. */
  inPage: ReadFn;
  /** 0–1. */
  onProgress?: (fraction: number) => void;
  /** Aborting stops the export at once: the promise rejects with an AbortError, the worker is ended. */
  signal?: AbortSignal;
}

let nextId = 1;
const abortError = () => new DOMException('The export was cancelled.', 'AbortError');

/** The worker stopped before it answered anything (it did not load or start): the page takes over. */
class NotStarted extends Error {}

/**
 * Writes the file in a worker (in the page when no worker starts) and resolves with it and where
 * it was written. One worker per export, terminated once it answers or is cancelled.
 */
export function exportOffThread(request: ExportRequest, options: OffThreadExportOptions): Promise<ExportedFile & { where: 'worker' | 'page' }> {
  const { signal, onProgress } = options;
  if (signal?.aborted) return Promise.reject(abortError());
  const inPage = () => writeExport(request, options.inPage, { onProgress, signal }).then((file) => ({ ...file, where: 'page' as const }));
  let worker: ExportWorkerLike;
  try {
    worker = options.createWorker();
  } catch {
    return inPage();
  }
  const id = nextId++;
  let answered = false;
  const fromWorker = new Promise<ExportedFile & { where: 'worker' }>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      worker.terminate();
      outcome();
    };
    const onAbort = () => {
      try {
        worker.postMessage({ type: 'cancel', id });
      } catch {
        // terminated below either way
      }
      settle(() => reject(abortError()));
    };
    worker.addEventListener('message', (event) => {
      const m = event.data as FromExportWorker | undefined;
      if (!m || m.id !== id) return;
      answered = true;
      switch (m.type) {
        case 'progress':
          if (!settled) onProgress?.(m.fraction);
          break;
        case 'exported':
          settle(() => resolve({ ...m.file, where: 'worker' }));
          break;
        case 'failed':
          settle(() => reject(new Error(m.message)));
          break;
        case 'cancelled':
          settle(() => reject(abortError()));
          break;
      }
    });
    // Before any answer the script did not load or start (an old browser, a CSP).
    worker.addEventListener('error', (event) => settle(() => reject(answered ? new Error(`the export worker stopped${event.message ? `: ${event.message}` : ''}`) : new NotStarted())));
    worker.addEventListener('messageerror', () => settle(() => reject(new Error('a message from the export worker could not be read'))));
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      worker.postMessage({ type: 'export', id, ...request });
    } catch {
      settle(() => reject(new NotStarted()));
    }
  });
  return fromWorker.catch((error: unknown) => {
    if (!(error instanceof NotStarted)) throw error;
    return inPage();
  });
}
