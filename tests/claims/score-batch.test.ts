import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { candidates, detectClaims, getDefaultModel } from '../../utils/claims/detect';
import { defaultModelNow } from '../../utils/claims/default-model';
import { scoreBatch } from '../../utils/claims/score-batch';

const seed = readFileSync(resolve(import.meta.dirname, '../fixtures/seed-article/article.txt'), 'utf8');

describe('scoring a page’s sentences in one call (the background’s side of claims/score)', () => {
  it('flags exactly what detectClaims flags, with the same scores and reasons, at every sensitivity', () => {
    const sentences = candidates(seed, {});
    expect(sentences.length).toBeGreaterThan(20);
    for (const sensitivity of [0, 0.3, 0.5, 0.6, 1]) {
      const batch = scoreBatch(getDefaultModel(), sentences.map((s) => ({ text: s.text, quote: s.quote })), sensitivity);
      const expected = detectClaims(seed, { sensitivity });
      expect(batch.flagged.map((f) => sentences[f.index].text)).toEqual(expected.map((c) => c.text));
      batch.flagged.forEach((f, i) => {
        expect(f.score).toBeCloseTo(expected[i].score, 12);
        expect(f.reasons).toEqual(expected[i].reasons);
        expect(f.score).toBeGreaterThanOrEqual(batch.threshold);
      });
    }
  });

  it('uses the model the extension ships (decoded from its own copy of the weights) identically', () => {
    const sentences = candidates(seed, {}).map((s) => ({ text: s.text, quote: s.quote }));
    expect(scoreBatch(defaultModelNow(), sentences, 0.5)).toEqual(scoreBatch(getDefaultModel(), sentences, 0.5));
  });

  it('answers an empty page with nothing flagged', () => {
    expect(scoreBatch(getDefaultModel(), [], 0.5).flagged).toEqual([]);
  });
});
