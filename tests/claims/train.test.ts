import { describe, expect, it } from 'vitest';
import { denseLogit, trainDense, type DenseData } from '../../utils/claims/train';

/** Toy data: 4 "words" with 2-d vectors; a sentence is positive when it contains word 0 or 1. */
function toy(): { data: DenseData; glove: Float32Array; labels: number[] } {
  const glove = Float32Array.from([1, 0, 0.9, 0.1, 0, 1, 0.1, 0.9]);
  const sentences = [[0, 2], [1, 3], [0], [2, 3], [3], [2], [1, 2], [3, 3]];
  const rows = sentences.flat();
  const rowOffsets = new Int32Array(sentences.length + 1);
  sentences.forEach((s, i) => (rowOffsets[i + 1] = rowOffsets[i] + s.length));
  const data: DenseData = { rowOffsets, rows: Int32Array.from(rows), cueOffsets: new Int32Array(sentences.length + 1), cues: new Int32Array(0) };
  return { data, glove, labels: sentences.map((s) => (s.some((w) => w < 2) ? 1 : 0)) };
}

describe('trainDense', () => {
  const opts = { hidden: 4, epochs: 200, lr: 0.02, l2: 0, l2Delta: 1e-4, batch: 4, positiveWeight: 1, seed: 7 };

  it('is deterministic for a seed and fits a separable toy set', () => {
    const { data, glove, labels } = toy();
    const idx = labels.map((_, i) => i);
    const a = trainDense(data, glove, 2, 4, 0, idx, labels, null, opts);
    const b = trainDense(data, glove, 2, 4, 0, idx, labels, null, opts);
    expect(Array.from(a.table)).toEqual(Array.from(b.table));
    for (const i of idx) expect(denseLogit(a, data, i) > 0, `sentence ${i}`).toBe(labels[i] === 1);
  });

  it('folds projection and corrections into one per-word table', () => {
    const { data, glove, labels } = toy();
    const m = trainDense(data, glove, 2, 4, 0, [0, 1, 2, 3], labels, null, { ...opts, epochs: 5 });
    expect(m.table.length).toBe(4 * opts.hidden);
    expect(m.cue.length).toBe(0);
    expect(Number.isFinite(denseLogit(m, data, 4))).toBe(true);
  });
});
