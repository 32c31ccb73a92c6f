/**
 * The dense half of the claim model: a one-hidden-layer network over the averaged GloVe vectors of
 * a sentence's words plus the named cues (utils/claims/features.ts).
 *
 *   h = relu(W·mean(glove(word)) + C·cues + b1),   z = w2·h + b2
 *
 * The first layer is linear, so W·mean(v) = mean(W·v): the trained projection W is folded into a
 * per-word table of H numbers (`table`, int8 with one scale) and the 100-dimensional vectors are
 * never shipped. Only the most frequent English words of the GloVe vocabulary are kept
 * (utils/claims/data/weights.json, `emb.vocab`); other words are skipped, as in training.
 *
 * Tokens are those of `extractFeatures` (same tokenizer, lower-cased), so scoring a sentence
 * tokenizes it once, and each token keeps its vocabulary rows (features.ts `Token`). The table is
 * read in place, then decoded after enough lookups (model.ts, adaptive decode). Shared by training
 * (scripts/train-claims.ts) and the content script.
 */
import { lastTokenInfo, lastTokens, NAMED_COUNT } from './features';
import { countReads, type CodedTable } from './model';

/** word → row of the table: a Map in training, a `SortedVocab` (model.ts) when loaded from the file. */
export interface Vocab {
  get(word: string): number | undefined;
  readonly size: number;
}

export interface EmbeddingModel {
  vocab: Vocab;
  hidden: number;
  /** vocab.size × hidden, row-major; value = integer entry × scale. */
  table: CodedTable;
  scale: number;
  /** NAMED_COUNT × hidden weights of the named cues, row-major: a cue's weights side by side. */
  cue: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: number;
}

/**
 * Rows of `vocab` for one lower-cased token, GloVe-style: "don't" → do + n't, "it's" → it + 's,
 * "1,200" → 1200, curly quotes → ". Writes up to 2 rows into `out` from `at`; returns the count.
 */
export function tokenRows(vocab: Vocab, tok: string, out: Int32Array, at: number): number {
  let j = vocab.get(tok);
  if (j !== undefined) {
    out[at] = j;
    return 1;
  }
  const c0 = tok.charCodeAt(0);
  if (c0 === 0x201c || c0 === 0x201d) {
    j = vocab.get('"');
    if (j === undefined) return 0;
    out[at] = j;
    return 1;
  }
  if (c0 >= 48 && c0 <= 57) {
    if (tok.indexOf(',') < 0) return 0;
    j = vocab.get(tok.replace(/,/g, ''));
    if (j === undefined) return 0;
    out[at] = j;
    return 1;
  }
  const apo = tok.indexOf("'");
  if (apo <= 0) return 0;
  let n = 0;
  const split = tok.endsWith("n't") ? tok.length - 3 : apo;
  const a = vocab.get(tok.slice(0, split));
  const b = vocab.get(tok.slice(split));
  if (a !== undefined) out[at + n++] = a;
  if (b !== undefined) out[at + n++] = b;
  return n;
}

const MAX_ROWS = 512;
/** Module-local copy (imported bindings can be slow live getters under some loaders). */
const N_NAMED = NAMED_COUNT;
const rowsBuf = new Int32Array(MAX_ROWS + 2);
let hBuf = new Float32Array(64);
/** Row sums: integers (at most MAX_ROWS + 2 rows of |entry| ≤ 31), exact in Int32 as in the Float32 `h`. */
let accBuf = new Int32Array(64);

const pair = new Int32Array(2);
const INFO = lastTokenInfo;
const TOKENS = lastTokens;

/**
 * `sentenceRows` of the last extracted sentence, through its `Token`s: each token remembers its
 * rows for the last vocabulary it was looked up in, so a known token costs no lookup.
 */
function lastSentenceRows(vocab: Vocab, count: number, out: Int32Array): number {
  let n = 0;
  for (let i = 0; i < count && n < MAX_ROWS; i++) {
    const t = INFO[i];
    if (t.rowsOf !== vocab) {
      t.rows = tokenRows(vocab, t.low, pair, 0);
      t.row0 = pair[0];
      t.row1 = pair[1];
      t.rowsOf = vocab;
    }
    if (t.rows > 0) out[n++] = t.row0;
    if (t.rows > 1) out[n++] = t.row1;
  }
  return n;
}

/** Rows of the tokens of one sentence (into a shared buffer); returns the count. */
export function sentenceRows(vocab: Vocab, tokens: readonly string[], count: number, out: Int32Array = rowsBuf): number {
  let n = 0;
  for (let i = 0; i < count && n < MAX_ROWS; i++) n += tokenRows(vocab, tokens[i], out, n);
  return n;
}

/**
 * Log-odds of the dense model, given the sentence's tokens (lower-cased, from extractFeatures) and
 * its named-cue ids (ids < NAMED_COUNT among the first `nIds` of `ids`).
 */
export function embeddingLogit(m: EmbeddingModel, tokens: readonly string[], tokenCount: number, ids: Int32Array, nIds: number): number {
  const H = m.hidden;
  if (hBuf.length < H) hBuf = new Float32Array(H);
  const h = hBuf;
  const n = tokens === TOKENS ? lastSentenceRows(m.vocab, tokenCount, rowsBuf) : sentenceRows(m.vocab, tokens, tokenCount);
  const { cue } = m;
  const table = m.table;
  const ints = table.ints;
  h.fill(0, 0, H);
  if (ints) {
    if (accBuf.length < H) accBuf = new Int32Array(H);
    const acc = accBuf;
    acc.fill(0, 0, H);
    for (let r = 0; r < n; r++) {
      const o = rowsBuf[r] * H;
      for (let u = 0; u < H; u++) acc[u] += ints[o + u];
    }
    for (let u = 0; u < H; u++) h[u] = acc[u];
  } else {
    const { data, value } = table;
    for (let r = 0; r < n; r++) {
      const o = rowsBuf[r] * H;
      for (let u = 0; u < H; u++) h[u] += value[data.charCodeAt(o + u)];
    }
    countReads(table, n * H);
  }
  const s = n ? m.scale / n : 0;
  for (let u = 0; u < H; u++) h[u] = h[u] * s + m.b1[u];
  for (let k = 0; k < nIds; k++) {
    const id = ids[k];
    if (id >= N_NAMED) break; // named cues come first
    for (let u = 0, o = id * H; u < H; u++, o++) h[u] += cue[o];
  }
  let z = m.b2;
  for (let u = 0; u < H; u++) if (h[u] > 0) z += m.w2[u] * h[u];
  return z;
}
