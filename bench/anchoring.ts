/**
 * Anchoring benchmark: the 10 largest corpus pages, 200 notes each (ground-truth paragraphs and
 * sentences), unedited and with one letter edited in each stored quote, for Factmark and two peers
 * (@apache-annotator/dom, exact TextQuote; dom-anchor-text-quote, diff-match-patch), all in
 * jsdom in one run. Run alone with `npx tsx bench/anchoring.ts`.
 */
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createTextQuoteSelectorMatcher } from '@apache-annotator/dom';
// @ts-expect-error untyped CommonJS peer; the one function used is typed below.
import * as datqModule from 'dom-anchor-text-quote';
import { JSDOM } from 'jsdom';
import { anchorMany } from '../utils/anchoring/anchor';
import { describeOffsets } from '../utils/anchoring/describe';
import { buildTextIndex, normalizeText, type RangeLike, type TextIndex } from '../utils/anchoring/text-index';
import type { Selector, TextQuoteSelector } from '../utils/model/annotation';
import { groundTruthParagraphs, HAS_CORPUS, largestPages, parsePage, type CorpusPage } from '../tests/corpus/corpus';
import { formatTable, median, type BenchTable } from './report';

const textQuote = datqModule as {
  toTextPosition(
    root: Node,
    selector: { exact: string; prefix?: string; suffix?: string },
    options?: { hint?: number },
  ): { start: number; end: number } | null;
};

const PAGES = 10;
const NOTES = 200;
const FACTMARK_RUNS = 7;
/** Unmeasured runs first: the first page would otherwise pay for JIT warm-up and parse garbage. */
const WARMUP_RUNS = 3;
/** dom-anchor-text-quote re-reads textContent ~10 times per note: stop a page after this long. */
const PEER_TIME_LIMIT_MS = 5_000;
const TARGET_MS = 50;

interface Note {
  /** Expected [start, end) in the normalised index text. */
  start: number;
  end: number;
  factmark: Selector[];
  /** The same quote over body.textContent (raw whitespace), as the peers describe it. */
  peer: { exact: string; prefix: string; suffix: string; start: number };
}

interface Outcome {
  ms: number;
  right: number;
  orphan: number;
  wrong: number;
  /** Notes not attempted because the page hit PEER_TIME_LIMIT_MS. */
  skipped: number;
}

type Lib = 'factmark' | 'apache' | 'datq';
const LIBS: Lib[] = ['factmark', 'apache', 'datq'];
const LABEL: Record<Lib, string> = {
  factmark: 'Factmark',
  apache: '@apache-annotator/dom 0.2.0',
  datq: 'dom-anchor-text-quote 4.0.2',
};

export async function benchAnchoring(): Promise<BenchTable[]> {
  const environment = `Node ${process.version} + jsdom 29 (DOMParser documents: no CSS, no scripts), ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} at start`;
  if (!HAS_CORPUS) {
    console.log('anchoring bench skipped: ../shared/corpus is absent');
    return [{ title: 'Anchoring (skipped)', environment, columns: ['note'], rows: [['../shared/corpus is absent']] }];
  }
  const pages = largestPages(PAGES);
  const perPage: PageResult[] = [];
  for (const page of pages) {
    const doc = parsePage(page);
    const body = doc.body;
    const index = buildTextIndex(body);
    const raw = rawText(body);
    const notes = sampleNotes(page, index, raw);
    const results: Record<string, Outcome> = {};
    let indexMs = 0;
    const cpuMs: Record<string, number> = {};
    for (const edited of [false, true]) {
      const v = edited ? '+' : '';
      const fm = notes.map((n) => (edited ? editSelectors(n.factmark) : n.factmark));
      for (let w = 0; w < WARMUP_RUNS; w++) runFactmark(body, fm, notes);
      const runs = Array.from({ length: FACTMARK_RUNS }, () => runFactmark(body, fm, notes));
      results[`factmark${v}`] = { ...runs[0], ms: median(runs.map((r) => r.ms)) };
      cpuMs[`factmark${v}`] = median(runs.map((r) => r.cpuMs));
      if (!edited) indexMs = median(runs.map((r) => r.indexMs));
      const peer = notes.map((n) => (edited ? { ...n.peer, exact: editLetter(n.peer.exact) } : n.peer));
      results[`apache${v}`] = await runPeer(page, 'apache', peer, notes);
      results[`datq${v}`] = await runPeer(page, 'datq', peer, notes);
      progress(`${page.id}${v}: ${LIBS.map((l) => `${l} ${results[l + v].ms.toFixed(0)} ms`).join(', ')}`);
    }
    perPage.push({ page, textChars: index.text.length, indexMs, cpuMs, results });
  }
  return tables(perPage, environment);
}

