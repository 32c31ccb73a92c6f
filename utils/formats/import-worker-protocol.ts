/**
 * Import off the UI thread. The library page hands the chosen file to a Web Worker
 * (components/library/import.worker.ts) that reads, parses, validates and plans it, KEEPS the
 * plan, and sends the page only what the preview shows: the parse's verdict and messages and the
 * summary (how many records would be added and updated; every skip, rejection and repair with
 * its reason). When the reader presses Import, the same worker writes the plan in one
 * transaction (utils/storage/import.ts `applyImport`) and answers with the summary of what was
 * written, re-checked inside that transaction. Every reason, and the summary's and the parse's
 * lines, is a notice (./notice.ts): a catalogue key and its substitutions as a plain object, so
 * the page words it in the reader's language (the worker bundles no catalogue).
 *
 * Why the write is in the worker too: the storage middleware packs and merges the full-text
 * index inside every write transaction (utils/storage/search-index.ts), JavaScript work of 1–2 s
 * for a 100,000-note import that would otherwise run on the page's main thread; and the records
 * (127 MB for 100,000 notes) no longer cross postMessage at all. The page's Dexie liveQueries
 * still see the writes: Dexie broadcasts them to every context of the extension origin.
 *
 *   page → worker   {type: 'prepare', id, file, now, limits?}   {type: 'apply', id}   {type: 'cancel', id}
 *   worker → page   {type: 'progress', id, phase, fraction}     overall 0–1; phase 'writing': of the write
 *                   {type: 'slice', id, part, rows}             a piece of a long list of the next outcome
 *                   {type: 'prepared', id, outcome}             the preview (long lists empty); plan kept
 *                   {type: 'applied', id, outcome}              the write committed
 *                   {type: 'failed', id, message}               {type: 'cancelled', id}
 *
 * `cancel` stops a preparation, rolls a write back (the worker answers `cancelled` once the
 * transaction has aborted, so "nothing was imported" is true when the page says it), and forgets
 * a kept plan. Both ends are here, with the worker, the database steps and the clock injected, so
 * the protocol runs (and is tested) in Node; when no worker can be started the page prepares and
 * writes with the same steps itself (`prepareImport`, then the injected apply).
 */
import { countItems, describeParse, parseImportFile, summarizeImport, type ImportSummary } from './import';
import type { ImportLimits } from './limits';
import { isQuotaError } from '../storage/quota';
import type { ImportPlan } from './merge';
import type { Notice } from './notice';
import type { ImportFormat, ImportItemResult, ItemStatus, ParsedImport } from './types';

/**
 * What the preview and the summary need of a parse: the plan holds the records themselves, and
 * of the per-item results only those with something to say (repaired or rejected) are kept,
 * with the counts of all (a large file is mostly "ok" items).
 */
export interface ParseOutcome {
  ok: boolean;
  format?: ImportFormat;
  /** The repaired and rejected items. */
  items: ImportItemResult[];
  counts: Record<ItemStatus, number>;
  messages: Notice[];
}

export interface PreparedImport {
  parsed: ParseOutcome;
  plan: ImportPlan;
}

export type PreparePhase = 'reading' | 'checking' | 'planning' | 'receiving';
export type ImportPhase = PreparePhase | 'writing';

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

export interface WriteOptions {
  /** Fraction of the write done, 0–1. */
  onProgress?: (fraction: number) => void;
  /** Aborting rolls the whole write back. */
  signal?: AbortSignal;
}
/** Writes a plan in one transaction and returns it as applied (utils/storage/import.ts applyImport). */
export type ApplyFn = (plan: ImportPlan, options: WriteOptions) => Promise<ImportPlan>;

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
// What the page is told: no records

/** A prepared or applied import as the reader sees it. */
export interface ImportOutcome {
  parse: {
    ok: boolean;
    format?: ImportFormat;
    /** "25 items: 23 ready, 1 repaired, 1 rejected", or why the file was refused. */
    line: Notice;
    /** Items per status, when the file was read. */
    counts?: Record<ItemStatus, number>;
    messages: Notice[];
  };
  /** "N added, M updated, K skipped" with every skip, rejection and repair. */
  summary: ImportSummary;
  /** The pages whose notes the plan adds or updates (open tabs repaint them after the write). */
  pageUrls: string[];
}

