/**
 * `npm run eval:claims`: scores the committed model (utils/claims/data/weights.json, through the
 * same runtime code the extension uses) on the CheckThat! 2024 English **test** set and the
 * CheckThat! 2019 Task 1 test set. Reporting only: nothing here feeds back into training.
 *
 * F1/precision/recall use the model's committed default threshold (chosen by cross-validation in
 * train-claims.ts, never on these files). 95 % intervals: percentile bootstrap, 1000 resamples,
 * fixed seed.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { getDefaultModel } from '../utils/claims/detect';
import { averagePrecision, bootstrap, prf, type Interval } from '../utils/claims/metrics';
import { logit } from '../utils/claims/model';
import { loadTsv } from '../utils/claims/train';
import { SHARED_DIR } from '../tests/shared-dir';

const CLAIMS = resolve(SHARED_DIR, 'claims');
const SEED = 20240611;
const RESAMPLES = 1000;

function fmt(i: Interval): string {
  return `${i.value.toFixed(3)} [${i.low.toFixed(3)}, ${i.high.toFixed(3)}]`;
}

function main(): void {
  if (!existsSync(CLAIMS)) {
    console.error(`eval:claims needs ${CLAIMS}`);
    process.exit(1);
  }
  const model = getDefaultModel();
  const thr = Math.log(model.threshold / (1 - model.threshold));
  const rows: string[][] = [];
  for (const [name, file] of [
    ['CT24 English test', 'ct24_english_test.tsv'],
    ['CT19 Task 1 test', 'ct19_task1_test.tsv'],
  ] as const) {
    const data = loadTsv(resolve(CLAIMS, file));
    const labels = data.map((d) => d.label);
    const scores = data.map((d) => logit(model, d.text));
    const r = bootstrap(
      labels,
      scores,
      {
        f1: (l, s) => prf(l, s, thr).f1,
        precision: (l, s) => prf(l, s, thr).precision,
        recall: (l, s) => prf(l, s, thr).recall,
        ap: (l, s) => averagePrecision(l, s),
      },
      { n: RESAMPLES, seed: SEED },
    );
    const pos = labels.reduce((a, b) => a + b, 0);
    rows.push([name, `${data.length} (${pos} pos)`, fmt(r.f1), fmt(r.precision), fmt(r.recall), fmt(r.ap)]);
  }
  const head = ['set', 'sentences', 'F1 (pos) [95% CI]', 'precision', 'recall', 'average precision'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => '| ' + r.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  console.log(`Claim model, threshold p >= ${model.threshold} (committed; chosen by cross-validation on train/dev/devtest/corpus labels)`);
  console.log(`Bootstrap: ${RESAMPLES} resamples, seed ${SEED}, percentile 95 % intervals.\n`);
  console.log(line(head));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line(r));
  console.log('\nTargets (CT24 test): F1 >= 0.72, AP >= 0.78. F1/P/R on CT19 use the same threshold at a 1.9 % positive rate; its AP is the ranking figure.');
}

main();
