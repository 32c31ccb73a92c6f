/**
 * Training helpers for the claim model (used by scripts/train-claims.ts and tests, never by the
 * content script): TSV loading, sparse featurisation and a deterministic logistic regression
 * trained with AdaGrad, with per-epoch weight averaging.
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
// Dense model (utils/claims/embedding.ts): mean GloVe vector + named cues → one ReLU layer → logit.

export interface MlpOptions {
  hidden: number;
  epochs: number;
  /** Adam learning rate and decoupled-from-nothing L2 on the weight matrices. */
  lr: number;
  l2: number;
  batch: number;
  positiveWeight: number;
  seed: number;
}

export interface Mlp {
  /** hidden × inputs, row-major. */
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: number;
  inputs: number;
}

/**
 * Trains the network on dense rows `x` (n × inputs) with minibatch Adam; deterministic for a seed
 * (initialisation and shuffling come from the seeded generator).
 */
export function trainMlp(x: Float32Array, inputs: number, labels: number[], weights: number[] | null, opts: MlpOptions): Mlp {
  const H = opts.hidden;
  const D = inputs;
  const random = rng(opts.seed);
  const w1 = new Float32Array(H * D).map(() => (random() * 2 - 1) * Math.sqrt(6 / (D + H)));
  const b1 = new Float32Array(H);
  const w2 = new Float32Array(H).map(() => (random() * 2 - 1) * Math.sqrt(6 / (H + 1)));
  const b2 = new Float32Array(1);
  const params = [w1, b1, w2, b2];
  const decay = [true, false, true, false];
  const grads = params.map((p) => new Float32Array(p.length));
  const m1 = params.map((p) => new Float32Array(p.length));
  const m2 = params.map((p) => new Float32Array(p.length));
  const h = new Float32Array(H);
  const order = Array.from({ length: labels.length }, (_, i) => i);
  const beta1 = 0.9;
  const beta2 = 0.999;
  let t = 0;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (let s = 0; s < order.length; s += opts.batch) {
      for (const g of grads) g.fill(0);
      const end = Math.min(order.length, s + opts.batch);
      for (let q = s; q < end; q++) {
        const i = order[q];
        const o = i * D;
        let z = b2[0];
        for (let u = 0; u < H; u++) {
          let a = b1[u];
          const wo = u * D;
          for (let d = 0; d < D; d++) a += w1[wo + d] * x[o + d];
          h[u] = a > 0 ? a : 0;
          z += w2[u] * h[u];
        }
        const p = 1 / (1 + Math.exp(-z));
        const y = labels[i];
        const gz = ((p - y) * (weights ? weights[i] : 1) * (y ? opts.positiveWeight : 1)) / (end - s);
        grads[3][0] += gz;
        for (let u = 0; u < H; u++) {
          grads[2][u] += gz * h[u];
          if (h[u] <= 0) continue;
          const gh = gz * w2[u];
          grads[1][u] += gh;
          const wo = u * D;
          for (let d = 0; d < D; d++) grads[0][wo + d] += gh * x[o + d];
        }
      }
      t++;
      const c1 = 1 - Math.pow(beta1, t);
      const c2 = 1 - Math.pow(beta2, t);
      params.forEach((p, pi) => {
        const g = grads[pi];
        const a = m1[pi];
        const b = m2[pi];
        for (let k = 0; k < p.length; k++) {
          const gk = g[k] + (decay[pi] ? opts.l2 * p[k] : 0);
          a[k] = beta1 * a[k] + (1 - beta1) * gk;
          b[k] = beta2 * b[k] + (1 - beta2) * gk * gk;
          p[k] -= (opts.lr * (a[k] / c1)) / (Math.sqrt(b[k] / c2) + 1e-8);
        }
      });
    }
  }
  return { w1, b1, w2, b2: b2[0], inputs: D };
}

export function mlpLogit(m: Mlp, x: Float32Array, row: number): number {
  const D = m.inputs;
  const o = row * D;
  let z = m.b2;
  for (let u = 0; u < m.b1.length; u++) {
    let a = m.b1[u];
    const wo = u * D;
    for (let d = 0; d < D; d++) a += m.w1[wo + d] * x[o + d];
    if (a > 0) z += m.w2[u] * a;
  }
  return z;
}
