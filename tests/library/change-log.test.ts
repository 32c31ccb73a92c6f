import { describe, expect, it } from 'vitest';
import { appendToChangeLog, changedSince, type ChangeLog } from '@/utils/search/change-log';

describe('change log of note writes', () => {
  it('lists the ids written after a write number, while the log reaches back that far', () => {
    let log: ChangeLog | undefined;
    log = appendToChangeLog(log, 1, ['a']);
    log = appendToChangeLog(log, 2, ['b', 'c']);
    log = appendToChangeLog(log, 3, ['a']);
    expect(changedSince(log, 3, 3)).toEqual([]);
    expect(changedSince(log, 2, 3)).toEqual(['a']);
    expect(changedSince(log, 1, 3)?.sort()).toEqual(['a', 'b', 'c']);
    expect(changedSince(log, 0, 3)?.sort()).toEqual(['a', 'b', 'c']);
    // A counter that moved past the log (a write that did not log), or a reader from the future: start over.
    expect(changedSince(log, 1, 4)).toBeNull();
    expect(changedSince(log, 5, 3)).toBeNull();
    expect(changedSince(undefined, 1, 2)).toBeNull();
  });

  it('drops the oldest writes beyond its bound, and lists nothing after a write larger than the bound', () => {
    let log: ChangeLog | undefined;
    for (let w = 1; w <= 5; w++) log = appendToChangeLog(log, w, [`x${w}`, `y${w}`], 6);
    expect(log).toEqual({ first: 3, writes: [['x3', 'y3'], ['x4', 'y4'], ['x5', 'y5']] });
    expect(changedSince(log, 2, 5)?.length).toBe(6);
    expect(changedSince(log, 1, 5)).toBeNull();
    log = appendToChangeLog(log, 6, ['1', '2', '3', '4', '5', '6', '7'], 6);
    expect(log).toEqual({ first: 7, writes: [] });
    expect(changedSince(log, 5, 6)).toBeNull();
    expect(changedSince(log, 6, 6)).toEqual([]);
    log = appendToChangeLog(log, 7, ['z'], 6);
    expect(changedSince(log, 6, 7)).toEqual(['z']);
  });

  it('starts afresh after a gap in write numbers', () => {
    const log = appendToChangeLog({ first: 1, writes: [['a']] }, 5, ['e']);
    expect(log).toEqual({ first: 5, writes: [['e']] });
    expect(changedSince(log, 1, 5)).toBeNull();
  });
});
