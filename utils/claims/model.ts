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
  decodeTableRange(t, out, 0, out.length);
  return out;
}

/** Decodes entries [from, to) of `t` into `out` (so a large table can be decoded in pieces). */
function decodeTableRange(t: QuantisedTable, out: Int8Array, from: number, to: number): void {
  const { data, levels } = t;
  for (let i = from; i < to; i++) {
    const c = CODE[data.charCodeAt(i)];
    if (c < 0) throw new Error('claim weights: bad table character');
    out[i] = c - levels;
  }
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
  const steps = decodeModelSteps(file, Infinity);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `decodeModel` in pieces: yields after every `chunk` table entries (and after the vocabulary), so
 * the content script can decode the weights in idle slices without one long task. The result is
 * the very same model.
 */
export function* decodeModelSteps(file: WeightsFile, chunk = 1 << 16): Generator<void, ClaimModel, void> {
  if (file.format !== 'factmark-claims/2' || file.hashBits !== HASH_BITS) {
    throw new Error(`claim weights do not match this code (format ${file.format}, ${file.hashBits} hash bits)`);
  }
  // Named cues are matched by name, so a file with fewer or reordered cues still loads.
  const order = NAMED.map(([name]) => file.names.indexOf(name));
  const named = new Float32Array(NAMED_COUNT);
  order.forEach((j, i) => (named[i] = j >= 0 ? file.named[j] : 0));
  const hashed = yield* decodeTableSteps(file.hashed, chunk);
  if (hashed.length !== HASH_SIZE) throw new Error('claim weights: wrong table size');
  let dense: EmbeddingModel | null = null;
  const d = file.dense;
  if (d) {
    const vocab = new VocabMap(d.vocab);
    yield;
    const table = yield* decodeTableSteps(d.table, chunk);
    if (table.length !== vocab.wordCount * d.hidden) throw new Error('claim weights: wrong dense table size');
    const cue = new Float32Array(d.hidden * NAMED_COUNT);
    for (let u = 0; u < d.hidden; u++) order.forEach((j, i) => (cue[u * NAMED_COUNT + i] = j >= 0 ? d.cue[u * file.names.length + j] : 0));
    dense = {
      vocab,
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

function* decodeTableSteps(t: QuantisedTable, chunk: number): Generator<void, Int8Array, void> {
  const out = new Int8Array(t.data.length);
  for (let from = 0; from < out.length; from += chunk) {
    decodeTableRange(t, out, from, Math.min(out.length, from + chunk));
    if (from + chunk < out.length) yield;
  }
  return out;
}

/**
 * The dense model's vocabulary (word → row) as a Map that is not filled up front: 8,000 `set`s of
 * freshly split strings cost ~4 ms of a page's still-cold code, on every page. `get` and `has`
 * look words up in an open-addressing table of offsets into the '\n'-separated list instead
 * (built in one pass over it); anything else a Map does first copies the words into the Map
 * itself. A word listed twice maps to its last row, as `new Map(words.map((w, i) => [w, i]))` does.
 */
export class VocabMap extends Map<string, number> {
  private readonly list: string;
  /** Start offset of word i; starts[count] = list.length + 1. */
  private readonly starts: Int32Array;
  /** Slot → word index + 1 (0: empty). */
  private readonly slots: Int32Array;
  /** Words in the list (a repeated word counts each time), and distinct words. */
  readonly wordCount: number;
  private readonly distinct: number;
  private filled = false;

  constructor(list: string) {
    super();
    this.list = list;
    let count = 1;
    for (let k = list.indexOf('\n'); k >= 0; k = list.indexOf('\n', k + 1)) count++;
    this.wordCount = count;
    this.starts = new Int32Array(count + 1);
    let size = 16;
    while (size < count * 2) size *= 2;
    this.slots = new Int32Array(size);
    const mask = size - 1;
    let start = 0;
    let distinct = 0;
    for (let i = 0; i < count; i++) {
      let end = list.indexOf('\n', start);
      if (end < 0) end = list.length;
      this.starts[i] = start;
      let h = 0x811c9dc5;
      for (let k = start; k < end; k++) h = Math.imul(h ^ list.charCodeAt(k), 0x01000193);
      for (let slot = h & mask; ; slot = (slot + 1) & mask) {
        const w = this.slots[slot];
        if (w === 0 || this.same(w - 1, list, start, end - start)) {
          if (w === 0) distinct++;
          this.slots[slot] = i + 1;
          break;
        }
      }
      start = end + 1;
    }
    this.starts[count] = list.length + 1;
    this.distinct = distinct;
  }

  private same(word: number, s: string, from: number, length: number): boolean {
    const start = this.starts[word];
    const end = this.starts[word + 1] - 1;
    if (end - start !== length) return false;
    for (let k = 0; k < length; k++) if (this.list.charCodeAt(start + k) !== s.charCodeAt(from + k)) return false;
    return true;
  }

  private find(key: string): number {
    if (this.filled) return super.get(key) ?? -1;
    const mask = this.slots.length - 1;
    let h = 0x811c9dc5;
    for (let k = 0; k < key.length; k++) h = Math.imul(h ^ key.charCodeAt(k), 0x01000193);
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const w = this.slots[slot];
      if (w === 0) return -1;
      if (this.same(w - 1, key, 0, key.length)) return w - 1;
    }
  }

  override get(key: string): number | undefined {
    const i = typeof key === 'string' ? this.find(key) : -1;
    return i >= 0 ? i : undefined;
  }

  override has(key: string): boolean {
    return typeof key === 'string' && this.find(key) >= 0;
  }

  override get size(): number {
    return this.filled ? super.size : this.distinct;
  }

  /** Copies the words into the Map (once); after that it is a plain Map. */
  private fill(): this {
    if (!this.filled) {
      const words = this.list.split('\n');
      for (let i = 0; i < words.length; i++) super.set(words[i], i);
      this.filled = true;
    }
    return this;
  }

  override set(key: string, value: number): this {
    this.fill();
    return super.set(key, value);
  }
  override delete(key: string): boolean {
    this.fill();
    return super.delete(key);
  }
  override clear(): void {
    this.fill();
    super.clear();
  }
  override forEach(fn: (value: number, key: string, map: Map<string, number>) => void, thisArg?: unknown): void {
    this.fill();
    super.forEach(fn, thisArg);
  }
  override entries(): MapIterator<[string, number]> {
    return this.fill() && super.entries();
  }
  override keys(): MapIterator<string> {
    return this.fill() && super.keys();
  }
  override values(): MapIterator<number> {
    return this.fill() && super.values();
  }
  override [Symbol.iterator](): MapIterator<[string, number]> {
    return this.fill() && super[Symbol.iterator]();
  }
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
