/**
 * Claim scoring throughput in Node: sentences scored per second with the committed model
 * (features + weights lookup), over CheckThat! 2024 dev sentences (debate) and the seed article
 * (news). Target: ≥ 100,000 sentences/s. Standalone: `npx tsx bench/claims.ts`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectClaims, getDefaultModel } from '../utils/claims/detect';
import { logit } from '../utils/claims/model';
import { segmentSentences } from '../utils/claims/segment';
import { SHARED_DIR } from '../tests/shared-dir';
import { formatTable, median, type BenchTable } from './report';

const ROOT = resolve(import.meta.dirname, '..');

/**
 * Sentences per second, median of `runs`: by wall clock, and per second of this process's own CPU
 * time (process.cpuUsage), which is what the scorer costs when other processes share the cores.
 */
function rate(sentences: string[], runs = 7, ms = 300): { wall: number; cpu: number } {
  const model = getDefaultModel();
  const wall: number[] = [];
  const cpu: number[] = [];
  let sink = 0;
  for (let r = 0; r < runs; r++) {
    let n = 0;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    while (performance.now() - t0 < ms) for (const s of sentences) (sink += logit(model, s), n++);
    const c = process.cpuUsage(c0);
    wall.push(n / ((performance.now() - t0) / 1000));
    cpu.push(n / ((c.user + c.system) / 1e6));
  }
  if (sink === 42) console.log('');
  return { wall: median(wall), cpu: median(cpu) };
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
    rows.push([name, sentences.length, Math.round(avg), Math.round(r.wall), Math.round(r.cpu), r.cpu >= 100_000 ? 'met' : 'missed']);
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
      columns: ['sentences', 'n', 'avg chars', 'sentences/s wall (median of 7)', 'sentences per CPU-second', 'target 100k/s (CPU)'],
      rows,
      notes: [
        `machine: ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} when measured (other processes share the cores; rates scale down with load)`,
        `detectClaims on the whole seed article (${seed.length} chars, segmentation + scoring + reasons): ${perDoc.toFixed(2)} ms`],
    },
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const t of await benchClaims()) console.log(formatTable(t));
}
