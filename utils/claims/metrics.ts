/**
 * Evaluation metrics for the claim model: F1/precision/recall of the positive class, average
 * precision, and percentile bootstrap intervals with a seeded generator (so a report is reproducible).
 */

export interface Prf {
  f1: number;
  precision: number;
  recall: number;
}

export function prf(labels: ArrayLike<number>, scores: ArrayLike<number>, threshold: number): Prf {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i++) {
    const pred = scores[i] >= threshold;
    if (pred && labels[i]) tp++;
    else if (pred) fp++;
    else if (labels[i]) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, precision, recall };
}

/** Average precision (area under the precision-recall step curve, as scikit-learn computes it). */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const order = Array.from({ length: labels.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] ? 1 : 0;
  if (!positives) return 0;
  let tp = 0;
  let fp = 0;
  let ap = 0;
  let prevRecall = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    if (labels[i]) tp++;
    else fp++;
    // Ties: only close a step once all items with the same score are counted.
    if (k + 1 < order.length && scores[order[k + 1]] === scores[i]) continue;
    const recall = tp / positives;
    ap += (recall - prevRecall) * (tp / (tp + fp));
    prevRecall = recall;
  }
  return ap;
}

/** Threshold that maximises F1 on (labels, scores). */
export function bestF1Threshold(labels: ArrayLike<number>, scores: ArrayLike<number>): { threshold: number; f1: number } {
  const order = Array.from({ length: labels.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] ? 1 : 0;
  let tp = 0;
  let best = { threshold: Infinity, f1: 0 };
  for (let k = 0; k < order.length; k++) {
    if (labels[order[k]]) tp++;
    if (k + 1 < order.length && scores[order[k + 1]] === scores[order[k]]) continue;
    const f1 = (2 * tp) / (k + 1 + positives);
    if (f1 > best.f1) {
      const next = k + 1 < order.length ? scores[order[k + 1]] : scores[order[k]] - 1;
      best = { threshold: (scores[order[k]] + next) / 2, f1 };
    }
  }
  return best;
}

/** Mulberry32: small, fast, seeded. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Interval {
  value: number;
  low: number;
  high: number;
}

/**
 * Percentile bootstrap over items: resamples (labels, scores) pairs `n` times with a seeded
 * generator and returns each metric with its 2.5/97.5 percentiles.
 */
export function bootstrap(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  metrics: Record<string, (l: number[], s: number[]) => number>,
  { n = 1000, seed = 20240 }: { n?: number; seed?: number } = {},
): Record<string, Interval> {
  const random = rng(seed);
  const len = labels.length;
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(metrics).map((k) => [k, []]));
  const l = new Array<number>(len);
  const s = new Array<number>(len);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < len; i++) {
      const j = Math.floor(random() * len);
      l[i] = labels[j];
      s[i] = scores[j];
    }
    for (const [k, f] of Object.entries(metrics)) samples[k].push(f(l, s));
  }
  const out: Record<string, Interval> = {};
  const L = Array.from(labels);
  const S = Array.from(scores);
  for (const [k, f] of Object.entries(metrics)) {
    const xs = samples[k].sort((a, b) => a - b);
    out[k] = { value: f(L, S), low: xs[Math.floor(0.025 * n)], high: xs[Math.min(n - 1, Math.ceil(0.975 * n) - 1)] };
  }
  return out;
}
