/**
 * Sharing formats and known-claim matching, in Node (the Chromium/IndexedDB figures come from
 * the browser harness, which can import the same generators from bench/generate-notes.ts).
 *
 *  - export to each format, and parse + validate + plan an import, of 100,000 notes;
 *  - matching a 500-sentence page against 100,000 known claims: the prefix-filtered index vs
 *    the naive scan (every sentence against every claim), in the same run. Target ≤ 20 ms.
 *
 * Standalone: `npx tsx bench/formats.ts`.
 */
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportClaimReviews } from '../utils/formats/claim-review';
import { parseImport } from '../utils/formats/import';
import { exportMarkdown } from '../utils/formats/markdown';
import { planMerge } from '../utils/formats/merge';
import { exportNativeBundle } from '../utils/formats/native-bundle';
import { exportWebAnnotations } from '../utils/formats/web-annotation';
import { KnownClaimIndex } from '../utils/known-claims/claim-index';
import type { Annotation } from '../utils/model/annotation';
import { generateKnownClaims, generateNotes, generatePage, makeVocabulary } from './generate-notes';
import { formatTable, median, type BenchTable } from './report';

const environment = () => `Node ${process.versions.node}, ${process.arch}`;

const cpuNow = () => process.cpuUsage();

/**
 * Wall time per run, and process CPU time per run: on a shared machine
 * the wall time includes waiting for a core, the CPU time does not (it does include GC threads).
 */