/** The outcome of `parsed` planned (or applied) as `plan`. */
export function outcomeOf(parsed: ParseOutcome, plan: ImportPlan): ImportOutcome {
  return {
    parse: { ok: parsed.ok, ...(parsed.format && { format: parsed.format }), line: describeParse(parsed), ...(parsed.ok && { counts: parsed.counts }), messages: parsed.messages },
    summary: summarizeImport(parsed, plan),
    pageUrls: [...new Set([...plan.annotations.add, ...plan.annotations.update].map((a) => a.pageUrl))],
  };
}

/** The long lists of an ImportOutcome, each sent as slices. */
export const SLICED_PARTS = ['skipped', 'rejected', 'repaired', 'pageUrls'] as const;
export type SlicedPart = (typeof SLICED_PARTS)[number];

function listOf(o: ImportOutcome, part: SlicedPart): unknown[] {
  return part === 'pageUrls' ? o.pageUrls : o.summary[part];
}

/** An ImportOutcome with the given lists in place of its long ones. */
function withLists(o: ImportOutcome, lists: (part: SlicedPart) => unknown[]): ImportOutcome {
  return {
    ...o,
    summary: {
      ...o.summary,
      skipped: lists('skipped') as ImportSummary['skipped'],
      rejected: lists('rejected') as ImportSummary['rejected'],
      repaired: lists('repaired') as ImportSummary['repaired'],
    },
    pageUrls: lists('pageUrls') as string[],
  };
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
/** Writes the plan kept for `id`. */
export interface ApplyRequest {
  type: 'apply';
  id: number;
}
export interface CancelRequest {
  type: 'cancel';
  id: number;
}
export type ToImportWorker = PrepareRequest | ApplyRequest | CancelRequest;

export type OutcomeMessage = 'prepared' | 'applied';

export type FromImportWorker =
  | { type: 'progress'; id: number; phase: ImportPhase; fraction: number }
  | { type: 'slice'; id: number; part: SlicedPart; rows: unknown[] }
  | { type: 'prepared'; id: number; outcome: ImportOutcome }
  | { type: 'applied'; id: number; outcome: ImportOutcome }
  /** `quota`: the browser refused to store more, which the page words for the reader. */
  | { type: 'failed'; id: number; message: string; quota?: true }
  | { type: 'cancelled'; id: number };

/** Rows per slice: a file re-imported is 100,000 skips, each a short task for the page. */
export const SLICE_ROWS = 500;

/** The messages that carry `outcome` to the page: slices of every long list, then the outcome. */
export function* outcomeMessages(id: number, type: OutcomeMessage, outcome: ImportOutcome, sliceRows = SLICE_ROWS): Generator<FromImportWorker> {
  const size = Math.max(1, Math.floor(sliceRows));
  for (const part of SLICED_PARTS) {
    const list = listOf(outcome, part);
    for (let i = 0; i < list.length; i += size) yield { type: 'slice', id, part, rows: list.slice(i, i + size) };
  }
  yield { type, id, outcome: withLists(outcome, () => []) };
}

function isRequest(x: unknown): x is ToImportWorker {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Record<string, unknown>;
  if (typeof m.id !== 'number') return false;
  if (m.type === 'cancel' || m.type === 'apply') return true;
  return m.type === 'prepare' && typeof m.now === 'number' && typeof (m.file as Blob | undefined)?.text === 'function';
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 300);
// Dexie aborts a transaction that hit a full disk with an AbortError around the quota error: a failure, not a cancel.
const isAbort = (e: unknown) => e instanceof Error && e.name === 'AbortError' && !isQuotaError(e);

export interface ImportWorkerDeps {
  plan: PlanFn;
  apply: ApplyFn;
  sliceRows?: number;
}

/** Posts progress at most once per 1 % within a phase (and always the end of one). */
function progressPoster(id: number, post: (message: FromImportWorker) => void) {
  let last = -1;
  let lastPhase: ImportPhase | undefined;
  return (fraction: number, phase: ImportPhase) => {
    if (phase === lastPhase && fraction - last < 0.01 && fraction < 1) return;
    last = fraction;
    lastPhase = phase;
    post({ type: 'progress', id, phase, fraction });
  };
}

/**
 * The worker's side: returns the `message` handler. A prepared plan stays here until it is
 * applied or cancelled (the page terminates the worker when the preview is dismissed, which
 * frees it too). One file at a time is the page's habit, but requests are independent.
 */
export function createImportWorkerHandler(post: (message: FromImportWorker) => void, deps: ImportWorkerDeps): (data: unknown) => Promise<void> {
  const running = new Map<number, AbortController>();
  const kept = new Map<number, PreparedImport>();
  return async (data) => {
    if (!isRequest(data)) return; // not ours: nothing to answer to
    const { id } = data;
    if (data.type === 'cancel') {
      kept.delete(id);
      running.get(id)?.abort();
      return;
    }
    if (running.has(id)) return post({ type: 'failed', id, message: `Request ${id} is already running.` });
    const controller = new AbortController();
    const { signal } = controller;
    running.set(id, controller);
    const progress = progressPoster(id, post);
    try {
      if (data.type === 'prepare') {
        const prepared = await prepareImport(data.file, { now: data.now, ...(data.limits && { limits: data.limits }), plan: deps.plan, signal, onProgress: progress });
        signal.throwIfAborted();
        if (prepared.parsed.ok) kept.set(id, prepared);
        for (const message of outcomeMessages(id, 'prepared', outcomeOf(prepared.parsed, prepared.plan), deps.sliceRows)) post(message);
      } else {
        const prepared = kept.get(id);
        if (!prepared) throw new Error('There is no checked file to import: choose the file again.');
        kept.delete(id); // one write per plan; its records go with it
        const applied = await deps.apply(prepared.plan, { signal, onProgress: (f) => progress(f, 'writing') });
        for (const message of outcomeMessages(id, 'applied', outcomeOf(prepared.parsed, applied), deps.sliceRows)) post(message);
      }
    } catch (e) {
      post(isAbort(e) || signal.aborted ? { type: 'cancelled', id } : { type: 'failed', id, message: errorText(e), ...(isQuotaError(e) && { quota: true as const }) });
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
  /** Starts a worker; may throw (then the page prepares and writes itself, with `inPage`). */
  createWorker: () => WorkerLike;
  /** The database steps for the page's fallback: when the worker cannot be created or fails to start. */
  inPage: { plan: PlanFn; apply: ApplyFn };
  onProgress?: (fraction: number, phase: PreparePhase) => void;
  signal?: AbortSignal;
}

/** A checked file, previewed, waiting for the reader: apply it or discard it. */
export interface ImportSession {
  /** Where the file was checked and will be written. */
  where: 'worker' | 'page';
  /** The preview. */
  outcome: ImportOutcome;
  /**
   * Writes the plan in one transaction and resolves with what was written (re-checked in the
   * transaction). Rejects with an AbortError once a cancel has rolled it back, or with the
   * reason it failed (nothing written either way). Once only; the worker is freed afterwards.
   */
  apply(options?: WriteOptions): Promise<ImportOutcome>;
  /** Forgets the plan and frees the worker (nothing to do once applied). */
  discard(): void;
}

let nextId = 1;

const abortError = () => new DOMException('The import was cancelled.', 'AbortError');
const alreadyUsed = () => new Error('This file was already imported or dismissed: choose it again.');

/** Checks and writes in the page itself (no worker). */
async function inPageSession(file: Blob, options: OffThreadOptions): Promise<ImportSession> {
  const { onProgress, signal, now, limits } = options;
  const prepared = await prepareImport(file, { now, ...(limits && { limits }), plan: options.inPage.plan, onProgress, signal });
  const { parsed } = prepared;
  let plan: ImportPlan | undefined = prepared.plan;
  return {
    where: 'page',
    outcome: outcomeOf(parsed, plan),
    async apply(o = {}) {
      if (!plan) throw alreadyUsed();
      const taken = plan;
      plan = undefined;
      return outcomeOf(parsed, await options.inPage.apply(taken, o));
    },
    discard: () => void (plan = undefined),
  };
}

/** The worker stopped before it answered anything (it did not load or start): the page takes over. */
class NotStarted extends Error {}

/**
 * Checks a file in a fresh worker that keeps the plan for the session's `apply`, reassembling
 * the preview from its slices; falls back to the page when the worker cannot be created or dies
 * before it answers. The worker is terminated when the preview is refused, discarded, or once
 * applied. Rejects with an AbortError when the check is cancelled (which terminates the worker
 * at once: nothing has been written yet).
 */
export function prepareImportOffThread(file: Blob, options: OffThreadOptions): Promise<ImportSession> {
  const { signal, onProgress } = options;
  if (signal?.aborted) return Promise.reject(abortError());
  let worker: WorkerLike;
  try {
    worker = options.createWorker();
  } catch {
    return inPageSession(file, options);
  }
  const id = nextId++;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    worker.terminate();
  };
  let answered = false;
  /** The request waiting for its answer: the check, then at most one write. */
  let waiting: { message(m: FromImportWorker): void; stopped(error: Error): void } | undefined;
  worker.addEventListener('message', (event) => {
    const m = event.data as FromImportWorker | undefined;
    if (closed || !m || m.id !== id) return;
    answered = true;
    waiting?.message(m);
  });
  /** Why the worker stopped while nothing was asked of it (a preview pending). */
  let lost: Error | undefined;
  const stopped = (error: Error) => {
    if (closed) return;
    if (waiting) return waiting.stopped(error);
    lost = error;
    close();
  };
  // Before any answer the script did not load or start (an old browser, a CSP).
  worker.addEventListener('error', (event) => stopped(answered ? new Error(`the worker stopped${event.message ? `: ${event.message}` : ''}`) : new NotStarted()));
  worker.addEventListener('messageerror', () => stopped(new Error('a message from the worker could not be read')));

  /**
   * Sends `request` and resolves with the outcome `final` carries. `cancel`: on abort, 'now'
   * rejects at once and terminates the worker; 'confirmed' waits for the worker's answer (a write
   * must be rolled back, and a write that committed first is reported as written).
   */
  const ask = (request: ToImportWorker, final: OutcomeMessage, cancel: 'now' | 'confirmed', o: { onProgress?: (fraction: number, phase: ImportPhase) => void; signal?: AbortSignal }) =>
    new Promise<ImportOutcome>((resolve, reject) => {
      const lists = new Map<SlicedPart, unknown[][]>();
      let received = 0;
      const settle = (outcome: () => void) => {
        if (waiting !== pending) return;
        waiting = undefined;
        o.signal?.removeEventListener('abort', onAbort);
        outcome();
      };
      const fail = (error: Error) => {
        close();
        settle(() => reject(error));
      };
      const onAbort = () => {
        try {
          worker.postMessage({ type: 'cancel', id });
        } catch {
          // a worker that cannot be told is terminated below
          return fail(abortError());
        }
        if (cancel === 'now') fail(abortError());
      };
      const pending: NonNullable<typeof waiting> = {
        message(m) {
          switch (m.type) {
            case 'progress':
              o.onProgress?.(m.fraction, m.phase);
              break;
            case 'slice': {
              const parts = lists.get(m.part) ?? [];
              parts.push(m.rows);
              lists.set(m.part, parts);
              received += m.rows.length;
              // Receiving is the last 5 % of a check: spread over the rows expected (unknown until the end), so it only creeps.
              if (final === 'prepared') o.onProgress?.(overallProgress('receiving', 1 - 1 / (1 + received / 20_000)), 'receiving');
              break;
            }
            case 'prepared':
            case 'applied':
              if (m.type === final) settle(() => resolve(withLists(m.outcome, (part) => (lists.get(part) ?? []).flat())));
              break;
            case 'failed':
              // A full disk keeps its name across the worker boundary (components/error-text.ts words it).
              fail(Object.assign(new Error(m.message), m.quota ? { name: 'QuotaExceededError' } : {}));
              break;
            case 'cancelled':
              fail(abortError());
              break;
          }
        },
        stopped: fail,
      };
      waiting = pending;
      o.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        worker.postMessage(request);
      } catch {
        fail(new NotStarted());
      }
    });

  const request: PrepareRequest = { type: 'prepare', id, file, now: options.now, ...(options.limits && { limits: options.limits }) };
  return ask(request, 'prepared', 'now', { onProgress: (f, phase) => onProgress?.(f, phase as PreparePhase), signal }).then(
    (outcome): ImportSession => {
      onProgress?.(1, 'receiving');
      if (!outcome.parse.ok) close(); // nothing kept to apply
      let used = !outcome.parse.ok;
      return {
        where: 'worker',
        outcome,
        apply(o = {}) {
          if (used || closed) return Promise.reject(lost ?? alreadyUsed());
          used = true;
          if (o.signal?.aborted) {
            close();
            return Promise.reject(abortError());
          }
          const written = ask({ type: 'apply', id }, 'applied', 'confirmed', { onProgress: (f) => o.onProgress?.(f), signal: o.signal });
          return written.finally(close);
        },
        discard: () => void (used || close()), // a write started runs to its end (or its cancel)
      };
    },
    (error: unknown) => {
      if (!(error instanceof NotStarted)) throw error;
      return inPageSession(file, options);
    },
  );
}