/** Factmark: build the text index and anchor every note (offsets; Ranges only when painting). */
function runFactmark(body: HTMLElement, selectors: Selector[][], notes: Note[]): Outcome & { indexMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const index = buildTextIndex(body);
  const indexMs = performance.now() - t;
  const anchors = anchorMany(index, selectors);
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  const out = { ms, indexMs, cpuMs: (used.user + used.system) / 1000, right: 0, orphan: 0, wrong: 0, skipped: 0 };
  anchors.forEach((a, i) => tally(out, a, notes[i]));
  return out;
}

type Peer = Exclude<Lib, 'factmark'>;
type Found = { start: number; end: number } | null;

/** What a peer worker gets: one page, one library, the notes (already edited if need be). */
interface PeerJob {
  kind: 'anchoring-peer';
  page: CorpusPage;
  lib: Peer;
  peer: Note['peer'][];
}

/** Workers do not inherit tsx's loader: register it, then load this file (it sees workerData). */
const WORKER_BOOT = `(async () => {
  const { register } = await import('tsx/esm/api');
  register();
  await import(${JSON.stringify(import.meta.url)});
})();`;

type PeerMessage = { type: 'ready' } | { type: 'note'; ms: number; found: Found } | { type: 'done' };

/**
 * Run a peer in a worker thread, so the time limit holds even when one note takes minutes
 * (apache-annotator compares Range boundaries per text node; jsdom walks the document for each).
 * The worker parses its own copy of the page; only anchoring is timed.
 */
function runPeer(page: CorpusPage, lib: Peer, peer: Note['peer'][], notes: Note[]): Promise<Outcome> {
  const job: PeerJob = { kind: 'anchoring-peer', page, lib, peer };
  return new Promise((resolveOutcome) => {
    const worker = new Worker(WORKER_BOOT, { eval: true, workerData: job });
    const found: Found[] = [];
    let ms = 0;
    let readyAt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let finished = false;
    const finish = (killed: boolean) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      const out: Outcome = { ms: killed ? performance.now() - readyAt : ms, right: 0, orphan: 0, wrong: 0, skipped: notes.length - found.length };
      found.forEach((f, i) => tally(out, f, notes[i]));
      // Wait for the thread to stop so it does not compete with the next measurement.
      void worker.terminate().then(() => resolveOutcome(out));
    };
    worker.on('message', (m: PeerMessage) => {
      if (m.type === 'ready') {
        readyAt = performance.now();
        timer = setTimeout(() => finish(true), PEER_TIME_LIMIT_MS + 500);
      } else if (m.type === 'note') {
        found.push(m.found);
        ms += m.ms;
      } else finish(false);
    });
    worker.on('error', (e) => {
      progress(`${lib} worker failed on ${page.id}: ${e.message}`);
      finish(false);
    });
    worker.on('exit', () => finish(false));
  });
}

/** Worker side: anchor the notes one by one, timing only the peer's call, until the limit. */
async function peerWorker(job: PeerJob): Promise<void> {
  // apache-annotator reads the browser globals Node, NodeFilter and Range.
  const { window } = new JSDOM('');
  const g = globalThis as Record<string, unknown>;
  for (const name of ['Node', 'NodeFilter', 'Range']) g[name] ??= window[name as 'Node'];
  const body = parsePage(job.page).body;
  const index = buildTextIndex(body);
  const raw = rawText(body);
  const post = (m: PeerMessage) => parentPort!.postMessage(m);
  post({ type: 'ready' });
  let total = 0;
  for (const { exact, prefix, suffix, start } of job.peer) {
    if (total > PEER_TIME_LIMIT_MS) break;
    const t = performance.now();
    let found: Found = null;
    if (job.lib === 'apache') {
      // Exact prefix+exact+suffix match over the body's text nodes; the first match counts.
      const matches = createTextQuoteSelectorMatcher({ type: 'TextQuoteSelector', exact, prefix, suffix })(body);
      let first: Range | null = null;
      for await (const m of matches) {
        first = m;
        break;
      }
      const ms = performance.now() - t;
      total += ms;
      found = first && index.fromRange(first);
      post({ type: 'note', ms, found });
    } else {
      // diff-match-patch over body.textContent, with the position as hint.
      const p = textQuote.toTextPosition(body, { exact, prefix, suffix }, { hint: start });
      const ms = performance.now() - t;
      total += ms;
      found = p && index.fromRange(raw.toRangeLike(p.start, p.end));
      post({ type: 'note', ms, found });
    }
  }
  post({ type: 'done' });
}

function progress(line: string): void {
  process.stderr.write(`  anchoring bench: ${line}\n`);
}

