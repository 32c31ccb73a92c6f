import { describe, expect, it, vi } from 'vitest';
import { generateNotes } from '../../bench/generate-notes';
import { exportNativeBundle } from '../../utils/formats/native-bundle';
import { describeParse, parseImport, summarizeImport } from '../../utils/formats/import';
import { planMerge, summarizePlan } from '../../utils/formats/merge';
import {
  createImportWorkerHandler,
  prepareImport,
  prepareImportOffThread,
  resultMessages,
  type FromImportWorker,
  type PlanFn,
  type PreparedImport,
  type PrepareOptions,
  type WorkerLike,
} from '../../utils/formats/import-worker-protocol';
import type { Annotation } from '../../utils/model/annotation';

const NOW = Date.UTC(2026, 10, 27);
const notes = generateNotes(25, 11, { tombstones: 0 });
const bundle = (list: Annotation[] = notes) => new Blob([exportNativeBundle(list, { now: NOW }).content], { type: 'application/json' });
/** Plans against a "database" holding `existing`. */
const planAgainst = (existing: Annotation[] = []): PlanFn => async (p) => ({
  annotations: planMerge(new Map(existing.map((a) => [a.id, a])), p.annotations),
  knownClaims: planMerge(new Map(), p.knownClaims),
});

async function runHandler(data: unknown, plan: PlanFn = planAgainst(), sliceRows = 10): Promise<FromImportWorker[]> {
  const posted: FromImportWorker[] = [];
  await createImportWorkerHandler((m) => posted.push(structuredClone(m)), { plan, sliceRows })(data);
  return posted;
}

/** A worker running the real handler in this thread; messages are cloned as postMessage would. */
function fakeWorker(plan: PlanFn = planAgainst(), options: { sliceRows?: number; failToStart?: boolean } = {}) {
  const listeners: Record<string, ((e: { data?: unknown; message?: string }) => void)[]> = {};
  const sent: unknown[] = [];
  let terminated = false;
  const handle = createImportWorkerHandler(
    (m) => {
      if (!terminated) queueMicrotask(() => listeners.message?.forEach((l) => l({ data: structuredClone(m) })));
    },
    { plan, sliceRows: options.sliceRows ?? 10 },
  );
  const worker: WorkerLike & { sent: unknown[]; terminated: () => boolean } = {
    sent,
    terminated: () => terminated,
    postMessage(m) {
      sent.push(m);
      if (options.failToStart) queueMicrotask(() => listeners.error?.forEach((l) => l({ message: 'script failed to load' })));
      else if (!terminated) void handle(m);
    },
    terminate() {
      terminated = true;
    },
    addEventListener(type, listener) {
      (listeners[type] ??= []).push(listener);
    },
  };
  return worker;
}

const inPage = (plan: PlanFn = planAgainst()) => (o: Pick<PrepareOptions, 'onProgress' | 'signal'>) =>
  prepareImport(bundle(), { now: NOW, plan, ...o });

