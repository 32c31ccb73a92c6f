import { describe, expect, it } from 'vitest';
import { averagePrecision, bestF1Threshold, bootstrap, prf } from '../../utils/claims/metrics';

describe('metrics', () => {
  it('computes precision, recall and F1', () => {
    expect(prf([1, 1, 0, 0], [0.9, 0.2, 0.8, 0.1], 0.5)).toEqual({ f1: 0.5, precision: 0.5, recall: 0.5 });
  });
  it('computes average precision like scikit-learn', () => {
    // sklearn.metrics.average_precision_score([1,0,1,0],[0.9,0.8,0.7,0.1]) == 0.8333…
    expect(averagePrecision([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1])).toBeCloseTo(5 / 6, 10);
    expect(averagePrecision([1, 1, 0], [3, 2, 1])).toBe(1);
  });
  it('finds the F1-optimal threshold', () => {
    const { f1, threshold } = bestF1Threshold([1, 1, 0, 0], [0.9, 0.8, 0.3, 0.1]);
    expect(f1).toBe(1);
    expect(prf([1, 1, 0, 0], [0.9, 0.8, 0.3, 0.1], threshold).f1).toBe(1);
  });
  it('bootstraps reproducibly with a seed', () => {
    const labels = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const scores = labels.map((l, i) => l + ((i * 37) % 10) / 10);
    const m = { ap: (l: number[], s: number[]) => averagePrecision(l, s) };
    const a = bootstrap(labels, scores, m, { n: 200, seed: 7 });
    expect(bootstrap(labels, scores, m, { n: 200, seed: 7 })).toEqual(a);
    expect(a.ap.low).toBeLessThanOrEqual(a.ap.value);
    expect(a.ap.high).toBeGreaterThanOrEqual(a.ap.value);
  });
});
