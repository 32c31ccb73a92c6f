/**
 * `npm run train:claims`: trains the check-worthiness model and writes utils/claims/data/weights.json.
 *
 * Deterministic (fixed seed, fixed data order). Data: CheckThat! 2024 English train, dev and devtest
 * from ../shared/claims, plus our own labelled news sentences (utils/claims/data/corpus-labels.tsv).
 * The CheckThat! 2024 *test* file is never read here: it is for `npm run eval:claims` only.
 *
 * 1. Held-out check: train on train only, report dev and devtest.
 * 2. Threshold: 5-fold cross-validation over the tuning pool (dev + devtest + corpus labels), each
 *    fold trained on train + the other folds; the default threshold maximises F1 on the pooled
 *    out-of-fold scores (so it is chosen on data the scoring model did not see).
 * 3. Final model on everything, hashed weights quantised to int8, written as JSON.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIM, HASH_BITS, HASH_SIZE, NAMED, NAMED_COUNT } from '../utils/claims/features';
import { averagePrecision, bestF1Threshold, prf } from '../utils/claims/metrics';
import { sigmoid, type WeightsFile } from '../utils/claims/model';
import { featurize, loadTsv, predictAll, trainLogistic, type Example, type TrainOptions } from '../utils/claims/train';
import { SHARED_DIR } from '../tests/shared-dir';

const ROOT = resolve(import.meta.dirname, '..');
const CLAIMS = resolve(SHARED_DIR, 'claims');
const OUT = resolve(ROOT, 'utils/claims/data/weights.json');
const CORPUS_LABELS = resolve(ROOT, 'utils/claims/data/corpus-labels.tsv');

export const SEED = 20240611;
export const OPTIONS: TrainOptions = { epochs: 6, l2: 1e-4, lr: 0.1, positiveWeight: 1.5, seed: SEED };
/** Sample weights: dev/devtest are expert-labelled (train is crowd-labelled); corpus labels are news prose. */
const WEIGHTS = { train: 1, dev: 1.5, devtest: 1.5, corpus: 2 };

function withWeight(xs: Example[], weight: number): Example[] {
  return xs.map((x) => ({ ...x, weight }));
}

function fit(examples: Example[]): Float64Array {
  const X = featurize(examples.map((e) => e.text));
  return trainLogistic(X, examples.map((e) => e.label), examples.map((e) => e.weight ?? 1), OPTIONS);
}

function scoreOf(w: Float64Array, examples: Example[]): Float64Array {
  return predictAll(w, featurize(examples.map((e) => e.text)));
}

function summary(name: string, ex: Example[], s: ArrayLike<number>, thr: number): string {
  const y = ex.map((e) => e.label);
  const p = prf(y, s, thr);
  return `${name.padEnd(14)} n=${String(ex.length).padStart(5)} AP ${averagePrecision(y, s).toFixed(3)}  F1 ${p.f1.toFixed(3)}  P ${p.precision.toFixed(3)}  R ${p.recall.toFixed(3)}`;
}

/** int8 quantisation of the hashed weights; the scale maps the 99.99th percentile of |w| to 127. */
function quantise(w: Float64Array): { scale: number; bytes: Int8Array } {
  const abs = Array.from(w.subarray(NAMED_COUNT), Math.abs).filter((x) => x > 0).sort((a, b) => a - b);
  const top = abs[Math.floor(abs.length * 0.9999)] ?? 1;
  const scale = top / 127;
  const bytes = new Int8Array(HASH_SIZE);
  for (let j = NAMED_COUNT; j < DIM; j++) bytes[j - NAMED_COUNT] = Math.max(-127, Math.min(127, Math.round(w[j] / scale)));
  return { scale, bytes };
}

function dequantised(named: Float64Array, q: { scale: number; bytes: Int8Array }): Float64Array {
  const w = new Float64Array(DIM);
  for (let j = 0; j < NAMED_COUNT; j++) w[j] = named[j];
  for (let j = NAMED_COUNT; j < DIM; j++) w[j] = q.bytes[j - NAMED_COUNT] * q.scale;
  return w;
}

