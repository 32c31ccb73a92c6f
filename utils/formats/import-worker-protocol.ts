/**
 * Preparing an import off the UI thread. The library page hands the chosen file to a Web Worker
 * (components/library/import.worker.ts) that reads, parses, validates and plans it, and sends the
 * outcome back in slices, so that no single message keeps the page busy for long. Only the page
 * writes: it applies the plan in one transaction (utils/storage/import.ts).
 *
 *   page → worker   {type: 'prepare', id, file, now, limits?}      {type: 'cancel', id}
 *   worker → page   {type: 'progress', id, phase, fraction}         overall 0–1, ~100 per file
 *                   {type: 'slice', id, part, rows}                 a piece of a long list
 *                   {type: 'done', id, prepared}                    the rest (long lists empty)
 *                   {type: 'failed', id, message}                   {type: 'cancelled', id}
 *
 * Both ends are here with the worker, the planning step and the clock injected, so the protocol
 * runs (and is tested) in Node; the same `prepareImport` is the page's fallback when no worker
 * can be started.
 */
import type { Annotation } from '../model/annotation';
import type { KnownClaim } from '../known-claims/types';
import { countItems, parseImportFile } from './import';
import type { ImportLimits } from './limits';
import type { ImportPlan, SkippedItem } from './merge';
import type { ImportFormat, ImportItemResult, ItemStatus, ParsedImport } from './types';

/**
 * What the preview and the summary need of a parse: the plan holds the records themselves, and
 * of the per-item results only those with something to say (repaired or rejected) are kept,
 * with the counts of all (a large file is mostly "ok" items, not worth sending to the page).
 */
export interface ParseOutcome {
  ok: boolean;
  format?: ImportFormat;
  /** The repaired and rejected items. */
  items: ImportItemResult[];
  counts: Record<ItemStatus, number>;
  messages: string[];
}

export interface PreparedImport {
  parsed: ParseOutcome;
  plan: ImportPlan;
}

export type PreparePhase = 'reading' | 'checking' | 'planning' | 'receiving';

/** Where each phase sits on the one progress bar (the file read and JSON.parse report nothing). */
const PHASE_SPAN: Record<PreparePhase, [number, number]> = {
  reading: [0, 0.3],
  checking: [0.3, 0.85],
  planning: [0.85, 0.95],
  receiving: [0.95, 1],
};

export function overallProgress(phase: PreparePhase, fraction: number): number {
  const [from, to] = PHASE_SPAN[phase];
  // Rounded, so the end of one phase equals the start of the next.
  return Math.round((from + (to - from) * Math.min(1, Math.max(0, fraction))) * 1e4) / 1e4;
}

export type PlanFn = (parsed: Pick<ParsedImport, 'annotations' | 'knownClaims'>) => Promise<ImportPlan>;

export interface PrepareOptions {
  now: number;
  limits?: Partial<ImportLimits>;
  /** Plans against the database (read-only). */
  plan: PlanFn;
  /** Overall fraction done, 0–1. */
  onProgress?: (fraction: number, phase: PreparePhase) => void;
  signal?: AbortSignal;
}

export const emptyPlan = (): ImportPlan => ({
  annotations: { add: [], update: [], skip: [] },
  knownClaims: { add: [], update: [], skip: [] },
});

/** Read → parse → validate → plan: the same steps in the worker and, as a fallback, in the page. */
export async function prepareImport(file: Blob, options: PrepareOptions): Promise<PreparedImport> {
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  onProgress?.(overallProgress('reading', 0), 'reading');
  const parsed = await parseImportFile(file, {
    now: options.now,
    ...(options.limits && { limits: options.limits }),
    onProgress: (f) => onProgress?.(overallProgress('checking', f), 'checking'),
  });
  signal?.throwIfAborted();
  const outcome: ParseOutcome = {
    ok: parsed.ok,
    ...(parsed.format && { format: parsed.format }),
    items: parsed.items.filter((i) => i.status !== 'ok'),
    counts: countItems(parsed.items),
    messages: parsed.messages,
  };
  if (!parsed.ok) return { parsed: outcome, plan: emptyPlan() };
  onProgress?.(overallProgress('planning', 0), 'planning');
  const plan = await options.plan(parsed);
  signal?.throwIfAborted();
  onProgress?.(overallProgress('planning', 1), 'planning');
  return { parsed: outcome, plan };
}

