// @vitest-environment node
/**
 * Anchoring on 95 real pages (../shared/corpus): every ground-truth paragraph found in the page's
 * index text is described from a DOM range and anchored again, on the unchanged page and after six
 * kinds of DOM edit (see tests/anchoring/page-edits.ts). Pages are parsed with jsdom directly
 * (no test DOM environment needed). A wrong-place anchor fails the suite; an orphan does not.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { EDIT_KINDS } from '../anchoring/page-edits';
import { formatTallies, runRoundTrip, type RoundTripResult } from '../anchoring/roundtrip';
import { corpusPages, HAS_CORPUS } from './corpus';

describe.skipIf(!HAS_CORPUS)('anchoring round trip on the corpus', () => {
  let res: RoundTripResult;

  beforeAll(() => {
    res = runRoundTrip(corpusPages());
    console.log(formatTallies(res));
    for (const w of res.wrongs.slice(0, 10)) console.log('WRONG', JSON.stringify(w));
  }, 170_000);

  it('finds the ground-truth paragraphs in the index text', () => {
    expect(res.paragraphs).toBeGreaterThan(3000);
    expect(res.present / res.paragraphs).toBeGreaterThan(0.95);
  });

  it('re-anchors ≥ 99.5 % exactly on the unchanged page, never elsewhere', () => {
    const t = res.tallies.unchanged;
    expect(t.cases).toBeGreaterThanOrEqual(res.present);
    expect(t.exact / t.cases).toBeGreaterThanOrEqual(0.995);
    expect(t.wrong).toBe(0);
  });

  it.each(EDIT_KINDS.filter((k) => k !== 'delete'))('after %s: ≥ 95 % on the right text, 0 wrong', (kind) => {
    const t = res.tallies[kind];
    expect(t.cases).toBeGreaterThan(2500);
    expect(t.skipped / (t.cases + t.skipped)).toBeLessThan(0.05);
    expect(t.right / t.cases).toBeGreaterThanOrEqual(0.95);
    expect(t.wrong).toBe(0);
  });

  it('orphans every deleted quote', () => {
    const t = res.tallies.delete;
    expect(t.cases).toBeGreaterThan(2500);
    expect(t.orphan).toBe(t.cases);
    expect(t.wrong).toBe(0);
  });
});