function main(): void {
  if (!existsSync(CLAIMS)) {
    console.error(`train:claims needs the CheckThat! data in ${CLAIMS}`);
    process.exit(1);
  }
  const t0 = Date.now();
  const train = withWeight(loadTsv(resolve(CLAIMS, 'ct24_english_train.tsv')), WEIGHTS.train);
  const dev = withWeight(loadTsv(resolve(CLAIMS, 'ct24_english_dev.tsv')), WEIGHTS.dev);
  const devtest = withWeight(loadTsv(resolve(CLAIMS, 'ct24_english_devtest.tsv')), WEIGHTS.devtest);
  const corpus = existsSync(CORPUS_LABELS) ? withWeight(loadTsv(CORPUS_LABELS), WEIGHTS.corpus) : [];
  console.log(`data: train ${train.length}, dev ${dev.length}, devtest ${devtest.length}, corpus labels ${corpus.length}`);

  // 1. Held-out check (train only).
  const w0 = fit(train);
  const thr0 = bestF1Threshold(dev.map((e) => e.label), scoreOf(w0, dev)).threshold;
  console.log('\n[1] trained on train only; threshold = best F1 on dev');
  console.log(summary('dev', dev, scoreOf(w0, dev), thr0));
  console.log(summary('devtest', devtest, scoreOf(w0, devtest), thr0));
  if (corpus.length) console.log(summary('corpus labels', corpus, scoreOf(w0, corpus), thr0));

  // 2. Cross-validated threshold over the tuning pool.
  const pool = [...dev.map((e) => ['dev', e] as const), ...devtest.map((e) => ['devtest', e] as const), ...corpus.map((e) => ['corpus', e] as const)];
  const K = 5;
  const oof = new Float64Array(pool.length);
  for (let k = 0; k < K; k++) {
    const inFold = (i: number) => i % K === k;
    const w = fit([...train, ...pool.filter((_, i) => !inFold(i)).map(([, e]) => e)]);
    const held = pool.map((p, i) => [p, i] as const).filter(([, i]) => inFold(i));
    const s = scoreOf(w, held.map(([[, e]]) => e));
    held.forEach(([, i], j) => (oof[i] = s[j]));
  }
  const poolEx = pool.map(([, e]) => e);
  const best = bestF1Threshold(poolEx.map((e) => e.label), oof);
  console.log(`\n[2] ${K}-fold out-of-fold scores (each fold trained on train + the other folds); threshold ${best.threshold.toFixed(3)} (p=${sigmoid(best.threshold).toFixed(3)})`);
  for (const part of ['dev', 'devtest', 'corpus'] as const) {
    const idx = pool.map((p, i) => [p[0], i] as const).filter(([n]) => n === part).map(([, i]) => i);
    if (idx.length) console.log(summary(part, idx.map((i) => poolEx[i]), idx.map((i) => oof[i]), best.threshold));
  }
  console.log(summary('pool', poolEx, oof, best.threshold));

  // 3. Final model.
  const w = fit([...train, ...poolEx]);
  const q = quantise(w);
  const named = w.slice(0, NAMED_COUNT);
  const wq = dequantised(named, q);
  const agree = (() => {
    const a = scoreOf(w, poolEx);
    const b = scoreOf(wq, poolEx);
    let same = 0;
    for (let i = 0; i < a.length; i++) same += a[i] >= best.threshold === b[i] >= best.threshold ? 1 : 0;
    return same / a.length;
  })();
  const file: WeightsFile = {
    format: 'factmark-claims/1',
    hashBits: HASH_BITS,
    threshold: Number(sigmoid(best.threshold).toFixed(4)),
    names: NAMED.map(([n]) => n),
    named: Array.from(named, (x) => Number(x.toFixed(4))),
    scale: q.scale,
    hashed: Buffer.from(q.bytes.buffer).toString('base64'),
    meta: {
      trainedBy: 'scripts/train-claims.ts',
      seed: SEED,
      options: OPTIONS,
      sampleWeights: WEIGHTS,
      data: { train: train.length, dev: dev.length, devtest: devtest.length, corpusLabels: corpus.length },
      crossValidated: { ap: Number(averagePrecision(poolEx.map((e) => e.label), oof).toFixed(4)), f1: Number(best.f1.toFixed(4)) },
    },
  };
  const json = JSON.stringify(file);
  writeFileSync(OUT, json + '\n');
  const nonzero = q.bytes.reduce((n, b) => n + (b ? 1 : 0), 0);
  console.log(`\n[3] final model on ${train.length + poolEx.length} sentences; ${nonzero} non-zero hashed weights; quantised decisions agree ${(agree * 100).toFixed(2)} % with float`);
  console.log(`wrote ${OUT}: ${(json.length / 1024).toFixed(0)} KB, ${(gzipSync(json).length / 1024).toFixed(0)} KB gzipped (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  console.log('top named cues:', NAMED.map(([n], i) => [n, named[i]] as const).sort((a, b) => b[1] - a[1]).map(([n, v]) => `${n} ${v.toFixed(2)}`).join(', '));
}

main();