function tally(out: Outcome, got: { start: number; end: number } | null, note: Note): void {
  if (!got || got.end <= got.start) {
    if (got) out.wrong++; // a match that maps to no visible text (inside a script…)
    else out.orphan++;
    return;
  }
  const inter = Math.max(0, Math.min(got.end, note.end) - Math.max(got.start, note.start));
  const union = Math.max(got.end, note.end) - Math.min(got.start, note.start);
  if (inter / union >= 0.5) out.right++;
  else out.wrong++;
}

/** body.textContent with a map from its offsets to text nodes (what the peers search). */
interface RawText {
  text: string;
  offsetOf(node: Node, offset: number): number;
  toRangeLike(start: number, end: number): RangeLike;
}

function rawText(body: HTMLElement): RawText {
  const nodes: Text[] = [];
  const starts: number[] = [];
  const at = new Map<Node, number>();
  let total = 0;
  const walker = body.ownerDocument.createTreeWalker(body, 4 /* SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    at.set(n, nodes.length);
    nodes.push(n as Text);
    starts.push(total);
    total += (n as Text).data.length;
  }
  const text = body.textContent ?? '';
  const point = (offset: number) => {
    let lo = 0;
    let hi = nodes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { node: nodes[lo], offset: Math.min(offset - starts[lo], nodes[lo].data.length) };
  };
  return {
    text,
    offsetOf: (node, offset) => starts[at.get(node)!] + offset,
    toRangeLike: (s, e) => {
      const a = point(s);
      const b = point(e);
      return { startContainer: a.node, startOffset: a.offset, endContainer: b.node, endOffset: b.offset };
    },
  };
}

/**
 * 200 quotes per page, deterministic: ground-truth paragraphs and their sentences that occur in
 * the index text, in a fixed shuffled order, repeated when a page has fewer than 200.
 */
function sampleNotes(page: CorpusPage, index: TextIndex, raw: RawText): Note[] {
  const quotes = new Set<string>();
  for (const p of groundTruthParagraphs(page)) {
    const para = normalizeText(p);
    if (index.text.includes(para)) quotes.add(para);
    for (const s of para.split(/(?<=[.!?。！？])\s+/)) if (s.length >= 20 && index.text.includes(s)) quotes.add(s);
  }
  const pool = shuffle([...quotes].sort(), seedOf(page.id));
  const notes: Note[] = [];
  for (let i = 0; notes.length < NOTES && pool.length > 0; i++) {
    const q = pool[i % pool.length];
    const start = index.text.indexOf(q);
    const end = start + q.length;
    const a = index.nodeAt(start)!;
    const b = index.nodeAt(end, 'end')!;
    const rs = raw.offsetOf(a.node, a.offset);
    const re = raw.offsetOf(b.node, b.offset);
    notes.push({
      start,
      end,
      factmark: describeOffsets(index.text, start, end),
      peer: { exact: raw.text.slice(rs, re), prefix: raw.text.slice(Math.max(0, rs - 32), rs), suffix: raw.text.slice(re, re + 32), start: rs },
    });
  }
  return notes;
}

/** The hard variant: one letter in the middle of the stored quote is different. */
function editSelectors(sels: Selector[]): Selector[] {
  return sels.map((s) => (s.type === 'TextQuoteSelector' ? ({ ...s, exact: editLetter(s.exact) } as TextQuoteSelector) : s));
}

function editLetter(s: string): string {
  const mid = s.length >> 1;
  for (let d = 0; d < s.length; d++) {
    for (const i of [mid + d, mid - d]) {
      if (i >= 0 && i < s.length && /\p{L}/u.test(s[i])) {
        const c = s[i];
        const r = c === 'x' ? 'q' : c === 'X' ? 'Q' : c !== c.toLowerCase() ? 'X' : 'x';
        return s.slice(0, i) + r + s.slice(i + 1);
      }
    }
  }
  return s;
}

function seedOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

function shuffle<T>(xs: T[], seed: number): T[] {
  let a = seed;
  const rng = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

interface PageResult {
  page: CorpusPage;
  textChars: number;
  /** Median time of buildTextIndex alone (part of the Factmark time). */
  indexMs: number;
  /** Median CPU time (process.cpuUsage) of the Factmark runs, by variant: steadier on a busy machine. */
  cpuMs: Record<string, number>;
  results: Record<string, Outcome>;
}

function tables(perPage: PageResult[], environment: string): BenchTable[] {
  const cell = (o: Outcome) => (o.skipped > 0 ? `timeout: ${NOTES - o.skipped}/${NOTES} in ${(o.ms / 1000).toFixed(1)} s` : o.ms);
  const keys = LIBS.flatMap((l) => [l, `${l}+`]);
  const timeRows = perPage.map(({ page, textChars, indexMs, results }) => [
    page.id,
    Math.round(page.bytes / 1024),
    textChars,
    cell(results.factmark),
    indexMs,
    ...keys.slice(1).map((k) => cell(results[k])),
  ]);
  // A timed-out page counts with its time extrapolated to all notes (a lower bound: the notes
  // left undone are not the cheap ones any more often than the ones done).
  const round2 = (x: number) => (x >= 100 ? Number(x.toPrecision(2)).toLocaleString('en-US') : x.toFixed(1));
  const perNote = (o: Outcome) => (o.skipped > 0 ? (o.ms / Math.max(1, NOTES - o.skipped)) * NOTES : o.ms);
  const medians: Record<string, number> = {};
  for (const k of keys) medians[k] = median(perPage.map((p) => perNote(p.results[k])));
  const anyTimeout = (k: string) => perPage.some((p) => p.results[k].skipped > 0);
  const medianCell = (k: string) => (anyTimeout(k) ? `~${round2(medians[k])} (est.)` : medians[k]);
  timeRows.push(['median', '', '', medianCell('factmark'), median(perPage.map((p) => p.indexMs)), ...keys.slice(1).map(medianCell)]);

  const sum = (k: string, f: keyof Outcome) => perPage.reduce((s, p) => s + p.results[k][f], 0);
  const placeRows = keys.map((k) => {
    const lib = k.replace('+', '') as Lib;
    return [LABEL[lib], k.endsWith('+') ? 'one letter edited' : 'unedited', sum(k, 'right'), sum(k, 'orphan'), sum(k, 'wrong'), sum(k, 'skipped')];
  });

  const biggest = perPage.reduce((a, b) => (b.page.bytes > a.page.bytes ? b : a));
  const ratio = (peer: string, fm: string) =>
    `${anyTimeout(peer) ? '~' : ''}${round2(medians[peer] / medians[fm])}× slower`;
  const notes = [
    `Factmark time = build the text index ("of which index": the jsdom DOM walk) + anchor ${NOTES} notes, median of ${FACTMARK_RUNS} runs; peers: one run each in a worker thread, anchoring only, stopped after ${PEER_TIME_LIMIT_MS / 1000} s of anchoring per page.`,
    `Median per page, unedited: apache-annotator ${ratio('apache', 'factmark')} than Factmark, dom-anchor-text-quote ${ratio('datq', 'factmark')}.`,
    `Median per page, one letter edited: apache-annotator ${ratio('apache+', 'factmark+')}, dom-anchor-text-quote ${ratio('datq+', 'factmark+')}.`,
    `"~": a peer that hit the limit is counted as (its time / notes done) × ${NOTES}, and as if it had done 1 note when it finished none: an estimate, and a lower bound for those pages.`,
    `Factmark CPU time (process.cpuUsage, less sensitive to other load than wall time), median per page: ${median(perPage.map((p) => p.cpuMs.factmark)).toFixed(1)} ms unedited, ${median(perPage.map((p) => p.cpuMs['factmark+'])).toFixed(1)} ms edited; largest page ${biggest.cpuMs.factmark.toFixed(1)} / ${biggest.cpuMs['factmark+'].toFixed(1)} ms.`,
    `Largest page (${biggest.page.id}, ${(biggest.page.bytes / 1e6).toFixed(2)} MB): Factmark ${biggest.results.factmark.ms.toFixed(1)} ms unedited, ${biggest.results['factmark+'].ms.toFixed(1)} ms edited (target ≤ ${TARGET_MS} ms: ${Math.max(biggest.results.factmark.ms, biggest.results['factmark+'].ms) <= TARGET_MS ? 'met' : 'MISSED'}).`,
    'Peers search body.textContent (incl. <script> text) and get quotes described over it; apache-annotator matches exactly, so edited quotes are never found.',
    'jsdom figures: Range boundary checks walk the document, so Range-heavy peers look slower than in a browser. Measure the real figure in Chromium (bench/browser.ts).',
  ];
  return [
    {
      title: `Anchoring ${NOTES} notes per page: time (ms), ${PAGES} largest corpus pages`,
      environment,
      columns: ['page', 'KB', 'text chars', 'Factmark', 'of which index', 'Factmark (1 letter edited)', 'apache', 'apache (edited)', 'datq', 'datq (edited)'],
      rows: timeRows,
      notes,
    },
    {
      title: `Anchoring ${NOTES} notes per page: placement (sum over ${PAGES} pages)`,
      environment,
      columns: ['library', 'quotes', 'right place', 'not found / orphan', 'wrong place', 'not tried (timeout)'],
      rows: placeRows,
    },
  ];
}

const isMain = isMainThread && process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (!isMainThread && (workerData as PeerJob | undefined)?.kind === 'anchoring-peer') {
  await peerWorker(workerData as PeerJob);
} else if (isMain) {
  for (const t of await benchAnchoring()) console.log(formatTable(t));
}
