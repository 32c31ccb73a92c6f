/**
 * The check-worthiness model at run time: decoding the committed weights file and scoring one
 * sentence. Two parts, added in log-odds:
 * - linear: float weights of the named cues + a 2^HASH_BITS table of hashed word/character n-gram
 *   weights (utils/claims/features.ts);
 * - dense: a small network over averaged GloVe word vectors and the named cues
 *   (utils/claims/embedding.ts), scaled by `denseWeight`.
 * Both tables are quantised by scripts/train-claims.ts to 2·levels+1 steps and stored one character
 * per weight (an alphabet of 64 JSON-safe characters), which gzips close to the weights' entropy.
 *
 * Loading does no per-weight work (issue 4: the model was loaded on every page by the content
 * script, now once per start by the background, in code that has not run yet, where a loop over
 * 390 K weights and a hash table of 8,000 words cost ~15 ms of main-thread time): the tables stay the strings they are in the file, read through a
 * 128-entry character → integer map where a sentence uses them (`CodedTable`), and the vocabulary,
 * stored sorted, is searched by bisection (`SortedVocab`). The integers are those of a decoded
 * table, so scores are the same to the last bit.
 *
 * Adaptive decode: reading in place costs a little more per lookup than an Int8Array. After as
 * many lookups as a table has entries, it is decoded (`ints`) in chunks of DECODE_CHUNK, one per
 * DECODE_CHUNK further lookups (ski rental: the decode costs at most what the lookups already did,
 * and no single lookup pays more than a chunk, ≈ 0.3 ms cold), so a page of a few hundred
 * sentences never pays for it and a long scoring run (a big page, training tools, the bench) gets
 * the fast path. A token's vocabulary rows are remembered with the token (features.ts `Token`), so
 * the bisection runs once per distinct word.
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
  /** Version 3: as version 2, with the dense vocabulary sorted (and its table rows with it). */
  format: 'factmark-claims/3';
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
    /** Words, '\n'-separated, in UTF-16 code-unit order, each once; row i of `table` belongs to word i. */
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

/**
 * A quantised table as stored: entry i is the integer `value[data.charCodeAt(i)]` (−levels …
 * levels), to be multiplied by the table's scale.
 */
export interface CodedTable {
  data: string;
  /** Character code (< 128) → integer. */
  value: Int8Array;
  length: number;
  /** The integers, once `countReads` has counted enough lookups to decode them all; null until then. */
  ints: Int8Array | null;
  /** Lookups left before the next chunk is decoded. */
  budget: number;
  /** Entries decoded so far into `partial`. */
  decoded: number;
  partial: Int8Array | null;
}

/** Entries decoded per step of the adaptive decode. */
const DECODE_CHUNK = 16_384;

export interface ClaimModel {
  threshold: number;
  named: Float32Array;
  /** Hashed weights = integer entries × scale. */
  hashed: CodedTable;
  scale: number;
  dense: EmbeddingModel | null;
  denseWeight: number;
}

const CODE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) CODE[ALPHABET.charCodeAt(i)] = i;

/**
 * `t` for reading in place. Characters are not checked here (a pass over 390 K of them on every
 * page): the committed tables are, by the tests (tests/claims/pipeline-steps.test.ts decodes them
 * with `decodeTable`, which throws on a character outside the alphabet).
 */
export function codedTable(t: QuantisedTable): CodedTable {
  const value = new Int8Array(128);
  for (let i = 0; i < 2 * t.levels + 1; i++) value[ALPHABET.charCodeAt(i)] = i - t.levels;
  return { data: t.data, value, length: t.data.length, ints: null, budget: t.data.length, decoded: 0, partial: null };
}

/**
 * Counts `reads` lookups of `t` done in place; decodes a chunk of it each time they add up to the
 * budget. Returns the decoded integers once all are, else null (the table is still read in place).
 */
export function countReads(t: CodedTable, reads: number): Int8Array | null {
  if (t.ints) return t.ints;
  if ((t.budget -= reads) > 0) return null;
  t.budget = DECODE_CHUNK;
  return decodeSome(t, DECODE_CHUNK);
}

/** Decodes all of `t` now (the same integers as reading it in place). */
export function decodeCoded(t: CodedTable): Int8Array {
  return t.ints ?? decodeSome(t, t.length)!;
}

function decodeSome(t: CodedTable, count: number): Int8Array | null {
  const { data, value, length } = t;
  const out = (t.partial ??= new Int8Array(length));
  const end = Math.min(length, t.decoded + count);
  for (let i = t.decoded; i < end; i++) out[i] = value[data.charCodeAt(i)];
  t.decoded = end;
  if (end < length) return null;
  t.partial = null;
  return (t.ints = out);
}

