/**
 * The check-worthiness model at run time: decoding the committed weights file and scoring one
 * sentence. Two parts, added in log-odds:
 * - linear: float weights of the named cues + a 2^HASH_BITS table of hashed word/character n-gram
 *   weights (utils/claims/features.ts);
 * - dense: a small network over averaged GloVe word vectors and the named cues
 *   (utils/claims/embedding.ts), scaled by `denseWeight`.
 * Both tables are quantised by scripts/train-claims.ts to 2·levels+1 steps and stored one character
 * per weight (an alphabet of 64 JSON-safe characters), which gzips close to the weights' entropy.
 */
import { embeddingLogit, type EmbeddingModel } from './embedding';
import { createBuffers, extractFeatures, HASH_BITS, HASH_SIZE, lastTokens, NAMED, NAMED_COUNT, type FeatureBuffers } from './features';

/** 64 characters that JSON never escapes. */
export const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A quantised table: value[i] = (ALPHABET.indexOf(data[i]) - levels) * scale. */
export interface QuantisedTable {
  levels: number;
  scale: number;
  data: string;
}

/** The JSON written by `npm run train:claims` (utils/claims/data/weights.json). */
export interface WeightsFile {
  format: 'factmark-claims/2';
  hashBits: number;
  /** Default decision threshold, as a probability. */
  threshold: number;
  /** Float weights of the named cues, in the order of `names`. */
  names: string[];
  named: number[];
  /** Hashed n-gram weights, HASH_SIZE of them. */
  hashed: QuantisedTable;
  dense: {
    /** Weight of the dense logit in the sum. */
    weight: number;
    hidden: number;
    /** Words, '\n'-separated; row i of `table` belongs to word i. */
    vocab: string;
    /** vocab × hidden projected word vectors. */
    table: QuantisedTable;
    /** hidden × names.length weights of the named cues (row-major, in the order of `names`). */
    cue: number[];
    b1: number[];
    w2: number[];
    b2: number;
  } | null;
  /** Provenance (data, options, cross-validated metrics); not used for scoring. */
  meta?: Record<string, unknown>;
}

export interface ClaimModel {
  threshold: number;
  named: Float32Array;
  /** Hashed weights = hashed × scale (int8: 4× less memory and cache than floats). */
  hashed: Int8Array;
  scale: number;
  dense: EmbeddingModel | null;
  denseWeight: number;
}

const CODE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) CODE[ALPHABET.charCodeAt(i)] = i;

/** Quantised integers (−levels … levels) of a table. */
export function decodeTable(t: QuantisedTable): Int8Array {
  const out = new Int8Array(t.data.length);
  for (let i = 0; i < out.length; i++) {
    const c = CODE[t.data.charCodeAt(i)];
    if (c < 0) throw new Error('claim weights: bad table character');
    out[i] = c - t.levels;
  }
  return out;
}

export function encodeTable(q: ArrayLike<number>, levels: number, scale: number): QuantisedTable {
  if (2 * levels + 1 > ALPHABET.length) throw new Error('too many levels');
  let data = '';
  const chunk: string[] = [];
  for (let i = 0; i < q.length; i++) {
    chunk.push(ALPHABET[q[i] + levels]);
    if (chunk.length === 4096) (data += chunk.join('')), (chunk.length = 0);
  }
  return { levels, scale, data: data + chunk.join('') };
}

export function decodeModel(file: WeightsFile): ClaimModel {
  if (file.format !== 'factmark-claims/2' || file.hashBits !== HASH_BITS) {
    throw new Error(`claim weights do not match this code (format ${file.format}, ${file.hashBits} hash bits)`);
  }
  // Named cues are matched by name, so a file with fewer or reordered cues still loads.
  const order = NAMED.map(([name]) => file.names.indexOf(name));
  const named = new Float32Array(NAMED_COUNT);
  order.forEach((j, i) => (named[i] = j >= 0 ? file.named[j] : 0));
  const hashed = decodeTable(file.hashed);
  if (hashed.length !== HASH_SIZE) throw new Error('claim weights: wrong table size');
  let dense: EmbeddingModel | null = null;
  const d = file.dense;
  if (d) {
    const words = d.vocab.split('\n');
    const table = decodeTable(d.table);
    if (table.length !== words.length * d.hidden) throw new Error('claim weights: wrong dense table size');
    const cue = new Float32Array(d.hidden * NAMED_COUNT);
    for (let u = 0; u < d.hidden; u++) order.forEach((j, i) => (cue[u * NAMED_COUNT + i] = j >= 0 ? d.cue[u * file.names.length + j] : 0));
    dense = {
      vocab: new Map(words.map((w, i) => [w, i])),
      hidden: d.hidden,
      table,
      scale: d.table.scale,
      cue,
      b1: Float32Array.from(d.b1),
      w2: Float32Array.from(d.w2),
      b2: d.b2,
    };
  }
  return { threshold: file.threshold, named, hashed, scale: file.hashed.scale, dense, denseWeight: d ? d.weight : 0 };
}

const sharedBuf = createBuffers();
// Module-local copies: imported bindings are live getters under some loaders (tsx, CJS interop),
// far too slow inside the per-feature loop.
const N_NAMED = NAMED_COUNT;
const TOKENS = lastTokens;
/** [linear, dense] log-odds of the last `logitParts` call (dense before its weight). */
export const parts = new Float64Array(2);

/** Linear and dense log-odds of one sentence, written into `parts`; returns their weighted sum. */
export function logitParts(model: ClaimModel, sentence: string, buf: FeatureBuffers = sharedBuf): number {
  const n = extractFeatures(sentence, buf);
  const { ids, values } = buf;
  const { named, hashed } = model;
  let zNamed = 0;
  let zHashed = 0;
  for (let k = 0; k < n; k++) {
    const id = ids[k];
    if (id < N_NAMED) zNamed += named[id] * values[k];
    else zHashed += hashed[id - N_NAMED] * values[k];
  }
  const z = zNamed + zHashed * model.scale;
  parts[0] = z;
  parts[1] = model.dense ? embeddingLogit(model.dense, TOKENS, TOKENS.length, ids, n) : 0;
  return z + model.denseWeight * parts[1];
}

/** Log-odds that `sentence` is a check-worthy factual claim. */
export function logit(model: ClaimModel, sentence: string, buf: FeatureBuffers = sharedBuf): number {
  return logitParts(model, sentence, buf);
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Probability that `sentence` is a check-worthy factual claim. */
export function score(model: ClaimModel, sentence: string): number {
  return sigmoid(logit(model, sentence));
}

/**
 * Human-readable reasons: the named cues that pushed this sentence's score up the most
 * ("a figure", "an attribution" …), strongest first, without repeats. Read from the linear part,
 * whose cue weights have a direct meaning.
 */
export function reasons(model: ClaimModel, sentence: string, max = 3, buf: FeatureBuffers = sharedBuf): string[] {
  const n = extractFeatures(sentence, buf);
  const found: { reason: string; weight: number }[] = [];
  for (let k = 0; k < n; k++) {
    const id = buf.ids[k];
    if (id >= NAMED_COUNT) break; // named cues come first
    const reason = NAMED[id][1];
    const weight = model.named[id] * buf.values[k];
    if (reason && weight > 0.05) found.push({ reason, weight });
  }
  found.sort((a, b) => b.weight - a.weight);
  const out: string[] = [];
  for (const f of found) if (!out.includes(f.reason) && out.length < max) out.push(f.reason);
  return out;
}