// ---------------------------------------------------------------------------------------------
// Messages

export interface PrepareRequest {
  type: 'prepare';
  id: number;
  file: Blob;
  now: number;
  limits?: Partial<ImportLimits>;
}
export interface CancelRequest {
  type: 'cancel';
  id: number;
}
export type ToImportWorker = PrepareRequest | CancelRequest;

/** The long lists of a PreparedImport, each sent as slices. */
export const SLICED_PARTS = ['items', 'annotations.add', 'annotations.update', 'annotations.skip', 'knownClaims.add', 'knownClaims.update', 'knownClaims.skip'] as const;
export type SlicedPart = (typeof SLICED_PARTS)[number];

export type FromImportWorker =
  | { type: 'progress'; id: number; phase: PreparePhase; fraction: number }
  | { type: 'slice'; id: number; part: SlicedPart; rows: unknown[] }
  | { type: 'done'; id: number; prepared: PreparedImport }
  | { type: 'failed'; id: number; message: string }
  | { type: 'cancelled'; id: number };

/** Records per slice: the page receives 500 notes in one short task (~10 ms on an idle machine). */
export const SLICE_ROWS = 500;

function listOf(p: PreparedImport, part: SlicedPart): unknown[] {
  switch (part) {
    case 'items': return p.parsed.items;
    case 'annotations.add': return p.plan.annotations.add;
    case 'annotations.update': return p.plan.annotations.update;
    case 'annotations.skip': return p.plan.annotations.skip;
    case 'knownClaims.add': return p.plan.knownClaims.add;
    case 'knownClaims.update': return p.plan.knownClaims.update;
    case 'knownClaims.skip': return p.plan.knownClaims.skip;
  }
}

/** A PreparedImport with the given lists in place of its long ones. */
function withLists(p: PreparedImport, lists: (part: SlicedPart) => unknown[]): PreparedImport {
  return {
    parsed: { ...p.parsed, items: lists('items') as ImportItemResult[] },
    plan: {
      annotations: {
        add: lists('annotations.add') as Annotation[],
        update: lists('annotations.update') as Annotation[],
        skip: lists('annotations.skip') as SkippedItem[],
      },
      knownClaims: {
        add: lists('knownClaims.add') as KnownClaim[],
        update: lists('knownClaims.update') as KnownClaim[],
        skip: lists('knownClaims.skip') as SkippedItem[],
      },
    },
  };
}

/** The messages that carry `prepared` to the page: slices of every long list, then `done`. */
export function* resultMessages(id: number, prepared: PreparedImport, sliceRows = SLICE_ROWS): Generator<FromImportWorker> {
  const size = Math.max(1, Math.floor(sliceRows));
  for (const part of SLICED_PARTS) {
    const list = listOf(prepared, part);
    for (let i = 0; i < list.length; i += size) yield { type: 'slice', id, part, rows: list.slice(i, i + size) };
  }
  yield { type: 'done', id, prepared: withLists(prepared, () => []) };
}

function isRequest(x: unknown): x is ToImportWorker {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Record<string, unknown>;
  if (typeof m.id !== 'number') return false;
  if (m.type === 'cancel') return true;
  return m.type === 'prepare' && typeof m.now === 'number' && typeof (m.file as Blob | undefined)?.text === 'function';
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 300);
const isAbort = (e: unknown) => e instanceof Error && e.name === 'AbortError';

export interface ImportWorkerDeps {
  plan: PlanFn;
  sliceRows?: number;
}

/**
 * The worker's side: returns the `message` handler. One file at a time is the page's habit, but
 * requests are independent; `cancel` stops a request at its next step (the page also terminates
 * the worker, which stops it at once).
 */