function timeRuns<T>(runs: number, fn: () => T): { ms: number[]; cpu: number[]; result: T } {
  const ms: number[] = [];
  const cpu: number[] = [];
  let result!: T;
  for (let r = 0; r < runs; r++) {
    const c0 = cpuNow();
    const t0 = performance.now();
    result = fn();
    ms.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { ms, cpu, result };
}

/** Other work on the machine inflates wall times; say how busy it was. */
const loadNote = () => `load average (1, 5, 15 min) when measured: ${loadavg().map((x) => x.toFixed(1)).join(', ')} on ${cpus().length} cores`;

const cpuMedian = (xs: number[]) => (xs.length ? Number(median(xs).toFixed(2)) : '');
const mb = (chars: number) => (chars / 1024 / 1024).toFixed(1);

export interface FormatsBenchOptions {
  notes?: number;
  claims?: number;
  sentences?: number;
}

/** Known claims first: the formats part leaves a heap of ~1 GB whose GC pauses would land in the timings. */
export async function benchFormats(options: FormatsBenchOptions = {}): Promise<BenchTable[]> {
  const claims = benchKnownClaims(options);
  const formats = benchFormatFiles(options);
  return [formats, claims];
}

export function benchFormatFiles(options: FormatsBenchOptions = {}): BenchTable {
  const N = options.notes ?? 100_000;
  const now = Date.UTC(2026, 10, 27);
  const settings = { authorName: 'Bench', now };
  const gen = timeRuns(1, () => generateNotes(N, 1));
  const notes = gen.result;
  const rows: (string | number)[][] = [];
  const runs = 3;
  const exports: [string, (a: Annotation[]) => { content: string }][] = [
    ['native bundle', (a) => exportNativeBundle(a, settings)],
    ['W3C AnnotationCollection', (a) => exportWebAnnotations(a, settings)],
    ['ClaimReview (graded only)', (a) => exportClaimReviews(a, settings)],
    ['Markdown report', (a) => exportMarkdown(a, settings)],
  ];
  const files = new Map<string, string>();
  for (const [name, fn] of exports) {
    const t = timeRuns(runs, () => fn(notes).content);
    files.set(name, t.result);
    rows.push([`export: ${name}`, median(t.ms), cpuMedian(t.cpu), mb(t.result.length)]);
  }
  for (const name of ['native bundle', 'W3C AnnotationCollection']) {
    const text = files.get(name)!;
    const t = timeRuns(runs, () => parseImport(text, { now }));
    const ok = t.result.annotations.length;
    rows.push([`import: parse + validate ${name}`, median(t.ms), cpuMedian(t.cpu), mb(text.length), `${ok} records`]);
  }
  const incoming = parseImport(files.get('native bundle')!, { now }).annotations;
  const empty = new Map<string, Annotation>();
  const full = new Map(notes.map((a) => [a.id, a]));
  const older = new Map(notes.map((a) => [a.id, { ...a, updated: a.updated - 1, deleted: 0 }]));
  for (const [name, existing] of [['into an empty profile', empty], ['all present, identical', full], ['all present, all older locally', older]] as const) {
    const t = timeRuns(runs, () => planMerge(existing, incoming));
    const p = t.result;
    rows.push([`planMerge ${name}`, median(t.ms), cpuMedian(t.cpu), '', `${p.add.length} add, ${p.update.length} update, ${p.skip.length} skip`]);
  }
  return {
    title: `Sharing formats: ${N.toLocaleString('en')} notes`,
    environment: environment(),
    columns: ['step', `wall ms (median of ${runs})`, 'CPU ms', 'file MB', 'result'],
    rows: rows.map((r) => [r[0], r[1], r[2], r[3], r[4] ?? '']),
    notes: [
      `generated in ${gen.ms[0].toFixed(0)} ms (every field, 5 % tombstones, markup in some texts); tombstones go to the native bundle only`,
      'pure functions only: the Dexie transaction (applyImport) is measured by the browser harness on real IndexedDB',
      loadNote(),
    ],
  };
}

export function benchKnownClaims(options: FormatsBenchOptions = {}): BenchTable {
  const C = options.claims ?? 100_000;
  const S = options.sentences ?? 500;
  const vocabulary = makeVocabulary();
  const claims = generateKnownClaims(C, 2, vocabulary);
  const build = timeRuns(3, () => KnownClaimIndex.build(claims));
  const index = build.result;
  const page = generatePage(claims, S, 25, 3, vocabulary);
  index.match(page.sentences); // warm-up (JIT)
  const fast = timeRuns(30, () => index.match(page.sentences));
  const snapshot = index.snapshot();
  const restore = timeRuns(3, () => KnownClaimIndex.restore(structuredClone(snapshot), claims));
  const slow = timeRuns(1, () => index.naiveMatch(page.sentences));
  const same = JSON.stringify(fast.result.map((m) => [m.sentenceIndex, m.claimIndex])) === JSON.stringify(slow.result.map((m) => [m.sentenceIndex, m.claimIndex]));
  const planted = [...page.planted].filter(([s, c]) => fast.result.some((m) => m.sentenceIndex === s && m.claimIndex === c)).length;
  const extra = fast.result.filter((m) => page.planted.get(m.sentenceIndex) !== m.claimIndex).length;
  const fastMs = median(fast.ms);
  const p95 = [...fast.ms].sort((a, b) => a - b)[Math.floor(fast.ms.length * 0.95)];
  return {
    title: `Known claims: a ${S}-sentence page against ${C.toLocaleString('en')} known claims`,
    environment: environment(),
    columns: ['method', 'wall ms', 'CPU ms', 'matches', 'planted found'],
    rows: [
      ['prefix-filtered index (median of 30)', fastMs, cpuMedian(fast.cpu), fast.result.length, `${planted} / ${page.planted.size}`],
      ['prefix-filtered index (best of 30)', Math.min(...fast.ms), fast.cpu.length ? Math.min(...fast.cpu) : '', '', ''],
      ['prefix-filtered index (p95 of 30)', p95, '', '', ''],
      ['naive scan, every sentence × every claim (1 run)', slow.ms[0], cpuMedian(slow.cpu), slow.result.length, ''],
      ['index build, once per change of the claim set (median of 3)', median(build.ms), cpuMedian(build.cpu), '', ''],
      ['index restore from a snapshot: structuredClone + checksum (median of 3)', median(restore.ms), cpuMedian(restore.cpu), '', restore.result ? '' : 'FAILED'],
    ],
    notes: [
      `naive / index: ${(slow.ms[0] / fastMs).toFixed(0)}× faster; same matches as the naive scan: ${same ? 'yes' : 'NO'}`,
      `target ≤ 20 ms per page: ${fastMs <= 20 ? 'met' : 'missed'} (median ${fastMs.toFixed(1)} ms wall, ${cpuMedian(fast.cpu)} ms CPU; p95 ${p95.toFixed(1)} ms wall)`,
      loadNote(),
      `index: ${index.stats.parts} parts, ${index.stats.shingles} shingles, ${index.stats.postings} postings, ${mb(index.stats.bytes)} MB of typed arrays`,
      `matches beyond the ${page.planted.size} planted edited claims: ${extra} (random sentences share words with claims, not claims)`,
      'synthetic Zipf-vocabulary claims of 6–30 words; on real claims see tests/known-claims/real-claims.test.ts',
    ],
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // `npx tsx bench/formats.ts claims` runs only the known-claims part.
  const only = process.argv[2];
  const tables = only === 'claims' ? [benchKnownClaims()] : only === 'files' ? [benchFormatFiles()] : await benchFormats();
  for (const t of tables) console.log(formatTable(t));
}