/** Quantised integers (−levels … levels) of a table. */
export function decodeTable(t: QuantisedTable): Int8Array {
  const { data, levels } = t;
  const out = new Int8Array(data.length);
  for (let i = 0; i < out.length; i++) {
    const c = CODE[data.charCodeAt(i)];
    if (c < 0) throw new Error('claim weights: bad table character');
    out[i] = c - levels;
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
  const steps = decodeModelSteps(file);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `decodeModel` in pieces (it yields between the tables), so a caller on a busy thread can load
 * the weights in idle slices. The result is the very same model.
 */
export function* decodeModelSteps(file: WeightsFile): Generator<void, ClaimModel, void> {
  if (file.format !== 'factmark-claims/3' || file.hashBits !== HASH_BITS) {
    throw new Error(`claim weights do not match this code (format ${file.format}, ${file.hashBits} hash bits)`);
  }
  // Named cues are matched by name, so a file with fewer or reordered cues still loads.
  const order = NAMED.map(([name]) => file.names.indexOf(name));
  const named = new Float32Array(NAMED_COUNT);
  order.forEach((j, i) => (named[i] = j >= 0 ? file.named[j] : 0));
  const hashed = codedTable(file.hashed);
  if (hashed.length !== HASH_SIZE) throw new Error('claim weights: wrong table size');
  let dense: EmbeddingModel | null = null;
  const d = file.dense;
  if (d) {
    yield;
    const vocab = new SortedVocab(d.vocab);
    const table = codedTable(d.table);
    if (table.length !== vocab.size * d.hidden) throw new Error('claim weights: wrong dense table size');
    const cue = new Float32Array(d.hidden * NAMED_COUNT);
    // Transposed from the file's hidden × names: one cue's weights in one cache line.
    for (let u = 0; u < d.hidden; u++) order.forEach((j, i) => (cue[i * d.hidden + u] = j >= 0 ? d.cue[u * file.names.length + j] : 0));
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

/**
 * The dense model's vocabulary (word → row) over the sorted word list, read in place: the start of
 * each word in the '\n'-joined list (one Int32Array, found with native `indexOf`), then bisection
 * comparing code units against the list itself (code-unit order, as the list is sorted). No string
 * per word: splitting the 8,000 words allocated enough to trigger a young-generation GC inside
 * the slice, 2–5 ms in Chromium traces (when the page's content script loaded the model). A sentence
 * looks up a few dozen words; a Map or hash table of all 8,000 would cost more to build than every
 * lookup of a page.
 */
export class SortedVocab {
  /** starts[i] = offset of word i in `text`; starts[size] = text.length + 1. */
  private readonly starts: Int32Array;
  private readonly count: number;

  constructor(private readonly text: string) {
    let n = 1;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) n++;
    const starts = new Int32Array(n + 1);
    let i = 1;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts[i++] = at + 1;
    starts[n] = text.length + 1;
    this.starts = starts;
    this.count = n;
    for (let k = 1; k < Math.min(n, 64); k++) {
      // A cheap guard against an unsorted list (a file of another format); the tests check all of it.
      if (this.compare(k - 1, this.word(k)) >= 0) throw new Error('claim weights: vocabulary not sorted');
    }
  }

  get size(): number {
    return this.count;
  }

  get(word: string): number | undefined {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = this.compare(mid, word);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** The words, in row order (tests and tools; the scorer never needs them as strings). */
  list(): readonly string[] {
    return Array.from({ length: this.count }, (_, i) => this.word(i));
  }

  private word(i: number): string {
    return this.text.slice(this.starts[i], this.starts[i + 1] - 1);
  }

  /** Sign of (word i) − `word` in code-unit order, like `<` on strings. */
  private compare(i: number, word: string): number {
    const text = this.text;
    const from = this.starts[i];
    const len = this.starts[i + 1] - 1 - from;
    const n = len < word.length ? len : word.length;
    for (let k = 0; k < n; k++) {
      const d = text.charCodeAt(from + k) - word.charCodeAt(k);
      if (d !== 0) return d;
    }
    return len - word.length;
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
  if (buf === sharedBuf) lastCount = n;
  const { ids, values } = buf;
  const { named } = model;
  const table = model.hashed;
  const ints = table.ints;
  let zNamed = 0;
  let zHashed = 0;
  if (ints) {
    for (let k = 0; k < n; k++) {
      const id = ids[k];
      if (id < N_NAMED) zNamed += named[id] * values[k];
      else zHashed += ints[id - N_NAMED] * values[k];
    }
  } else {
    const { data, value } = table;
    for (let k = 0; k < n; k++) {
      const id = ids[k];
      if (id < N_NAMED) zNamed += named[id] * values[k];
      else zHashed += value[data.charCodeAt(id - N_NAMED)] * values[k];
    }
    countReads(table, n);
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
  return reasonsOf(model, buf, extractFeatures(sentence, buf), max);
}

/**
 * `reasons` of the sentence that the last `logit`/`logitParts` call with the default buffer
 * scored: its features are still in that buffer, so a flagged sentence is not featurised twice.
 */
export function lastReasons(model: ClaimModel, max = 3): string[] {
  return reasonsOf(model, sharedBuf, lastCount, max);
}

/** Features written by the last `logitParts` call into the default buffer. */
let lastCount = 0;

function reasonsOf(model: ClaimModel, buf: FeatureBuffers, n: number, max: number): string[] {
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
