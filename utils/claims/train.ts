/**
 * Training helpers for the claim model (used by scripts/train-claims.ts and tests, never by the
 * content script): TSV loading, sparse featurisation, a deterministic logistic regression
 * trained with AdaGrad (per-epoch weight averaging), and the dense network over per-word rows
 * (`trainDense`, seeded minibatch Adam).
 */
import { readFileSync } from 'node:fs';
import { createBuffers, DIM, extractFeatures, NAMED_COUNT } from './features';
import { rng } from './metrics';

export interface Example {
  text: string;
  label: number;
  /** Sample weight (e.g. to up-weight data closer to the target domain). */
  weight?: number;
}

/** Reads a `text<TAB>label[<TAB>…]` file with a header row; other columns are ignored. */
export function loadTsv(path: string): Example[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const header = lines[0].split('\t');
  const ti = header.indexOf('text');
  const li = header.indexOf('label');
  if (ti < 0 || li < 0) throw new Error(`${path}: header needs text and label columns`);
  const out: Example[] = [];
  for (const line of lines.slice(1)) {
    if (!line.trim()) continue;
    let cols = line.split('\t');
    // Two-column files: the text itself may contain a tab, the label is the last field.
    if (header.length === 2 && cols.length > 2) cols = li === 1 ? [cols.slice(0, -1).join(' '), cols[cols.length - 1]] : [cols[0], cols.slice(1).join(' ')];
    const label = Number(cols[li]?.trim());
    if (label !== 0 && label !== 1) throw new Error(`${path}: bad label in line ${JSON.stringify(line.slice(0, 80))}`);
    out.push({ text: cols[ti], label });
  }
  return out;
}

/** Compressed sparse rows: row i is ids/values[offsets[i] .. offsets[i+1]). */
export interface Csr {
  offsets: Int32Array;
  ids: Int32Array;
  values: Float32Array;
}

export function featurize(texts: string[]): Csr {
  const buf = createBuffers();
  const offsets = new Int32Array(texts.length + 1);
  const idChunks: Int32Array[] = [];
  const valChunks: Float32Array[] = [];
  let total = 0;
  texts.forEach((t, i) => {
    const n = extractFeatures(t, buf);
    idChunks.push(buf.ids.slice(0, n));
    valChunks.push(buf.values.slice(0, n));
    total += n;
    offsets[i + 1] = total;
  });
  const ids = new Int32Array(total);
  const values = new Float32Array(total);
  let o = 0;
  for (let i = 0; i < idChunks.length; i++) {
    ids.set(idChunks[i], o);
    values.set(valChunks[i], o);
    o += idChunks[i].length;
  }
  return { offsets, ids, values };
}

export interface TrainOptions {
  epochs: number;
  /** L2 strength per update on touched weights. */
  l2: number;
  /** AdaGrad learning rate. */
  lr: number;
  /** Loss weight of positives relative to negatives. */
  positiveWeight: number;
  seed: number;
  /** Multiplier on the value of each named cue vs. the n-gram blocks (0 drops them). */
  namedScale?: number;
  /** Multiplier on word / char blocks (0 drops the block). */
  wordScale?: number;
  charScale?: number;
}

export function scoreRow(w: Float64Array | Float32Array, csr: Csr, i: number): number {
  let z = 0;
  for (let k = csr.offsets[i]; k < csr.offsets[i + 1]; k++) z += w[csr.ids[k]] * csr.values[k];
  return z;
}

/** Scales feature values per block in place (named / word / char) for ablations. */
export function scaleBlocks(csr: Csr, opts: Pick<TrainOptions, 'namedScale' | 'wordScale' | 'charScale'>): Csr {
  const { namedScale = 1, wordScale = 1, charScale = 1 } = opts;
  if (namedScale === 1 && wordScale === 1 && charScale === 1) return csr;
  const values = csr.values.slice();
  for (let i = 0; i + 1 < csr.offsets.length; i++) {
    // Within a row: named ids first, then word n-grams (same value), then char n-grams.
    let block = 0;
    let prevVal = NaN;
    for (let k = csr.offsets[i]; k < csr.offsets[i + 1]; k++) {
      if (csr.ids[k] < NAMED_COUNT) {
        values[k] *= namedScale;
        continue;
      }
      if (block === 0) block = 1;
      else if (block === 1 && csr.values[k] !== prevVal) block = 2;
      prevVal = csr.values[k];
      values[k] *= block === 1 ? wordScale : charScale;
    }
  }
  return { ...csr, values };
}

