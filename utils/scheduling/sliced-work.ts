/**
 * Runs long work in slices so no single main-thread task exceeds the budget: the work is a
 * generator that yields between units; each slice runs units until the budget is spent, then
 * waits for the next idle period. Used for claim detection on pages of any size.
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
  /** Main-thread time spent in the work, ms. */
  busy: number;
  /** The longest single slice, ms. */
  longest: number;
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
  const stats: SliceStats = { slices: 0, busy: 0, longest: 0 };
  return new Promise((resolve, reject) => {
    const slice = () => {
      if (signal?.aborted) return reject(new AbortedError());
      const start = scheduler.now();
      stats.slices++;
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