describe('import worker: the worker side', () => {
  it('streams a plan in slices, then done; reassembled it equals preparing in the page', async () => {
    const posted = await runHandler({ type: 'prepare', id: 7, file: bundle(), now: NOW });
    expect(posted.every((m) => m.id === 7)).toBe(true);
    const slices = posted.filter((m) => m.type === 'slice');
    expect(slices.filter((m) => m.part === 'annotations.add').map((m) => m.rows.length)).toEqual([10, 10, 5]);
    // Only items with something to say travel; the counts cover all.
    expect(slices.filter((m) => m.part === 'items')).toEqual([]);
    expect(posted.at(-1)?.type).toBe('done');
    const done = posted.at(-1) as Extract<FromImportWorker, { type: 'done' }>;
    // Long lists travel only as slices.
    expect(done.prepared.plan.annotations.add).toEqual([]);
    expect(done.prepared.parsed.items).toEqual([]);
    expect(done.prepared.parsed).toMatchObject({ ok: true, format: 'factmark-bundle', counts: { ok: 25, sanitised: 0, rejected: 0 } });
    const local = await prepareImport(bundle(), { now: NOW, plan: planAgainst() });
    const reassembled = slices.filter((m) => m.part === 'annotations.add').flatMap((m) => m.rows);
    expect(reassembled).toEqual(local.plan.annotations.add);
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

  it('answers a refused file with done (ok: false and the reason), no slices and no plan', async () => {
    const plan = vi.fn(planAgainst());
    const posted = await runHandler({ type: 'prepare', id: 2, file: new Blob(['{"format":"factmark-bundle","version":1,"annotations":[{']), now: NOW }, plan);
    expect(posted.filter((m) => m.type === 'slice')).toEqual([]);
    const done = posted.at(-1) as Extract<FromImportWorker, { type: 'done' }>;
    expect(done.type).toBe('done');
    expect(done.prepared.parsed.ok).toBe(false);
    expect(done.prepared.parsed.messages.at(-1)).toMatch(/not valid JSON/);
    expect(plan).not.toHaveBeenCalled();
  });

  it('reports a failing plan as failed with its message', async () => {
    const posted = await runHandler({ type: 'prepare', id: 3, file: bundle(), now: NOW }, async () => {
      throw new Error('database is closed');
    });
    expect(posted.at(-1)).toEqual({ type: 'failed', id: 3, message: 'database is closed' });
  });

  it('stops at the next step when cancelled, and says so', async () => {
    const posted: FromImportWorker[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const handle = createImportWorkerHandler((m) => posted.push(m), {
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
    expect(posted.some((m) => m.type === 'slice' || m.type === 'done')).toBe(false);
  });

  it('ignores messages that are not requests', async () => {
    for (const junk of [null, 'prepare', { type: 'prepare' }, { type: 'prepare', id: 1, now: NOW, file: 'text' }, { type: 'other', id: 1 }]) {
      expect(await runHandler(junk)).toEqual([]);
    }
    // A cancel for nothing running is fine.
    expect(await runHandler({ type: 'cancel', id: 99 })).toEqual([]);
  });

  it('resultMessages: every list in slices of the given size, empty lists send nothing', () => {
    const prepared: PreparedImport = {
      parsed: { ok: true, format: 'factmark-bundle', items: [], counts: { ok: 5, sanitised: 0, rejected: 0 }, messages: ['m'] },
      plan: { annotations: { add: notes.slice(0, 5), update: [], skip: [{ id: 'x', reason: 'r' }] }, knownClaims: { add: [], update: [], skip: [] } },
    };
    const messages = [...resultMessages(1, prepared, 2)];
    expect(messages.map((m) => (m.type === 'slice' ? `${m.part}:${m.rows.length}` : m.type))).toEqual([
      'annotations.add:2', 'annotations.add:2', 'annotations.add:1', 'annotations.skip:1', 'done',
    ]);
  });
});

describe('import worker: the page side', () => {
  it('prepares in the worker: same outcome as in the page, progress reaches 1, worker terminated', async () => {
    const existing = notes.slice(0, 5).map((a) => ({ ...a, updated: a.updated + 1 })); // newer locally: skipped
    const worker = fakeWorker(planAgainst(existing));
    const progress: number[] = [];
    const result = await prepareImportOffThread(bundle(), { now: NOW, createWorker: () => worker, fallback: inPage(), onProgress: (f) => progress.push(f) });
    expect(result.where).toBe('worker');
    const local = await prepareImport(bundle(), { now: NOW, plan: planAgainst(existing) });
    expect(result.plan).toEqual(local.plan);
    expect(result.parsed).toEqual(local.parsed);
    expect(summarizePlan(result.plan)).toBe('20 added, 0 updated, 5 skipped');
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(worker.terminated()).toBe(true);
  });

  it('sends the repaired and rejected items with the counts of all: the preview reads as for the whole parse', async () => {
    const bad = { ...notes[0], id: 'not-a-uuid' };
    const repaired = { ...notes[1], sources: [{ url: 'javascript:alert(1)' }, ...notes[1].sources] };
    const file = new Blob([JSON.stringify({ format: 'factmark-bundle', version: 1, annotations: [bad, repaired, ...notes.slice(2)] })]);
    const result = await prepareImportOffThread(file, { now: NOW, createWorker: () => fakeWorker(), fallback: inPage() });
    const full = parseImport(await file.text(), { now: NOW });
    expect(describeParse(result.parsed)).toBe(describeParse(full));
    expect(describeParse(result.parsed)).toBe('25 items: 23 ready, 1 repaired, 1 rejected');
    expect(result.parsed.items.map((i) => i.status)).toEqual(['rejected', 'sanitised']);
    expect(summarizeImport(result.parsed, result.plan)).toEqual(summarizeImport(full, result.plan));
  });

  it('falls back to the page when the worker cannot be created', async () => {
    const result = await prepareImportOffThread(bundle(), {
      now: NOW,
      createWorker: () => {
        throw new Error('Worker is not defined');
      },
      fallback: inPage(),
    });
    expect(result.where).toBe('page');
    expect(summarizePlan(result.plan)).toBe('25 added, 0 updated, 0 skipped');
  });

  it('falls back to the page when the worker fails before answering', async () => {
    const worker = fakeWorker(planAgainst(), { failToStart: true });
    const result = await prepareImportOffThread(bundle(), { now: NOW, createWorker: () => worker, fallback: inPage() });
    expect(result.where).toBe('page');
    expect(worker.terminated()).toBe(true);
  });

  it('rejects with the worker\'s message when it fails after starting', async () => {
    const worker = fakeWorker(async () => {
      throw new Error('quota');
    });
    await expect(prepareImportOffThread(bundle(), { now: NOW, createWorker: () => worker, fallback: inPage() })).rejects.toThrow('quota');
    expect(worker.terminated()).toBe(true);
  });

  it('cancels: posts cancel, terminates the worker, rejects with an AbortError, ignores late messages', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const worker = fakeWorker(async (p) => {
      await gate;
      return planAgainst()(p);
    });
    const controller = new AbortController();
    const progress: number[] = [];
    const pending = prepareImportOffThread(bundle(), { now: NOW, createWorker: () => worker, fallback: inPage(), signal: controller.signal, onProgress: (f) => progress.push(f) });
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
    await expect(prepareImportOffThread(bundle(), { now: NOW, createWorker, fallback: inPage(), signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(createWorker).not.toHaveBeenCalled();
  });

  it('ignores messages for another request', async () => {
    const worker = fakeWorker();
    const realAdd = worker.addEventListener.bind(worker);
    let listener!: (e: { data?: unknown }) => void;
    worker.addEventListener = (type, l) => {
      if (type === 'message') listener = l;
      realAdd(type, l);
    };
    const pending = prepareImportOffThread(bundle(), { now: NOW, createWorker: () => worker, fallback: inPage() });
    listener({ data: { type: 'failed', id: -1, message: 'not yours' } });
    await expect(pending).resolves.toMatchObject({ where: 'worker' });
  });
});
