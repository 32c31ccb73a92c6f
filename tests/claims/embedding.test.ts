import { describe, expect, it } from 'vitest';
import { embeddingLogit, sentenceRows, tokenRows } from '../../utils/claims/embedding';
import { createBuffers, extractFeatures, lastTokens, NAMED_COUNT } from '../../utils/claims/features';
import { decodeTable, encodeTable, logitParts, parts } from '../../utils/claims/model';
import { getDefaultModel } from '../../utils/claims/detect';
import weights from '../../utils/claims/data/weights.json';

describe('dense part of the claim model', () => {
  const vocab = new Map(['do', "n't", 'it', "'s", '1200', '"', 'percent'].map((w, i) => [w, i]));

  it('looks tokens up GloVe-style', () => {
    const out = new Int32Array(4);
    expect(tokenRows(vocab, "don't", out, 0)).toBe(2);
    expect(Array.from(out.slice(0, 2))).toEqual([0, 1]);
    expect(tokenRows(vocab, "it's", out, 0)).toBe(2);
    expect(Array.from(out.slice(0, 2))).toEqual([2, 3]);
    expect(tokenRows(vocab, '1,200', out, 0)).toBe(1);
    expect(out[0]).toBe(4);
    expect(tokenRows(vocab, '“', out, 0)).toBe(1);
    expect(out[0]).toBe(5);
    expect(tokenRows(vocab, 'unknownword', out, 0)).toBe(0);
  });

  it('reads the tokens of the last extracted sentence', () => {
    const buf = createBuffers();
    extractFeatures('Unemployment fell 3 percent, and it’s lower.', buf);
    const rows = new Int32Array(16);
    const n = sentenceRows(vocab, lastTokens, lastTokens.length, rows);
    expect(Array.from(rows.slice(0, n))).toEqual([6, 2, 3]);
  });

  it('round-trips quantised tables through the JSON-safe alphabet', () => {
    const q = Int8Array.from([-7, 0, 3, 7, -1]);
    const t = encodeTable(q, 7, 0.5);
    expect(t.data).toMatch(/^[A-Za-z0-9+/]+$/);
    expect(Array.from(decodeTable(t))).toEqual(Array.from(q));
  });

  it('is part of the committed model and adds to the linear score as weighted', () => {
    const model = getDefaultModel();
    expect(model.dense).not.toBeNull();
    expect(model.dense!.vocab.size * model.dense!.hidden).toBe(model.dense!.table.length);
    expect(weights.dense?.weight).toBe(model.denseWeight);
    const s = 'According to the census, the population grew by 2 million people in 2019.';
    const z = logitParts(model, s);
    expect(z).toBeCloseTo(parts[0] + model.denseWeight * parts[1], 10);
    const buf = createBuffers();
    const n = extractFeatures(s, buf);
    expect(embeddingLogit(model.dense!, lastTokens, lastTokens.length, buf.ids, n)).toBeCloseTo(parts[1], 10);
    expect(buf.ids[0]).toBeLessThan(NAMED_COUNT);
  });
});
