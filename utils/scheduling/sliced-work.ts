/**
 * Runs long work in slices so no single main-thread task exceeds the budget: the work is a
 * generator that yields between units; each slice runs units until the budget is spent, then
 * waits for the next idle period. Used for claim detection on pages of any size. A slice can only
 * end between units, so the longest task is the budget plus the longest unit: keep units to a
 * millisecond or two (`timed` measures them per phase).
 */

export interface SliceScheduler {
  /** Calls `run` in a later task, ideally when the page is idle. */
  next(run: () => void): void;
  now(): number;
}

export const idleScheduler: SliceScheduler = {
  next(run) {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => run(), { timeout: 1000 });
    else setTimeout(run, 0);
  },
  now: () => performance.now(),
};

export interface SliceStats {
  slices: number;
  /** Serial number (see `currentSlice`) of the first slice of this work. */
  firstSlice: number;
  /** Main-thread time spent in the work, ms. */
  busy: number;
  /** The longest single slice, ms. */
  longest: number;
}

/** Slices run so far on this page, all work together; the number of the running slice. */
let sliceSerial = 0;
export function currentSlice(): number {
  return sliceSerial;
}

export class AbortedError extends Error {
  constructor() {
    super('Work was cancelled');
    this.name = 'AbortError';
  }
}

/**
 * Drives `work` to completion in slices of at most `budgetMs` (a unit that runs longer than the
 * budget still finishes; keep units small). Resolves with the generator's return value.
 */
export function runSliced<T>(
  work: Generator<unknown, T, void>,
  { budgetMs = 8, scheduler = idleScheduler, signal }: { budgetMs?: number; scheduler?: SliceScheduler; signal?: AbortSignal } = {},
): Promise<{ value: T; stats: SliceStats }> {
  const stats: SliceStats = { slices: 0, firstSlice: sliceSerial + 1, busy: 0, longest: 0 };
  return new Promise((resolve, reject) => {
    const slice = () => {
      if (signal?.aborted) return reject(new AbortedError());
      const start = scheduler.now();
      stats.slices++;
      sliceSerial++;
      try {
        for (;;) {
          const step = work.next();
          if (step.done) {
            record(start);
            return resolve({ value: step.value, stats });
          }
          if (scheduler.now() - start >= budgetMs) break;
        }
      } catch (error) {
        record(start);
        return reject(error);
      }
      record(start);
      scheduler.next(slice);
    };
    const record = (start: number) => {
      const took = scheduler.now() - start;
      stats.busy += took;
      stats.longest = Math.max(stats.longest, took);
    };
    scheduler.next(slice);
  });
}

/** Main-thread time of one phase of sliced work. */
export interface PhaseStats {
  /** Total ms spent in the phase's units. */
  ms: number;
  /** The longest single unit, ms. */
  longest: number;
  units: number;
  /** ms per slice serial (`currentSlice`) the phase ran in, for matching slices to a trace. */
  bySlice: Record<number, number>;
}

/**
 * Wraps the generator `work` (one phase of a sliced job) to add the time spent in each of its
 * units to `phases[name]`; yields where `work` yields and returns what it returns.
 */
export function* timed<T>(
  phases: Record<string, PhaseStats>,
  name: string,
  work: Generator<unknown, T, void>,
  now: () => number = () => performance.now(),
): Generator<void, T, void> {
  const stats = (phases[name] ??= { ms: 0, longest: 0, units: 0, bySlice: {} });
  for (;;) {
    const start = now();
    const step = work.next();
    const took = now() - start;
    stats.ms += took;
    stats.longest = Math.max(stats.longest, took);
    stats.units++;
    stats.bySlice[sliceSerial] = (stats.bySlice[sliceSerial] ?? 0) + took;
    if (step.done) return step.value;
    yield;
  }
}
