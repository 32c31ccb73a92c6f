import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateNotes } from '../../bench/generate-notes';
import { exportNativeBundle } from '../../utils/formats/native-bundle';
import { describeParse, parseImport, summarizeImport } from '../../utils/formats/import';
import { planMerge } from '../../utils/formats/merge';
import {
  createImportWorkerHandler,
  outcomeMessages,
  outcomeOf,
  prepareImport,
  prepareImportOffThread,
  type ApplyFn,
  type FromImportWorker,
  type ImportOutcome,
  type ImportWorkerDeps,
  type OffThreadOptions,
  type PlanFn,
  type ToImportWorker,
  type WorkerLike,
} from '../../utils/formats/import-worker-protocol';
import { fakeWorker as fakeWorkerOf } from './fake-worker';
import { isQuotaError } from '@/utils/storage/quota';
import { createDb, type FactmarkDB } from '../../utils/storage/db';
import { applyImport, planImport } from '../../utils/storage/import';
import type { Annotation } from '../../utils/model/annotation';
import { dumpDb } from './storage-dump';
import { english } from '../english-messages';

const NOW = Date.UTC(2026, 10, 27);
const notes = generateNotes(25, 11, { tombstones: 0 });
const bundle = (list: Annotation[] = notes) => new Blob([exportNativeBundle(list, { now: NOW }).content], { type: 'application/json' });
/** Plans against a "database" holding `existing`. */
const planAgainst = (existing: Annotation[] = []): PlanFn => async (p) => ({
  annotations: planMerge(new Map(existing.map((a) => [a.id, a])), p.annotations),
  knownClaims: planMerge(new Map(), p.knownClaims),
});
/** Pretends to write: the plan as applied is the plan. */
const applyNothing: ApplyFn = async (plan, o) => {
  o.onProgress?.(1);
  return plan;
};

let db: FactmarkDB | undefined;
let dbs = 0;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});
/** A fresh database (fake-indexeddb) and the steps the worker runs on it; `chunkSize` small so a write has many steps. */
function realDb(chunkSize = 5) {
  const d = (db = createDb(`worker-protocol-${process.pid}-${dbs++}`));
  return {
    db: d,
    plan: ((p) => planImport(d, p)) as PlanFn,
    apply: ((plan, o) => applyImport(d, plan, { ...o, chunkSize })) as ApplyFn,
  };
}

/** A database holding 30 notes, its dump, and worker steps whose write calls `during` after each chunk, inside the transaction. */
async function seeded(during: (fraction: number) => void = () => {}) {
  const steps = realDb();
  await steps.db.annotations.bulkAdd(generateNotes(30, 3));
  const before = await dumpDb(steps.db);
  const apply: ApplyFn = (plan, o) =>
    steps.apply(plan, {
      ...o,
      onProgress: (f) => {
        o.onProgress?.(f);
        during(f);
      },
    });
  return { ...steps, apply, before };
}

/** True when any message carries a note itself (its selectors or its text), not just ids, counts and reasons. */
const carriesRecords = (messages: unknown[]) => {
  const json = JSON.stringify(messages);
  return json.includes('"selectors"') || notes.some((n) => n.note.length > 20 && json.includes(JSON.stringify(n.note).slice(1, -1)));
};

/** The worker side with its posts cloned as postMessage would. */
function workerSide(deps: Partial<ImportWorkerDeps> = {}) {
  const posted: FromImportWorker[] = [];
  const handle = createImportWorkerHandler((m) => posted.push(structuredClone(m)), { plan: planAgainst(), apply: applyNothing, sliceRows: 10, ...deps });
  return { posted, handle };
}

async function runHandler(data: unknown, deps: Partial<ImportWorkerDeps> = {}): Promise<FromImportWorker[]> {
  const { posted, handle } = workerSide(deps);
  await handle(data);
  return posted;
}

const last = <T extends FromImportWorker['type']>(posted: FromImportWorker[], type: T) => {
  const m = posted.at(-1);
  expect(m?.type).toBe(type);
  return m as Extract<FromImportWorker, { type: T }>;
};

/** A worker running the real handler in this thread; messages are cloned as postMessage would. */
const fakeWorker = (deps: Partial<ImportWorkerDeps> = {}, options: { failToStart?: boolean } = {}) =>
  fakeWorkerOf<ToImportWorker, FromImportWorker>((post) => createImportWorkerHandler(post, { plan: planAgainst(), apply: applyNothing, sliceRows: 10, ...deps }), { ...options, clone: true });