export function trainLogistic(csr: Csr, labels: number[], weights: number[] | null, opts: TrainOptions): Float64Array {
  const w = new Float64Array(DIM);
  const g2 = new Float64Array(DIM).fill(1e-8);
  const avg = new Float64Array(DIM);
  const random = rng(opts.seed);
  const order = Array.from({ length: labels.length }, (_, i) => i);
  let snapshots = 0;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const i of order) {
      const z = scoreRow(w, csr, i);
      const p = 1 / (1 + Math.exp(-z));
      const y = labels[i];
      const sw = (weights ? weights[i] : 1) * (y ? opts.positiveWeight : 1);
      const g = (p - y) * sw;
      for (let k = csr.offsets[i]; k < csr.offsets[i + 1]; k++) {
        const j = csr.ids[k];
        const gj = g * csr.values[k] + (j === 0 ? 0 : opts.l2 * w[j]);
        g2[j] += gj * gj;
        w[j] -= (opts.lr * gj) / Math.sqrt(g2[j]);
      }
    }
    // Average the weights of the second half of the epochs: steadier than the last iterate.
    if (epoch >= Math.floor(opts.epochs / 2)) {
      for (let j = 0; j < DIM; j++) avg[j] += w[j];
      snapshots++;
    }
  }
  for (let j = 0; j < DIM; j++) avg[j] /= snapshots;
  return avg;
}

