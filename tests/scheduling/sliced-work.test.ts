import { describe, expect, it } from 'vitest';
import { runSliced, type SliceScheduler } from '@/utils/scheduling/sliced-work';

/** A scheduler with a manual clock: each unit of work advances it by its cost. */
function fakeScheduler() {
  let clock = 0;
  const queue: (() => void)[] = [];
  const scheduler: SliceScheduler = { next: (run) => queue.push(run), now: () => clock };
  const drain = () => {
    while (queue.length) queue.shift()!();
  };
  return { scheduler, drain, advance: (ms: number) => (clock += ms) };
}

describe('runSliced', () => {
  it('splits work into slices no longer than the budget', async () => {
    const fake = fakeScheduler();
    function* work() {
      let sum = 0;
      for (let i = 0; i < 100; i++) {
        fake.advance(1);
        sum += i;
        yield;
      }
      return sum;
    }
    const done = runSliced(work(), { budgetMs: 8, scheduler: fake.scheduler });
    fake.drain();
    const { value, stats } = await done;
    expect(value).toBe(4950);
    expect(stats.longest).toBeLessThanOrEqual(8);
    expect(stats.slices).toBeGreaterThanOrEqual(13);
    expect(stats.busy).toBe(100);
  });

  it('stops when aborted and reports errors from the work', async () => {
    const fake = fakeScheduler();
    const controller = new AbortController();
    function* endless() {
      for (;;) {
        fake.advance(5);
        yield;
      }
    }
    const aborted = runSliced(endless(), { scheduler: fake.scheduler, signal: controller.signal });
    controller.abort();
    fake.drain();
    await expect(aborted).rejects.toThrow('cancelled');

    function* failing(): Generator<unknown, never> {
      yield;
      throw new Error('bad sentence');
    }
    const failed = runSliced(failing(), { scheduler: fake.scheduler });
    fake.drain();
    await expect(failed).rejects.toThrow('bad sentence');
  });
});