export function createImportWorkerHandler(post: (message: FromImportWorker) => void, deps: ImportWorkerDeps): (data: unknown) => Promise<void> {
  const running = new Map<number, AbortController>();
  return async (data) => {
    if (!isRequest(data)) return; // not ours: nothing to answer to
    if (data.type === 'cancel') {
      running.get(data.id)?.abort();
      return;
    }
    const { id } = data;
    const controller = new AbortController();
    running.set(id, controller);
    let last = -1;
    let lastPhase: PreparePhase | undefined;
    try {
      const prepared = await prepareImport(data.file, {
        now: data.now,
        ...(data.limits && { limits: data.limits }),
        plan: deps.plan,
        signal: controller.signal,
        onProgress: (fraction, phase) => {
          // At most one message per 1 % within a phase.
          if (phase === lastPhase && fraction - last < 0.01 && fraction < 1) return;
          last = fraction;
          lastPhase = phase;
          post({ type: 'progress', id, phase, fraction });
        },
      });
      controller.signal.throwIfAborted();
      for (const message of resultMessages(id, prepared, deps.sliceRows)) post(message);
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
export interface WorkerLike {
  postMessage(message: ToImportWorker): void;
  terminate(): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: { data?: unknown; message?: string }) => void): void;
}

export interface OffThreadOptions {
  now: number;
  limits?: Partial<ImportLimits>;
  /** Starts a worker; may throw (then `fallback` runs in the page). */
  createWorker: () => WorkerLike;
  /** Prepares in the page: when the worker cannot be created or fails to start. */
  fallback: (options: Pick<PrepareOptions, 'onProgress' | 'signal'>) => Promise<PreparedImport>;
  onProgress?: (fraction: number, phase: PreparePhase) => void;
  signal?: AbortSignal;
}

export interface OffThreadResult extends PreparedImport {
  /** Where the file was read and checked. */
  where: 'worker' | 'page';
}

let nextId = 1;

const abortError = () => new DOMException('The import was cancelled.', 'AbortError');

/**
 * Prepares an import in a fresh worker (terminated afterwards, which also frees the memory a
 * large file took to parse), reassembling the slices; falls back to the page when the worker
 * cannot be created or dies before it answers. Rejects with an AbortError when cancelled.
 */
export function prepareImportOffThread(file: Blob, options: OffThreadOptions): Promise<OffThreadResult> {
  const { signal, onProgress } = options;
  const inPage = () => options.fallback({ onProgress, signal }).then((p): OffThreadResult => ({ ...p, where: 'page' }));
  if (signal?.aborted) return Promise.reject(abortError());
  let worker: WorkerLike;
  try {
    worker = options.createWorker();
  } catch {
    return inPage();
  }
  const id = nextId++;
  return new Promise<OffThreadResult>((resolve, reject) => {
    const lists = new Map<SlicedPart, unknown[][]>();
    let received = 0;
    let answered = false;
    let settled = false;
    const finish = (outcome: () => void) => {
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
        // the worker is terminated next anyway
      }
      finish(() => reject(abortError()));
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    worker.addEventListener('message', (event) => {
      const m = event.data as FromImportWorker | undefined;
      if (settled || !m || m.id !== id) return;
      answered = true;
      switch (m.type) {
        case 'progress':
          onProgress?.(m.fraction, m.phase);
          break;
        case 'slice': {
          const parts = lists.get(m.part) ?? [];
          parts.push(m.rows);
          lists.set(m.part, parts);
          received += m.rows.length;
          // Receiving is the last 5 %: spread over the rows expected (unknown until done), so it only creeps.
          onProgress?.(overallProgress('receiving', 1 - 1 / (1 + received / 20_000)), 'receiving');
          break;
        }
        case 'done': {
          const prepared = withLists(m.prepared, (part) => (lists.get(part) ?? []).flat());
          onProgress?.(1, 'receiving');
          finish(() => resolve({ ...prepared, where: 'worker' }));
          break;
        }
        case 'failed':
          finish(() => reject(new Error(m.message)));
          break;
        case 'cancelled':
          finish(() => reject(abortError()));
          break;
      }
    });
    worker.addEventListener('error', (event) => {
      if (settled) return;
      // The script did not load or start (an old browser, a CSP): do it in the page instead.
      if (!answered) {
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        worker.terminate();
        inPage().then(resolve, reject);
        return;
      }
      finish(() => reject(new Error(`The file could not be checked (${event.message ?? 'the worker stopped'}).`)));
    });
    worker.addEventListener('messageerror', () => finish(() => reject(new Error('The file could not be checked (a message from the worker could not be read).'))));

    try {
      worker.postMessage({ type: 'prepare', id, file, now: options.now, ...(options.limits && { limits: options.limits }) });
    } catch {
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      worker.terminate();
      inPage().then(resolve, reject);
    }
  });
}
