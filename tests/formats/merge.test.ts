import { describe, expect, it } from 'vitest';
import { planMerge, sameRecord, skipReasons, summarizePlan } from '../../utils/formats/merge';
import { english } from '../english-messages';

type R = { id: string; updated: number; deleted: number; v: string };
const r = (id: string, updated: number, v = 'x', deleted = 0): R => ({ id, updated, deleted, v });
const plan = (local: R[], incoming: R[]) => planMerge(new Map(local.map((x) => [x.id, x])), incoming);

describe('planMerge', () => {
  it('adds what is new, tombstones included', () => {
    const p = plan([], [r('a', 1), r('b', 2, 'x', 2)]);
    expect(p.add.map((x) => x.id)).toEqual(['a', 'b']);
    expect(summarizePlan(p)).toEqual({ key: 'importSummary', subs: [2, 0, 0] });
    expect(english(summarizePlan(p))).toBe('2 added, 0 updated, 0 skipped');
  });

  it('skips identical records', () => {
    const p = plan([r('a', 1)], [{ v: 'x', deleted: 0, updated: 1, id: 'a' }]);
    expect(p.skip).toEqual([{ id: 'a', reason: { key: 'importSkipIdentical' } }]);
    expect(english(p.skip[0].reason)).toBe('identical (already present)');
  });

  it('the newer edit wins; an older one is skipped with the reason', () => {
    expect(plan([r('a', 1)], [r('a', 2, 'new')]).update).toEqual([r('a', 2, 'new')]);
    const older = plan([r('a', 3)], [r('a', 2, 'old')]).skip;
    expect(older).toEqual([{ id: 'a', reason: { key: 'importSkipLocalNewer' } }]);
    expect(english(older[0].reason)).toBe('the local copy is newer');
  });

  it('never silently overwrites: same time, different content is a conflict', () => {
    const p = plan([r('a', 5, 'mine')], [r('a', 5, 'theirs')]);
    expect(p.update).toEqual([]);
    expect(p.skip[0].reason).toEqual({ key: 'importSkipConflict' });
    expect(english(p.skip[0].reason)).toMatch(/^conflict/);
  });

  it('a tombstone wins over older edits (and ties)', () => {
    expect(plan([r('a', 5)], [r('a', 7, 'x', 7)]).update).toHaveLength(1);
    expect(plan([r('a', 7)], [r('a', 7, 'x', 7)]).update).toHaveLength(1);
    expect(english(plan([r('a', 9)], [r('a', 7, 'x', 7)]).skip[0].reason)).toMatch(/edited here after the deletion/);
  });

  it('an import never resurrects a note with an edit older than its deletion', () => {
    expect(plan([r('a', 7, 'x', 7)], [r('a', 5, 'edited')]).skip[0].reason).toEqual({ key: 'importSkipDeletedAfterEdit' });
    expect(english(plan([r('a', 7, 'x', 7)], [r('a', 7, 'edited')]).skip[0].reason)).toMatch(/stays deleted/);
    // An edit made after the deletion (e.g. a restore elsewhere) is newer and wins, reported as an update.
    expect(plan([r('a', 7, 'x', 7)], [r('a', 8, 'restored')]).update).toEqual([r('a', 8, 'restored')]);
  });

  it('keeps the newest copy of an id repeated in the file', () => {
    const p = plan([], [r('a', 1, 'old'), r('a', 3, 'new'), r('a', 2, 'mid')]);
    expect(p.add).toEqual([r('a', 3, 'new')]);
    expect(p.skip).toHaveLength(2);
    expect(skipReasons(p)).toEqual([[{ key: 'importSkipDuplicate' }, 2]]);
    expect(english(skipReasons(p)[0][0])).toBe('duplicate in the file; a newer copy was used');
  });

  it('compares records structurally, ignoring key order and undefined keys', () => {
    expect(sameRecord({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1, d: undefined })).toBe(true);
    expect(sameRecord({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameRecord({ a: {} }, { a: [] })).toBe(false);
  });
});