const offThread = (worker: WorkerLike | (() => WorkerLike), more: Partial<OffThreadOptions> = {}, file = bundle()) =>
  prepareImportOffThread(file, {
    now: NOW,
    createWorker: typeof worker === 'function' ? worker : () => worker,
    inPage: { plan: planAgainst(), apply: applyNothing },
    ...more,
  });

describe('import worker: the worker side', () => {
  it('prepares and keeps the plan, sends the preview without records, then writes it on apply', async () => {
    const steps = realDb();
    const { posted, handle } = workerSide(steps);
    await handle({ type: 'prepare', id: 7, file: bundle(), now: NOW });
    expect(posted.every((m) => m.id === 7)).toBe(true);
    const prepared = last(posted, 'prepared');
    expect(prepared.outcome.parse).toEqual({
      ok: true, format: 'factmark-bundle', counts: { ok: 25, sanitised: 0, rejected: 0 }, messages: [],
      line: { key: 'importItemCounts', subs: [{ key: 'importItems_other', subs: [25] }, 25, 0, 0] },
    });
    expect(english(prepared.outcome.parse.line)).toBe('25 items: 25 ready, 0 repaired, 0 rejected');
    expect(english(prepared.outcome.summary.line)).toBe('25 added, 0 updated, 0 skipped');
    // Long lists travel only as slices; the pages to repaint are the only long list here.
    const pages = [...new Set(notes.map((n) => n.pageUrl))];
    expect(posted.filter((m) => m.type === 'slice').map((m) => m.part)).toEqual(Array(Math.ceil(pages.length / 10)).fill('pageUrls'));
    expect(prepared.outcome.pageUrls).toEqual([]);
    expect(carriesRecords(posted)).toBe(false);
    expect(await steps.db.annotations.count()).toBe(0); // planned, not written

    posted.length = 0;
    await handle({ type: 'apply', id: 7 });
    const writing = posted.filter((m) => m.type === 'progress');
    expect(writing.length).toBeGreaterThan(3); // 25 notes in chunks of 5
    expect(writing.every((m) => m.phase === 'writing')).toBe(true);
    expect(writing.at(-1)?.fraction).toBe(1);
    const applied = last(posted, 'applied');
    expect(english(applied.outcome.summary.line)).toBe('25 added, 0 updated, 0 skipped');
    expect(posted.filter((m) => m.type === 'slice').flatMap((m) => m.rows).sort()).toEqual(pages.sort());
    expect(carriesRecords(posted)).toBe(false);
    expect(await steps.db.annotations.count()).toBe(25);

    // The plan was used up: a second apply has nothing to write.
    await handle({ type: 'apply', id: 7 });
    expect(last(posted, 'failed').message).toMatch(/no checked file/);
  });

  it('reports progress by phase, rising, ending at the planning step', async () => {
    const posted = await runHandler({ type: 'prepare', id: 1, file: bundle(), now: NOW });
    const progress = posted.filter((m) => m.type === 'progress');
    const fractions = progress.map((m) => m.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions[0]).toBe(0);
    expect(new Set(progress.map((m) => m.phase))).toEqual(new Set(['reading', 'checking', 'planning']));
    expect(fractions.at(-1)).toBeCloseTo(0.95);
    // Throttled: at most one message per percent within a phase.
    expect(progress.length).toBeLessThanOrEqual(110);
  });

  it('sends the skips with their reasons, not the records to add or update', async () => {
    const existing = notes.slice(0, 5).map((a) => ({ ...a, updated: a.updated + 1 })); // newer locally: skipped
    const posted = await runHandler({ type: 'prepare', id: 5, file: bundle(), now: NOW }, { plan: planAgainst(existing), sliceRows: 2 });
    const skipped = posted.filter((m) => m.type === 'slice' && m.part === 'skipped').flatMap((m) => (m as { rows: unknown[] }).rows);
    // Reasons cross as plain notices (the page words them).
    expect(skipped).toEqual(existing.map((a) => ({ id: a.id, reason: { key: 'importSkipLocalNewer' } })));
    expect(last(posted, 'prepared').outcome.summary).toMatchObject({ line: { key: 'importSummary', subs: [20, 0, 5] }, added: 20, skipped: [] });
    expect(carriesRecords(posted)).toBe(false);
  });

  it('answers a refused file with its reason, keeps nothing to apply and never plans', async () => {
    const plan = vi.fn(planAgainst());
    const { posted, handle } = workerSide({ plan });
    await handle({ type: 'prepare', id: 2, file: new Blob(['{"format":"factmark-bundle","version":1,"annotations":[{']), now: NOW });
    expect(posted.filter((m) => m.type === 'slice')).toEqual([]);
    const { outcome } = last(posted, 'prepared');
    expect(outcome.parse.ok).toBe(false);
    expect(outcome.parse.line.key).toBe('importFileNotJson');
    expect(english(outcome.parse.line)).toMatch(/^The file is not valid JSON \(.+\)\.$/);
    expect(plan).not.toHaveBeenCalled();
    await handle({ type: 'apply', id: 2 });
    expect(last(posted, 'failed').message).toMatch(/no checked file/);
  });

  it('reports a failing plan as failed with its message', async () => {
    const posted = await runHandler({ type: 'prepare', id: 3, file: bundle(), now: NOW }, {
      plan: async () => {
        throw new Error('database is closed');
      },
    });
    expect(posted.at(-1)).toEqual({ type: 'failed', id: 3, message: 'database is closed' });
  });

  it('stops a check at the next step when cancelled, and says so', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { posted, handle } = workerSide({
      plan: async (p) => {
        await gate;
        return planAgainst()(p);
      },
    });
    const running = handle({ type: 'prepare', id: 4, file: bundle(), now: NOW });
    await vi.waitFor(() => expect(posted.some((m) => m.type === 'progress' && m.phase === 'planning')).toBe(true));
    await handle({ type: 'cancel', id: 4 });
    release();
    await running;
    expect(posted.at(-1)).toEqual({ type: 'cancelled', id: 4 });
    expect(posted.some((m) => m.type === 'slice' || m.type === 'prepared')).toBe(false);
  });

  it('cancel during the write rolls the transaction back and answers cancelled', async () => {
    // The cancel arrives while the transaction is open, between two chunks.
    let cancel = () => {};
    const steps = await seeded((f) => f > 0.3 && cancel());
    const { posted, handle } = workerSide(steps);
    await handle({ type: 'prepare', id: 9, file: bundle(), now: NOW });
    const cancelling = vi.fn(() => void handle({ type: 'cancel', id: 9 }));
    cancel = cancelling;
    await handle({ type: 'apply', id: 9 });
    expect(cancelling).toHaveBeenCalledOnce();
    expect(posted.some((m) => m.type === 'progress' && m.phase === 'writing' && m.fraction > 0.3)).toBe(true);
    expect(posted.at(-1)).toEqual({ type: 'cancelled', id: 9 });
    expect(await dumpDb(steps.db)).toBe(steps.before);
  });

  it('a write that fails half-way is reported with its reason and leaves the database unchanged', async () => {
    const steps = await seeded((f) => {
      if (f > 0.3) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const { posted, handle } = workerSide(steps);
    await handle({ type: 'prepare', id: 10, file: bundle(), now: NOW });
    await handle({ type: 'apply', id: 10 });
    expect(last(posted, 'failed').message).toMatch(/quota/);
    expect(last(posted, 'failed').quota).toBe(true); // the page tells the reader the disk is full
    expect(await dumpDb(steps.db)).toBe(steps.before);
  });

  it('cancel forgets a kept plan', async () => {
    const { posted, handle } = workerSide();
    await handle({ type: 'prepare', id: 11, file: bundle(), now: NOW });
    await handle({ type: 'cancel', id: 11 });
    await handle({ type: 'apply', id: 11 });
    expect(last(posted, 'failed').message).toMatch(/no checked file/);
  });

  it('ignores messages that are not requests', async () => {
    for (const junk of [null, 'prepare', { type: 'prepare' }, { type: 'apply' }, { type: 'prepare', id: 1, now: NOW, file: 'text' }, { type: 'other', id: 1 }]) {
      expect(await runHandler(junk)).toEqual([]);
    }
    // A cancel for nothing running is fine.
    expect(await runHandler({ type: 'cancel', id: 99 })).toEqual([]);
  });

  it('outcomeMessages: every long list in slices of the given size, empty lists send nothing', () => {
    const parsed = { ok: true, format: 'factmark-bundle' as const, items: [], counts: { ok: 5, sanitised: 0, rejected: 0 }, messages: [{ key: 'importNoItems' as const }] };
    const outcome = outcomeOf(parsed, {
      annotations: { add: notes.slice(0, 5).map((n) => ({ ...n, pageUrl: `https://a.example/${n.id}` })), update: [], skip: [{ id: 'x', reason: { key: 'importSkipIdentical' } }] },
      knownClaims: { add: [], update: [], skip: [] },
    });
    const messages = [...outcomeMessages(1, 'applied', outcome, 2)];
    expect(messages.map((m) => (m.type === 'slice' ? `${m.part}:${m.rows.length}` : m.type))).toEqual([
      'skipped:1', 'pageUrls:2', 'pageUrls:2', 'pageUrls:1', 'applied',
    ]);
    expect(messages.at(-1)).toMatchObject({ outcome: { summary: { line: { key: 'importSummary', subs: [5, 0, 1] }, skipped: [] }, pageUrls: [] } });
  });
});

describe('import worker: the page side', () => {
  it('checks in the worker, previews without records, writes there; the worker lives until the write ends', async () => {
    const steps = realDb();
    const existing = notes.slice(0, 5).map((a) => ({ ...a, updated: a.updated + 1 })); // newer locally: skipped
    await steps.db.annotations.bulkAdd(existing);
    const worker = fakeWorker(steps);
    const progress: number[] = [];
    const session = await offThread(worker, { onProgress: (f) => progress.push(f) });
    expect(session.where).toBe('worker');
    const local = await prepareImport(bundle(), { now: NOW, plan: steps.plan });
    expect(session.outcome).toEqual(outcomeOf(local.parsed, local.plan));
    expect(english(session.outcome.summary.line)).toBe('20 added, 0 updated, 5 skipped');
    expect(session.outcome.summary.skipped.map((s) => s.id)).toEqual(existing.map((a) => a.id));
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(worker.terminated()).toBe(false); // the plan waits in the worker
    expect(carriesRecords(worker.received)).toBe(false);

    const writing: number[] = [];
    const pending = session.apply({ onProgress: (f) => writing.push(f) });
    session.discard(); // too late: a write started runs to its end
    const applied = await pending;
    expect(english(applied.summary.line)).toBe('20 added, 0 updated, 5 skipped');
    expect(applied.pageUrls.sort()).toEqual([...new Set(notes.slice(5).map((n) => n.pageUrl))].sort());
    expect(writing.length).toBeGreaterThan(2);
    expect(writing.at(-1)).toBe(1);
    expect(await steps.db.annotations.count()).toBe(25);
    expect(worker.sent.map((m) => (m as { type: string }).type)).toEqual(['prepare', 'apply']);
    expect(worker.terminated()).toBe(true);
    expect(carriesRecords(worker.received)).toBe(false);
    await expect(session.apply()).rejects.toThrow(/already imported/);
  });

  it('sends the repaired and rejected items with the counts of all: the preview reads as for the whole parse', async () => {
    const bad = { ...notes[0], id: 'not-a-uuid' };
    const repaired = { ...notes[1], sources: [{ url: 'javascript:alert(1)' }, ...notes[1].sources] };
    const file = new Blob([JSON.stringify({ format: 'factmark-bundle', version: 1, annotations: [bad, repaired, ...notes.slice(2)] })]);
    const session = await offThread(fakeWorker(), {}, file);
    const full = parseImport(await file.text(), { now: NOW });
    expect(session.outcome.parse.line).toEqual(describeParse(full));
    expect(english(session.outcome.parse.line)).toBe('25 items: 23 ready, 1 repaired, 1 rejected');
    const plan = await planAgainst()(full);
    expect(session.outcome.summary).toEqual(summarizeImport(full, plan));
    expect(session.outcome.summary.rejected.map((r) => r.index)).toEqual([0]);
    expect(session.outcome.summary.rejected[0].reasons.map(english)).toEqual(['id: id is not a UUID']);
    expect(session.outcome.summary.repaired.map((r) => r.index)).toEqual([1]);
    expect(session.outcome.summary.repaired[0].changes.map(english)).toEqual(['source 1 dropped: "javascript:" URLs are not allowed (only http and https)']);
  });

  it('a refused file frees the worker at once', async () => {
    const worker = fakeWorker();
    const session = await offThread(worker, {}, new Blob(['not json']));
    expect(session.outcome.parse.ok).toBe(false);
    expect(worker.terminated()).toBe(true);
    await expect(session.apply()).rejects.toThrow();
  });

  it('discarding the preview terminates the worker; nothing is written', async () => {
    const steps = realDb();
    const worker = fakeWorker(steps);
    const session = await offThread(worker);
    session.discard();
    expect(worker.terminated()).toBe(true);
    await expect(session.apply()).rejects.toThrow(/choose it again/);
    expect(await steps.db.annotations.count()).toBe(0);
  });

  it('cancelling the write: cancel posted, rolled back in the worker, AbortError once it is, worker freed', async () => {
    const steps = await seeded();
    const worker = fakeWorker(steps);
    const session = await offThread(worker);
    const controller = new AbortController();
    const writing: number[] = [];
    const pending = session.apply({
      signal: controller.signal,
      onProgress: (f) => {
        writing.push(f);
        if (f > 0) controller.abort();
      },
    });
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(worker.sent.at(-1)).toMatchObject({ type: 'cancel' });
    expect(worker.received.at(-1)).toMatchObject({ type: 'cancelled' }); // the worker confirmed the rollback
    expect(writing.at(-1)).toBeLessThan(1);
    expect(worker.terminated()).toBe(true);
    expect(await dumpDb(steps.db)).toBe(steps.before);
  });

  it('a failed write rejects with the worker\'s reason and frees the worker', async () => {
    const worker = fakeWorker({
      apply: async () => {
        throw new Error('QuotaExceededError: disk full');
      },
    });
    const session = await offThread(worker);
    await expect(session.apply()).rejects.toThrow('QuotaExceededError: disk full');
    expect(worker.terminated()).toBe(true);
  });

  it('a full disk in the worker reaches the page as a quota error, whatever its message', async () => {
    const worker = fakeWorker({
      apply: async () => {
        throw Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: new DOMException('The quota has been exceeded.', 'QuotaExceededError') });
      },
    });
    const session = await offThread(worker);
    const failure = await session.apply().then(() => undefined, (e: unknown) => e);
    expect(isQuotaError(failure)).toBe(true);
    expect(failure).toMatchObject({ message: 'Transaction aborted' });
  });

  it('a worker that dies while the preview waits: apply says so', async () => {
    const worker = fakeWorker();
    const session = await offThread(worker);
    worker.emit('error', { message: 'out of memory' });
    expect(worker.terminated()).toBe(true);
    await expect(session.apply()).rejects.toThrow(/worker stopped: out of memory/);
  });

  it('falls back to the page when the worker cannot be created: checks and writes there', async () => {
    const steps = realDb();
    const session = await offThread(
      () => {
        throw new Error('Worker is not defined');
      },
      { inPage: { plan: steps.plan, apply: steps.apply } },
    );
    expect(session.where).toBe('page');
    expect(english(session.outcome.summary.line)).toBe('25 added, 0 updated, 0 skipped');
    const applied = await session.apply();
    expect(english(applied.summary.line)).toBe('25 added, 0 updated, 0 skipped');
    expect(await steps.db.annotations.count()).toBe(25);
  });

  it('falls back to the page when the worker fails before answering', async () => {
    const worker = fakeWorker({}, { failToStart: true });
    const session = await offThread(worker);
    expect(session.where).toBe('page');
    expect(worker.terminated()).toBe(true);
  });

  it('rejects with the worker\'s message when it fails after starting', async () => {
    const worker = fakeWorker({
      plan: async () => {
        throw new Error('quota');
      },
    });
    await expect(offThread(worker)).rejects.toThrow('quota');
    expect(worker.terminated()).toBe(true);
  });

  it('cancels a check: posts cancel, terminates the worker, rejects with an AbortError, ignores late messages', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const worker = fakeWorker({
      plan: async (p) => {
        await gate;
        return planAgainst()(p);
      },
    });
    const controller = new AbortController();
    const progress: number[] = [];
    const pending = offThread(worker, { signal: controller.signal, onProgress: (f) => progress.push(f) });
    await vi.waitFor(() => expect(progress.length).toBeGreaterThan(0));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(worker.sent.at(-1)).toMatchObject({ type: 'cancel' });
    expect(worker.terminated()).toBe(true);
    const seen = progress.length;
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(progress.length).toBe(seen);
  });

  it('an already aborted signal starts nothing', async () => {
    const createWorker = vi.fn(() => fakeWorker());
    await expect(offThread(createWorker, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(createWorker).not.toHaveBeenCalled();
  });

  it('ignores messages for another request', async () => {
    const worker = fakeWorker();
    const pending = offThread(worker);
    worker.emit('message', { data: { type: 'failed', id: -1, message: 'not yours' } });
    await expect(pending).resolves.toMatchObject({ where: 'worker' });
  });
});

// Type-level: the page never sees a plan, only outcomes.
const _outcomeHasNoRecords: ImportOutcome extends { plan: unknown } ? never : true = true;
void _outcomeHasNoRecords;