export function predictAll(w: Float64Array | Float32Array, csr: Csr): Float64Array {
  const out = new Float64Array(csr.offsets.length - 1);
  for (let i = 0; i < out.length; i++) out[i] = scoreRow(w, csr, i);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Dense model (utils/claims/embedding.ts): one ReLU layer over the mean of per-word rows + named cues.
//
//   h = relu(mean_w (G[w]·P + Δ[w]) + C·cues + b1),   z = w2·h + b2
//
// G are the fixed GloVe vectors (utils/claims/glove.ts), P (dims × hidden) a trained projection and
// Δ (vocab × hidden) a trained per-word correction, L2-regularised towards 0 (`l2Delta`) so a word
// seen rarely in training keeps the meaning its GloVe vector gives it. Everything before the ReLU is
// linear per word, so the shipped table is simply E[w] = G[w]·P + Δ[w] (`foldTable`): the runtime
// never sees GloVe, P or Δ.

/** Per-sentence inputs of the dense model: rows of the vocabulary (as `sentenceRows` finds them) and named-cue ids. */
export interface DenseData {
  /** Sentence i's vocabulary rows are rows[rowOffsets[i] .. rowOffsets[i+1]). */
  rowOffsets: Int32Array;
  rows: Int32Array;
  /** Sentence i's named cues are cues[cueOffsets[i] .. cueOffsets[i+1]). */
  cueOffsets: Int32Array;
  cues: Int32Array;
}

export interface DenseOptions {
  hidden: number;
  epochs: number;
  /** Adam learning rate. */
  lr: number;
  /** L2 on P, C and w2. */
  l2: number;
  /** L2 on the per-word corrections Δ (large = plain projected GloVe). */
  l2Delta: number;
  batch: number;
  positiveWeight: number;
  seed: number;
}

export interface DenseNet {
  hidden: number;
  cues: number;
  /** vocab × hidden, row-major: the folded per-word table E. */
  table: Float32Array;
  /** cues × hidden, row-major. */
  cue: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: number;
}

/**
 * Trains the dense network on the sentences `idx` of `data` with minibatch Adam (lazy on Δ: only
 * the rows of a batch's words are updated). Deterministic for a seed: initialisation and shuffling
 * come from the seeded generator.
 */
export function trainDense(
  data: DenseData,
  glove: Float32Array,
  dims: number,
  vocabSize: number,
  cueCount: number,
  idx: number[],
  labels: number[],
  weights: number[] | null,
  opts: DenseOptions,
): DenseNet {
  const H = opts.hidden;
  const random = rng(opts.seed);
  const init = (n: number, fanIn: number, fanOut: number) => new Float32Array(n).map(() => (random() * 2 - 1) * Math.sqrt(6 / (fanIn + fanOut)));
  const P = init(dims * H, dims, H);
  const delta = new Float32Array(vocabSize * H);
  const C = init(cueCount * H, dims, H);
  const b1 = new Float32Array(H);
  const w2 = init(H, H, 1);
  const b2 = new Float32Array(1);
  const params = [P, delta, C, b1, w2, b2];
  const l2 = [opts.l2, opts.l2Delta, opts.l2, 0, opts.l2, 0];
  const grads = params.map((p) => new Float32Array(p.length));
  const m1 = params.map((p) => new Float32Array(p.length));
  const m2 = params.map((p) => new Float32Array(p.length));
  const touched = new Uint8Array(vocabSize);
  const touchedList = new Int32Array(vocabSize);
  const xbar = new Float32Array(dims);
  const a = new Float32Array(H);
  const h = new Float32Array(H);
  const order = idx.slice();
  const { rowOffsets, rows, cueOffsets, cues } = data;
  let t = 0;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (let s = 0; s < order.length; s += opts.batch) {
      for (let pi = 0; pi < params.length; pi++) if (pi !== 1) grads[pi].fill(0);
      let nTouched = 0;
      const end = Math.min(order.length, s + opts.batch);
      for (let q = s; q < end; q++) {
        const i = order[q];
        const r0 = rowOffsets[i];
        const r1 = rowOffsets[i + 1];
        const inv = r1 > r0 ? 1 / (r1 - r0) : 0;
        // Forward.
        xbar.fill(0);
        a.fill(0);
        for (let r = r0; r < r1; r++) {
          const w = rows[r];
          for (let d = 0, o = w * dims; d < dims; d++) xbar[d] += glove[o + d];
          for (let u = 0, o = w * H; u < H; u++) a[u] += delta[o + u];
        }
        for (let d = 0; d < dims; d++) xbar[d] *= inv;
        for (let u = 0; u < H; u++) a[u] = a[u] * inv + b1[u];
        for (let d = 0; d < dims; d++) {
          const x = xbar[d];
          if (x !== 0) for (let u = 0, o = d * H; u < H; u++) a[u] += x * P[o + u];
        }
        for (let c = cueOffsets[i]; c < cueOffsets[i + 1]; c++) for (let u = 0, o = cues[c] * H; u < H; u++) a[u] += C[o + u];
        let z = b2[0];
        for (let u = 0; u < H; u++) {
          h[u] = a[u] > 0 ? a[u] : 0;
          z += w2[u] * h[u];
        }
        // Backward: a becomes dLoss/da.
        const p = 1 / (1 + Math.exp(-z));
        const y = labels[i];
        const gz = ((p - y) * (weights ? weights[i] : 1) * (y ? opts.positiveWeight : 1)) / (end - s);
        grads[5][0] += gz;
        for (let u = 0; u < H; u++) {
          grads[4][u] += gz * h[u];
          a[u] = h[u] > 0 ? gz * w2[u] : 0;
          grads[3][u] += a[u];
        }
        for (let d = 0; d < dims; d++) {
          const x = xbar[d];
          if (x !== 0) for (let u = 0, o = d * H; u < H; u++) grads[0][o + u] += x * a[u];
        }
        for (let r = r0; r < r1; r++) {
          const w = rows[r];
          if (!touched[w]) (touched[w] = 1), (touchedList[nTouched++] = w);
          for (let u = 0, o = w * H; u < H; u++) grads[1][o + u] += inv * a[u];
        }
        for (let c = cueOffsets[i]; c < cueOffsets[i + 1]; c++) for (let u = 0, o = cues[c] * H; u < H; u++) grads[2][o + u] += a[u];
      }
      t++;
      const c1 = 1 - Math.pow(0.9, t);
      const c2 = 1 - Math.pow(0.999, t);
      const step = (pi: number, k: number) => {
        const p = params[pi];
        const gk = grads[pi][k] + l2[pi] * p[k];
        const A = (m1[pi][k] = 0.9 * m1[pi][k] + 0.1 * gk);
        const B = (m2[pi][k] = 0.999 * m2[pi][k] + 0.001 * gk * gk);
        p[k] -= (opts.lr * (A / c1)) / (Math.sqrt(B / c2) + 1e-8);
      };
      for (let pi = 0; pi < params.length; pi++) {
        if (pi !== 1) for (let k = 0; k < params[pi].length; k++) step(pi, k);
      }
      for (let n = 0; n < nTouched; n++) {
        const w = touchedList[n];
        touched[w] = 0;
        for (let k = w * H, e = k + H; k < e; k++) step(1, k), (grads[1][k] = 0);
      }
    }
  }
  // Fold: E[w] = G[w]·P + Δ[w].
  const table = new Float32Array(vocabSize * H);
  for (let w = 0; w < vocabSize; w++)
    for (let u = 0; u < H; u++) {
      let e = delta[w * H + u];
      for (let d = 0; d < dims; d++) e += glove[w * dims + d] * P[d * H + u];
      table[w * H + u] = e;
    }
  return { hidden: H, cues: cueCount, table, cue: C, b1, w2, b2: b2[0] };
}

/** Float log-odds of the dense network for sentence i of `data` (the runtime uses the quantised table). */
export function denseLogit(m: DenseNet, data: DenseData, i: number): number {
  const H = m.hidden;
  const a = new Float64Array(H);
  const r0 = data.rowOffsets[i];
  const r1 = data.rowOffsets[i + 1];
  for (let r = r0; r < r1; r++) for (let u = 0, o = data.rows[r] * H; u < H; u++) a[u] += m.table[o + u];
  let z = m.b2;
  for (let u = 0; u < H; u++) a[u] = (r1 > r0 ? a[u] / (r1 - r0) : 0) + m.b1[u];
  for (let c = data.cueOffsets[i]; c < data.cueOffsets[i + 1]; c++) for (let u = 0, o = data.cues[c] * H; u < H; u++) a[u] += m.cue[o + u];
  for (let u = 0; u < H; u++) if (a[u] > 0) z += m.w2[u] * a[u];
  return z;
}
