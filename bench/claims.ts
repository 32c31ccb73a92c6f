/**
 * Claim scoring throughput in Node: sentences scored per second with the committed model
 * (features + weights lookup), over CheckThat! 2024 dev sentences (debate) and the seed article
 * (news). Target: ≥ 100,000 sentences/s. Standalone: `npx tsx bench/claims.ts`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectClaims, getDefaultModel } from '../utils/claims/detect';
import { logit } from '../utils/claims/model';
import { segmentSentences } from '../utils/claims/segment';
import { SHARED_DIR } from '../tests/shared-dir';
import { formatTable, median, type BenchTable } from './report';

const ROOT = resolve(import.meta.dirname, '..');

function rate(sentences: string[], runs = 7, ms = 300): number {
  const model = getDefaultModel();
  const rates: number[] = [];
  let sink = 0;
  for (let r = 0; r < runs; r++) {
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < ms) for (const s of sentences) (sink += logit(model, s), n++);
    rates.push(n / ((performance.now() - t0) / 1000));
  }
  if (sink === 42) console.log('');
  return median(rates);
}

export async function benchClaims(): Promise<BenchTable[]> {
  const seed = readFileSync(resolve(ROOT, 'tests/fixtures/seed-article/article.txt'), 'utf8');
  const sets: [string, string[]][] = [['seed article (news)', segmentSentences(seed).map((s) => s.text)]];
  const dev = resolve(SHARED_DIR, 'claims/ct24_english_dev.tsv');
  if (existsSync(dev)) sets.push(['CT24 dev (debate)', readFileSync(dev, 'utf8').split('\n').slice(1).map((l) => l.split('\t')[0]).filter(Boolean)]);
  const rows: (string | number)[][] = [];
  for (const [name, sentences] of sets) {
    const avg = sentences.reduce((n, s) => n + s.length, 0) / sentences.length;
    const r = rate(sentences);
    rows.push([name, sentences.length, Math.round(avg), Math.round(r), r >= 100_000 ? 'met' : 'missed']);
  }
  // End to end on the seed text: segmentation + scoring + reasons.
  const t0 = performance.now();
  let k = 0;
  while (performance.now() - t0 < 500) (detectClaims(seed), k++);
  const perDoc = (performance.now() - t0) / k;
  return [
    {
      title: 'Claim scoring throughput',
      environment: `Node ${process.versions.node}, ${process.arch}`,
      columns: ['sentences', 'n', 'avg chars', 'sentences/s (median of 7)', 'target 100k/s'],
      rows,
      notes: [`detectClaims on the whole seed article (${seed.length} chars, segmentation + scoring + reasons): ${perDoc.toFixed(2)} ms`],
    },
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const t of await benchClaims()) console.log(formatTable(t));
}
