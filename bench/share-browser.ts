/**
 * Sharing at scale in Debian's Chromium, in the built extension's library page (real IndexedDB,
 * the real import worker), each with a naive approach measured in the same run:
 *   - export of 100,000 notes through the Share tab: click a format → the Blob is ready (the
 *     export worker reads, serialises and encodes the notes a chunk at a time; the page only
 *     gets the Blob), native bundle and W3C (target ≤ 3 s), with the page's longest task
 *     meanwhile; for comparison the page path it replaced (listEverything → exportAs → Blob on
 *     the main thread) and naive = toArray + JSON.stringify of everything + Blob;
 *   - import of a 100,000-note native bundle through the Import tab: drop the file, the worker
 *     reads, parses, validates and plans it (the page gets the preview, not the records), press
 *     Import, the worker writes it in one transaction (target ≤ 10 s), with the page's longest
 *     task meanwhile; naive = JSON.parse, then validate and `put` one note at a time, each in its
 *     own transaction; the page-thread fallback path (check only) for comparison;
 *   - matching a 500-sentence page against 100,000 known claims (target ≤ 20 ms) vs the naive
 *     scan of every sentence against every claim.
 *
 * The extension's own modules and bench/generate-notes.ts are bundled with esbuild and evaluated
 * in extension pages through DevTools (nothing bench-only ships). Notes and files are made in the
 * page, so 100 MB never crosses the DevTools pipe.
 *
 * Floor rows measure IndexedDB alone (1,000 notes in one transaction into fresh databases: primary
 * key only, the library's indexes without and with `*words`, the library's Dexie with its
 * middleware), so the table tells what any import must spend writing with this schema.
 *
 * Bounded and robust: the whole area stops starting work after BENCH_SHARE_BUDGET_S (300 s).
 * Steps whose cost is IndexedDB writing are time-boxed: seeding stops at its box (export is then
 * measured on what was seeded and scaled linearly, labelled so); the naive import runs for its
 * box and its rate is extrapolated; our import's write is cancelled at its box through the
 * Cancel button (which also shows the rollback: the note count is checked) and its rate is
 * extrapolated. Every row catches its own error, every call has a time limit, and a closed
 * browser or crashed page fails the remaining rows at once instead of hanging.
 *
 *   npm run bench -- share        (or: npx tsx bench/share-browser.ts)
 *   env: BENCH_NOTES, BENCH_CLAIMS, BENCH_SHARE_BUDGET_S, BENCH_WRITE_S, BENCH_NAIVE_IMPORT_S, BENCH_DISTINCT
 */
import { join, resolve } from 'node:path';
import { loadavg, cpus } from 'node:os';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../tests/e2e/chromium';
import { ensureBuild } from './library-browser';
import { runStandalone, median, type BenchTable } from './report';

const ROOT = resolve(import.meta.dirname, '..');
const NOTES = Number(process.env.BENCH_NOTES ?? 100_000);
const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 100_000);
const SENTENCES = 500;
const BUDGET_MS = Number(process.env.BENCH_SHARE_BUDGET_S ?? 300) * 1000;
/** Time boxes for the IndexedDB-bound steps (see the header). */
const WRITE_MS = Number(process.env.BENCH_WRITE_S ?? 50) * 1000;
const NAIVE_IMPORT_MS = Number(process.env.BENCH_NAIVE_IMPORT_S ?? 8) * 1000;
/** Distinct notes generated; larger sets repeat them under new ids (generation is slow). */
const DISTINCT = Number(process.env.BENCH_DISTINCT ?? 20_000);
const SEED_BATCH = 2_500;
const MATCH_RUNS = 30;


/** The in-page half: the extension's own storage and format code plus the generators. */
async function shareBundle(): Promise<string> {
  const contents = `
    import Dexie from 'dexie';
    import { createDb, SCHEMA_VERSIONS, CURRENT_VERSION } from '@/utils/storage/db';
    import { withSearchFields } from '@/utils/search/fields';
    import { annotationWords } from '@/utils/search/tokens';
    import { listEverything } from '@/utils/storage/annotations';
    import { exportAs } from '@/utils/formats';
    import { exportNativeBundle } from '@/utils/formats/native-bundle';
    import { checkAnnotation } from '@/utils/formats/annotation-check';
    import { prepareImport } from '@/utils/formats/import-worker-protocol';
    import { planImport } from '@/utils/storage/import';
    import { KnownClaimIndex } from '@/utils/known-claims/claim-index';
    import { generateNotes, generateKnownClaims, generatePage, makeVocabulary, mulberry32, uuid4 } from '@/bench/generate-notes';

    let db;
    const open = async () => { db ??= createDb(); await db.open(); return db; };
    const state = { notes: null, files: {}, index: null, page: null, exported: null };
    const settings = () => ({ authorName: 'Bench', now: Date.UTC(2026, 10, 27), clientVersion: 'bench' });
    const blobOf = (r) => new Blob([r.content], { type: r.mime });

    /** Long tasks (≥ 50 ms) of this page while fn runs. */
    async function withLongTasks(fn) {
      const tasks = [];
      const obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) tasks.push(e.duration); });
      obs.observe({ type: 'longtask' });
      try {
        const value = await fn();
        await new Promise((r) => setTimeout(r, 0));
        for (const e of obs.takeRecords()) tasks.push(e.duration);
        return { value, longest: tasks.length ? Math.max(...tasks) : 0, blocked: tasks.reduce((s, d) => s + d, 0) };
      } finally { obs.disconnect(); }
    }

    /** Generates \`distinct\` notes; notesFrom() repeats them under fresh ids up to any count. */
    export function generate(distinct, seed) {
      const t0 = performance.now();
      state.notes = generateNotes(distinct, seed, { pages: Math.ceil(distinct / 20), tombstones: 0.02, vocabulary: makeVocabulary() });
      return performance.now() - t0;
    }
    /** Notes [from, from + count) of an endless list: the generated notes in turn, ids from \`idSeed\`. */
    function notesFrom(idSeed, from, count) {
      const rng = mulberry32(idSeed * 1_000_003 + from);
      const out = [];
      for (let i = from; i < from + count; i++) {
        const a = state.notes[i % state.notes.length];
        out.push(i < state.notes.length && idSeed === 0 ? a : { ...a, id: uuid4(rng) });
      }
      return out;
    }
    export async function seed(from, size) {
      const d = await open();
      const rows = notesFrom(0, from, size);
      const t0 = performance.now();
      await d.annotations.bulkAdd(rows);
      return performance.now() - t0;
    }
    export async function count() { return (await open()).annotations.count(); }

    /** The read both exports start with (listEverything is toArray through the library's Dexie). */
    export async function readAll() {
      const d = await open();
      state.exported = null;
      const t0 = performance.now();
      state.exported = await listEverything(d);
      return { ms: performance.now() - t0, count: state.exported.length };
    }
    /** The page path the Share tab used before the worker, on what readAll read: exportAs → Blob, with the page's long tasks. */
    /** Runs fn in a task of its own (a task started by DevTools' evaluate is not reported as a long task). */
    const inTask = (fn) => new Promise((ok, fail) => setTimeout(() => { try { ok(fn()); } catch (e) { fail(e); } }, 0));
    export async function serialiseOnPage(format) {
      const r = await withLongTasks(() => inTask(() => {
        const t0 = performance.now();
        const notes = format === 'factmark-bundle' ? state.exported : state.exported.filter((n) => !n.deleted);
        const file = exportAs(format, notes, settings());
        const t1 = performance.now();
        const blob = blobOf(file);
        return { serialise: t1 - t0, blob: performance.now() - t1, bytes: blob.size, count: file.count };
      }));
      return { ...r.value, longest: r.longest };
    }
    /** Naive: everything as read, one JSON.stringify, one Blob. */
    export async function serialiseNaive() {
      const r = await withLongTasks(() => inTask(() => {
        const t0 = performance.now();
        const text = JSON.stringify({ annotations: state.exported });
        const t1 = performance.now();
        const blob = new Blob([text], { type: 'application/json' });
        return { serialise: t1 - t0, blob: performance.now() - t1, bytes: blob.size, count: state.exported.length };
      }));
      return { ...r.value, longest: r.longest };
    }
    /**
     * The Share tab, as a reader uses it: click a format's button and wait for the Blob (the
     * page's mark factmark:export-ready, set when the worker's Blob has arrived, before the
     * download), then for the status line. The page's long tasks meanwhile, and the progress
     * bar sampled every frame.
     */
    export async function exportThroughUi(format, limitMs) {
      const progress = [];
      // The download's hand-over (blob URL + the link's click) runs in the task that receives the
      // Blob: timed here by wrapping the two calls, so the table can tell it from the export.
      let handOver = 0;
      const { createObjectURL } = URL;
      const { click } = HTMLAnchorElement.prototype;
      URL.createObjectURL = function (b) { const t = performance.now(); try { return createObjectURL.call(URL, b); } finally { handOver += performance.now() - t; } };
      HTMLAnchorElement.prototype.click = function () { const t = performance.now(); try { return click.call(this); } finally { handOver += performance.now() - t; } };
      let sampling = true;
      const tick = () => { const p = document.querySelector('[data-testid=export-progress] progress'); if (p) progress.push(p.value); if (sampling) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      try {
        const r = await withLongTasks(async () => {
          const t0 = performance.now();
          const ready = new Promise((ok, fail) => {
            const timer = setTimeout(() => { obs.disconnect(); fail(new Error('no Blob within ' + Math.round(limitMs / 1000) + ' s')); }, limitMs);
            const obs = new PerformanceObserver((l) => {
              const m = l.getEntries().find((e) => e.name === 'factmark:export-ready' && e.startTime >= t0);
              if (m) { clearTimeout(timer); obs.disconnect(); ok(m); }
            });
            obs.observe({ type: 'mark' });
          });
          document.querySelector('[data-export="' + format + '"]').click();
          const mark = await ready;
          const ms = mark.startTime - t0;
          // The status line says what was written once the download has been handed over.
          const status = await new Promise((ok) => {
            const text = () => document.querySelector('[data-testid=export-status]')?.textContent;
            if (text()) return ok(text());
            const mo = new MutationObserver(() => { if (text()) { mo.disconnect(); ok(text()); } });
            mo.observe(document.body, { subtree: true, childList: true, characterData: true });
          });
          return { ms, bytes: mark.detail.bytes, where: mark.detail.where, status };
        });
        return { ...r.value, longest: r.longest, handOver, blocked: r.blocked, progressFrames: progress.length, progressDistinct: new Set(progress).size };
      } finally {
        sampling = false;
        URL.createObjectURL = createObjectURL;
        HTMLAnchorElement.prototype.click = click;
      }
    }
    export function dropExported() { state.exported = null; }

    /** A bundle of \`count\` notes under fresh ids (the generated content, new to the database). */
    export function makeFile(key, idSeed, count) {
      const r = exportNativeBundle(notesFrom(idSeed, 0, count), settings());
      state.files[key] = new File([r.content], key + '.factmark.json', { type: 'application/json' });
      return state.files[key].size;
    }
    export function dropNotes() { state.notes = null; }

    /** Parse + validate + plan on this page's main thread (the fallback path), not applied. */
    export async function prepareHere(key) {
      const d = await open();
      const t0 = performance.now();
      const r = await withLongTasks(() => prepareImport(state.files[key], { now: Date.now(), plan: (p) => planImport(d, p) }));
      return { ms: performance.now() - t0, longest: r.longest, blocked: r.blocked, add: r.value.plan.annotations.add.length };
    }

    /**
     * The Import tab, as a reader uses it: drop the file, wait for the preview, press Import, wait
     * for the result. A write still running after writeBoxMs is cancelled with the Cancel button.
     */
    export async function importThroughUi(key, limitMs, writeBoxMs) {
      const file = state.files[key];
      const until = (test, ms) => new Promise((ok) => {
        if (test()) return ok(true);
        const mo = new MutationObserver(() => { if (test()) { clearTimeout(timer); mo.disconnect(); ok(true); } });
        const timer = setTimeout(() => { mo.disconnect(); ok(false); }, ms);
        mo.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      });
      const alertText = () => document.querySelector('.fm-import [role=alert]')?.textContent;
      const started = performance.now();
      // The bar's value is a property (no mutation to observe): sample it every frame.
      const progress = [];
      let sampling = true;
      const bar = () => document.querySelector('[data-testid=import-progress] progress');
      const tick = () => { const p = bar(); if (p) progress.push(p.value); if (sampling) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      try {
        const dt = new DataTransfer();
        dt.items.add(file);
        const check = await withLongTasks(async () => {
          const t0 = performance.now();
          document.querySelector('.fm-dropzone').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
          const shown = await until(() => document.querySelector('[data-testid=import-preview]') || alertText(), limitMs - 10000);
          if (!shown) throw new Error('no preview within ' + Math.round((limitMs - 10000) / 1000) + ' s');
          return performance.now() - t0;
        });
        const preview = document.querySelector('[data-testid=import-preview]');
        if (!preview) throw new Error(alertText() ?? 'no preview');
        const where = preview.closest('[data-prepared-in]')?.getAttribute('data-prepared-in');
        const previewText = preview.textContent;
        const checkProgress = progress.length;
        const importButton = [...document.querySelectorAll('.fm-import button')].find((b) => b.textContent.trim() === 'Import');
        let cancelled = null;
        // The write gets its box, or what is left of the limit after the check (keeping time to roll back).
        const box = Math.max(5000, Math.min(writeBoxMs, limitMs - (performance.now() - started) - 15000));
        const write = await withLongTasks(async () => {
          const t0 = performance.now();
          importButton.click();
          const done = await until(() => document.querySelector('[data-testid=import-result]') || alertText(), box);
          const ms = performance.now() - t0;
          if (!done) {
            const fraction = bar()?.value ?? 0;
            const t1 = performance.now();
            [...document.querySelectorAll('.fm-import button')].find((b) => b.textContent.trim() === 'Cancel').click();
            const rolledBack = await until(() => /Cancelled/.test(alertText() ?? ''), 60000);
            cancelled = { fraction, rollbackMs: performance.now() - t1, rolledBack };
          }
          return ms;
        });
        const result = document.querySelector('[data-testid=import-result]');
        if (!result && !cancelled) throw new Error(alertText() ?? 'no result');
        const marks = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('factmark:import-') && m.startTime >= started);
        return {
          steps: marks.map((m) => [m.name.slice('factmark:import-'.length), m.startTime - started]),
          checkMs: check.value, checkLongest: check.longest, checkBlocked: check.blocked,
          writeMs: write.value, writeLongest: write.longest, writeBlocked: write.blocked,
          where, previewText, resultText: result?.textContent ?? alertText(), cancelled,
          progressChecking: checkProgress, progressWriting: progress.length - checkProgress,
          progressDistinct: new Set(progress).size,
        };
      } finally {
        sampling = false;
      }
    }

    /** Naive: JSON.parse, then per note: validate and put, each put its own transaction; stops after budgetMs. */
    export async function importNaive(key, budgetMs) {
      const d = await open();
      const t0 = performance.now();
      const doc = JSON.parse(await state.files[key].text());
      const t1 = performance.now();
      let done = 0;
      for (const raw of doc.annotations) {
        const r = checkAnnotation(raw, { foreign: false });
        if (r.ok) await d.annotations.put(r.annotation);
        done++;
        if (performance.now() - t1 > budgetMs) break;
      }
      const t2 = performance.now();
      return { parse: t1 - t0, loop: t2 - t1, done, total: doc.annotations.length };
    }
    export function dropFile(key) { delete state.files[key]; }

    /**
     * What IndexedDB itself costs: \`count\` notes put in one transaction into fresh databases with
     * (a) only the primary key, (b) the library's v5 indexes (derived \`site\` computed beforehand,
     * no middleware), (c) the v4 indexes with the \`*words\` multi-entry index the v5 packed index
     * replaced (words computed beforehand), (d) the library's own Dexie with its middleware (note
     * counts and the packed search index), the path an import takes.
     */
    export async function writeFloor(count) {
      const rows = notesFrom(20, 0, count);
      const withFields = rows.map(withSearchFields);
      const withWords = withFields.map((a) => ({ ...a, words: annotationWords(a).map((w) => [w, a.updated]) }));
      const cases = [
        ['plain', { annotations: 'id' }, withFields],
        ['schema', { annotations: SCHEMA_VERSIONS[CURRENT_VERSION].annotations }, withFields],
        ['v4', { annotations: SCHEMA_VERSIONS[4].annotations }, withWords],
      ];
      const out = {};
      for (const [name, stores, values] of cases) {
        const d = new Dexie('factmark-bench-floor-' + name);
        d.version(1).stores(stores);
        await d.open();
        const t0 = performance.now();
        await d.transaction('rw', d.annotations, () => d.annotations.bulkPut(values));
        out[name] = performance.now() - t0;
        await d.delete();
      }
      const real = createDb('factmark-bench-floor-real');
      await real.open();
      const t0 = performance.now();
      await real.transaction('rw', real.annotations, () => real.annotations.bulkPut(rows));
      out.library = performance.now() - t0;
      await real.delete();
      return out;
    }

    /**
     * The layout the targets would call for, measured rather than argued: \`count\` notes written
     * in one transaction and read back whole with getAll, into fresh raw databases, as stored now
     * (one record each, primary key only), as JSON text (one string per note; 20 notes per string),
     * packed 20 to a record (one per page) as objects and as a Blob, and as the small per-note rows
     * any indexed library needs (id, page, site, date, verdict, tags) with and without the
     * library's indexes.
     */
    export async function layoutFloor(count) {
      const rows = notesFrom(20, 0, count).map(withSearchFields);
      const packs = [], packsJson = [], packsBlob = [];
      for (let i = 0; i < rows.length; i += 20) {
        const json = JSON.stringify(rows.slice(i, i + 20));
        packs.push({ key: i, notes: rows.slice(i, i + 20) });
        packsJson.push({ key: i, json });
        packsBlob.push({ key: i, blob: new Blob([json]) });
      }
      const small = rows.map((r) => ({ id: r.id, pageUrl: r.pageUrl, site: r.site, updated: r.updated, verdict: r.verdict, deleted: r.deleted, tags: r.tags }));
      const libraryIndexes = (store) => {
        store.createIndex('tags', 'tags', { multiEntry: true });
        for (const k of [['deleted', 'updated'], ['pageUrl', 'deleted'], ['deleted', 'verdict', 'updated'], ['deleted', 'site', 'updated'], ['deleted', 'site', 'pageUrl', 'updated']]) store.createIndex(k.join('+'), k);
      };
      const layouts = [
        ['perNote', 'id', rows],
        ['perNoteJson', 'id', rows.map((r) => ({ id: r.id, json: JSON.stringify(r) }))],
        ['packed', 'key', packs],
        ['packedJson', 'key', packsJson],
        ['packedBlob', 'key', packsBlob],
        ['indexRows', 'id', small, libraryIndexes],
        ['indexRowsPlain', 'id', small],
      ];
      const req = (r) => new Promise((ok, ko) => { r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
      const out = {};
      for (const [name, keyPath, values, indexes] of layouts) {
        const dbName = 'factmark-bench-layout-' + name;
        await req(indexedDB.deleteDatabase(dbName));
        const open = indexedDB.open(dbName, 1);
        open.onupgradeneeded = () => {
          const store = open.result.createObjectStore('s', { keyPath });
          indexes?.(store);
        };
        const db = await req(open);
        const t0 = performance.now();
        await new Promise((ok, ko) => {
          const tx = db.transaction('s', 'readwrite');
          for (const v of values) tx.objectStore('s').put(v);
          tx.oncomplete = ok;
          tx.onerror = () => ko(tx.error);
        });
        const t1 = performance.now();
        const back = await req(db.transaction('s').objectStore('s').getAll());
        // A Blob read back is a reference: joining them is what an export of the file would do.
        if (name === 'packedBlob' && new Blob(back.map((b) => b.blob)).size === 0) throw new Error('layout floor: empty Blobs');
        const t2 = performance.now();
        if (back.length !== values.length) throw new Error('layout floor: read ' + back.length + ' of ' + values.length);
        out[name] = { write: t1 - t0, read: t2 - t1 };
        db.close();
        await req(indexedDB.deleteDatabase(dbName));
      }
      return out;
    }

    export function buildClaims(n, sentences) {
      const vocabulary = makeVocabulary();
      const claims = generateKnownClaims(n, 2, vocabulary);
      const t0 = performance.now();
      state.index = KnownClaimIndex.build(claims);
      const buildMs = performance.now() - t0;
      state.page = generatePage(claims, sentences, 25, 3, vocabulary);
      return buildMs;
    }
    export function matchClaims(runs) {
      state.index.match(state.page.sentences); // warm-up (JIT)
      const ms = [];
      let found = 0;
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        found = state.index.match(state.page.sentences).length;
        ms.push(performance.now() - t0);
      }
      return { ms, found };
    }
    /** The naive scan over the first \`count\` sentences of the page. */
    export function matchClaimsNaive(count) {
      const sentences = state.page.sentences.slice(0, count);
      const t0 = performance.now();
      const found = state.index.naiveMatch(sentences).length;
      return { ms: performance.now() - t0, found, sentences: sentences.length };
    }
    /** Matches of the index over the same first sentences (to compare with a partial naive run). */
    export function matchClaimsFirst(count) { return state.index.match(state.page.sentences.slice(0, count)).length; }
  `;
  const out = await build({
    stdin: { contents, resolveDir: ROOT, loader: 'ts', sourcefile: 'share-bench-entry.ts' },
    bundle: true,
    format: 'iife',
    globalName: '__factmarkShare',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    tsconfig: resolve(ROOT, 'tsconfig.json'),
    logLevel: 'silent',
  });
  return `${out.outputFiles[0].text};globalThis.__factmarkShare = __factmarkShare;`;
}

class Budget {
  readonly start = Date.now();
  constructor(private readonly ms: number) {}
  left(): number {
    return this.ms - (Date.now() - this.start);
  }
}

/** The reason a step did not run or did not finish, shown in its row. */
class Skip extends Error {}

/** Runs a call in the page with a time limit; a closed browser or crashed page fails at once. */
function inPage(page: Page, limitMs: number, budget: Budget) {
  const gone = new Promise<never>((_, fail) => {
    page.once('crash', () => fail(new Error('the page crashed')));
    page.once('close', () => fail(new Error('the page closed')));
  });
  gone.catch(() => undefined);
  return async <T>(fn: string, ...args: unknown[]): Promise<T> => {
    if (page.isClosed()) throw new Skip('not run: the page is closed');
    const left = budget.left();
    if (left < 5_000) throw new Skip('not run: time budget used up');
    const limit = Math.min(limitMs, left);
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        page.evaluate(([f, a]) => (globalThis as any).__factmarkShare[f as string](...(a as unknown[])), [fn, args] as const) as Promise<T>,
        new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error(`${fn}: no answer within ${(limit / 1000).toFixed(0)} s`)), limit))),
        gone,
      ]);
    } finally {
      clearTimeout(timer);
    }
  };
}

const errorCell = (e: unknown) => (e instanceof Skip ? e.message : `error: ${(e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 100)}`);
const s = (ms: number) => Number((ms / 1000).toFixed(2));
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const loadNote = () => `load average (1, 5, 15 min) at the end: ${loadavg().map((x) => x.toFixed(1)).join(', ')} on ${cpus().length} cores; wall times include waiting for a core`;
const verdict = (ms: number, target: number, unit = 's') => (ms <= target ? `met (≤ ${unit === 's' ? target / 1000 : target} ${unit})` : `MISSED (≤ ${unit === 's' ? target / 1000 : target} ${unit})`);

interface UiImport {
  /** The page's User Timing marks factmark:import-<step>, ms from the drop. */
  steps: [string, number][];
  checkMs: number;
  checkLongest: number;
  checkBlocked: number;
  writeMs: number;
  writeLongest: number;
  writeBlocked: number;
  where: string;
  previewText: string;
  resultText: string;
  cancelled: { fraction: number; rollbackMs: number; rolledBack: boolean } | null;
  progressChecking: number;
  progressWriting: number;
  progressDistinct: number;
}

interface UiExport {
  ms: number;
  bytes: number;
  where: string;
  status: string;
  longest: number;
  /** ms in URL.createObjectURL + the download link's click (in the task that receives the Blob). */
  handOver: number;
  blocked: number;
  progressFrames: number;
  progressDistinct: number;
}

interface PageExport {
  serialise: number;
  blob: number;
  bytes: number;
  count: number;
  longest: number;
}

type Call = ReturnType<typeof inPage>;
type Rows = (string | number)[][];
const n = (x: number) => Math.round(x).toLocaleString('en-US');

/** Seeds the library's database, in batches, until NOTES or the deadline. */
async function seedLibrary(call: Call, until: number, notes: string[]): Promise<number> {
  let writeMs = 0;
  const started = Date.now();
  for (let from = 0; from < NOTES && Date.now() < until; from += SEED_BATCH) writeMs += await call<number>('seed', from, Math.min(SEED_BATCH, NOTES - from));
  const stored = await call<number>('count');
  notes.push(
    `database: ${n(stored)} notes (2 % tombstones, ~20 per page), written with bulkAdd in batches of ${n(SEED_BATCH)} in ${s(Date.now() - started)} s: ${n(stored / (writeMs / 1000))} notes/s` +
      (stored < NOTES ? ` — seeding stopped at its time box; "at ${n(NOTES)}" scales the measured total linearly (reading and serialising are linear in the notes)` : ''),
  );
  return stored;
}

async function exportSection(call: Call, library: Page, stored: number, until: number, rows: Rows, notes: string[]): Promise<void> {
  const scale = NOTES / stored;
  const scaled = (ms: number) => (scale > 1 ? s(ms * scale) : '');
  // Ours first, as the Share tab runs it (the downloads it starts are cancelled: the Blob is the end).
  library.on('download', (d) => void d.cancel().catch(() => undefined));
  await library.bringToFront();
  const formats = [
    { format: 'factmark-bundle', label: 'native bundle' },
    { format: 'web-annotation', label: 'W3C AnnotationCollection' },
  ] as const;
  const ours = new Map<string, UiExport[]>(formats.map((f) => [f.format, []]));
  const failures = new Map<string, string>();
  // One run each, then more while the section's time allows (interleaved), medians reported.
  for (let r = 0; r < 3; r++) {
    for (const { format } of formats) {
      if (failures.has(format)) continue;
      const last = ours.get(format)!.at(-1)?.ms ?? 0;
      if (r > 0 && Date.now() + 2 * last + 40_000 > until) continue;
      try {
        ours.get(format)!.push(await call<UiExport>('exportThroughUi', format, Math.max(30_000, until - Date.now())));
      } catch (e) {
        failures.set(format, errorCell(e));
      }
    }
  }
  // The page path it replaced, and the naive one: the same read (toArray), timed once.
  let read: number | undefined;
  const page = new Map<string, PageExport>();
  try {
    read = (await call<{ ms: number }>('readAll')).ms;
    page.set('factmark-bundle', await call<PageExport>('serialiseOnPage', 'factmark-bundle'));
    page.set('naive', await call<PageExport>('serialiseNaive'));
  } catch (e) {
    failures.set('page', errorCell(e));
  }
  await call('dropExported').catch(() => undefined);
  const naive = page.get('naive');
  const naiveTotal = read !== undefined && naive ? read + naive.serialise + naive.blob : undefined;
  for (const { format, label } of formats) {
    const runs = ours.get(format)!;
    if (!runs.length) {
      rows.push([`ours, Share tab: ${label} (click → Blob ready, in the export worker)`, failures.get(format) ?? 'not run', '', '', '', '', '', '', '', '', '']);
      continue;
    }
    const total = median(runs.map((x) => x.ms));
    rows.push([
      `ours, Share tab: ${label} (click → Blob ready, in the ${runs[0].where})`,
      stored, '', '', '', s(total), scaled(total), naiveTotal ? `${(total / naiveTotal).toFixed(2)}×` : '', s(Math.max(...runs.map((x) => x.longest))), mb(runs[0].bytes),
      verdict(total * scale, 3000) + (scale > 1 ? ' (scaled)' : ''),
    ]);
    notes.push(
      `${label} through the Share tab: ${runs.length} run${runs.length > 1 ? 's' : ''} (${runs.map((x) => s(x.ms)).join(', ')} s), status "${runs[0].status}"; the library page's long tasks meanwhile: longest ${s(Math.max(...runs.map((x) => x.longest)))} s, ${s(median(runs.map((x) => x.blocked)))} s in all (median); the download's hand-over (blob URL + link click, after the Blob is ready) ${runs.map((x) => x.handOver.toFixed(0)).join(', ')} ms; progress bar: ${runs[0].progressFrames} frames sampled, ${runs[0].progressDistinct} distinct values`,
    );
  }
  const pageRow = (label: string, key: string, isOurs: boolean) => {
    const r = page.get(key);
    if (!r || read === undefined) return rows.push([label, failures.get('page') ?? 'not run', '', '', '', '', '', '', '', '', '']);
    const total = read + r.serialise + r.blob;
    rows.push([
      label, r.count, s(read), s(r.serialise), s(r.blob), s(total), scaled(total), isOurs && naiveTotal ? `${(total / naiveTotal).toFixed(2)}×` : '', s(r.longest), mb(r.bytes),
      isOurs ? verdict(total * scale, 3000) + (scale > 1 ? ' (scaled)' : '') : '',
    ]);
  };
  pageRow('before: native bundle on the page (listEverything → exportAs → Blob, main thread)', 'factmark-bundle', true);
  pageRow('naive: toArray + JSON.stringify of everything + Blob (main thread)', 'naive', false);
  notes.push(
    '"total" for ours: from the click to the Blob in the page (read, serialise and encode pipelined in the worker, so not split); for the page paths: read + serialise + Blob, one run each. "vs naive" = total / the naive total. "longest task": the library page\'s longest main-thread task (PerformanceObserver "longtask"); for the page paths the read is awaited (not a task), so it is the serialise + Blob.',
    'The naive file is not a usable export (the records as read: no version header, no canonical form, no W3C mapping); it is the floor for "read everything and write it out" on the page.',
  );
}

async function importSection(call: Call, library: Page, stored: number, until: number, rows: Rows, notes: string[]): Promise<void> {
  const fileBytes = await call<number>('makeFile', 'ours', 11, NOTES);
  notes.push(`file: a native bundle of ${n(NOTES)} notes (the generated notes under new ids), ${mb(fileBytes)} MB, imported into the library of ${n(stored)} notes`);

  let naiveMs: number | undefined;
  try {
    // A tenth of the file: its parse time and per-note rate, scaled to the whole file.
    const count = Math.ceil(NOTES / 10);
    await call<number>('makeFile', 'naive', 12, count);
    const r = await call<{ parse: number; loop: number; done: number; total: number }>('importNaive', 'naive', NAIVE_IMPORT_MS);
    const perNote = r.loop / r.done;
    naiveMs = (r.parse * NOTES) / r.total + perNote * NOTES;
    rows.push([
      'naive: JSON.parse, then validate + put one note at a time, each in its own transaction',
      `${s(naiveMs)} (extrapolated)`, '', s((r.parse * NOTES) / r.total), s(perNote * NOTES), '', '',
    ]);
    notes.push(
      `naive: on a ${n(r.total)}-note file, JSON.parse ${s(r.parse)} s, then ${n(r.done)} notes validated and put in ${s(r.loop)} s (${perNote.toFixed(1)} ms each: validate + put + commit), both scaled to ${n(NOTES)}; not atomic: a failure half-way leaves part of the file imported`,
    );
  } catch (e) {
    rows.push(['naive: one put per note, each in its own transaction', errorCell(e), '', '', '', '', '']);
  }
  await call('dropFile', 'naive').catch(() => undefined);

  try {
    // The page-thread fallback on a tenth of the file, for the longest-task comparison.
    const count = Math.ceil(NOTES / 10);
    await call<number>('makeFile', 'small', 13, count);
    const r = await call<{ ms: number; longest: number; blocked: number; add: number }>('prepareHere', 'small');
    rows.push([`ours, fallback: check on the page's main thread (${n(count)} notes, not written)`, s(r.ms), '', s(r.ms), '', s(r.longest), s(r.blocked)]);
  } catch (e) {
    rows.push(["ours, fallback: check on the page's main thread", errorCell(e), '', '', '', '', '']);
  }
  await call('dropFile', 'small').catch(() => undefined);

  try {
    const count = 1_000;
    const f = await call<Record<'plain' | 'schema' | 'v4' | 'library', number>>('writeFloor', count);
    const rate = (ms: number) => `${n(count / (ms / 1000))} notes/s → ${n(NOTES)} in ${s((ms * NOTES) / count)} s`;
    rows.push([`floor: IndexedDB alone, ${n(count)} notes in one transaction, fresh database, primary key only`, s((f.plain * NOTES) / count), rate(f.plain), '', '', '', '']);
    rows.push(["floor: the library's indexes (v5 schema; derived site computed beforehand)", s((f.schema * NOTES) / count), rate(f.schema), '', '', '', '']);
    rows.push(["  for comparison: v4's indexes with the *words multi-entry index (words computed beforehand)", s((f.v4 * NOTES) / count), rate(f.v4), '', '', '', '']);
    rows.push(["floor: the library's Dexie with its middleware (site, note counts, packed search index)", s((f.library * NOTES) / count), rate(f.library), '', '', '', '']);
    notes.push('floor rows: the write alone, scaled linearly from the count measured to the whole file; they say how much of an import any code must spend in IndexedDB with this schema.');
  } catch (e) {
    rows.push(['floor: IndexedDB writes alone', errorCell(e), '', '', '', '', '']);
  }

  try {
    const count = 5_000;
    type Layout = 'perNote' | 'perNoteJson' | 'packed' | 'packedJson' | 'packedBlob' | 'indexRows' | 'indexRowsPlain';
    const f = await call<Record<Layout, { write: number; read: number }>>('layoutFloor', count);
    const at = (ms: number) => s((ms * NOTES) / count);
    const layout = (label: string, l: Layout) => rows.push([label, `${at(f[l].write)} / ${at(f[l].read)}`, '', '', '', '', '']);
    layout(`layout floor: one record per note, write / read back (getAll), raw IndexedDB, scaled from ${n(count)}`, 'perNote');
    layout('  the same as JSON text, one string per note', 'perNoteJson');
    layout('layout floor: 20 notes packed per record (one per page), write / read back', 'packed');
    layout('  the same as JSON text, one string per page', 'packedJson');
    layout('  the same as a Blob per page (read back: the Blobs joined into one, as a file)', 'packedBlob');
    layout("layout floor: small per-note rows (id, page, site, date, verdict, tags) with the library's indexes", 'indexRows');
    layout('  the same rows, primary key only', 'indexRowsPlain');
    notes.push(
      `layout floor rows: what IndexedDB alone costs to write and to read back every note (no JSON parsing, no Blob of the file), scaled to the whole file. The read is the floor under any export (target ≤ 3 s), the write the floor under any import (≤ 10 s). In this run, a Blob per page wrote in ${at(f.packedBlob.write)} s and read back in ${at(f.packedBlob.read)} s; the small per-note rows a library needs to filter and sort in ≤ 100 ms (its indexes) took ${at(f.indexRows.write)} s to write (${at(f.indexRowsPlain.write)} s without the indexes), before any note text.`,
    );
  } catch (e) {
    rows.push(['layout floor', errorCell(e), '', '', '', '', '']);
  }

  try {
    await library.bringToFront();
    const before = await call<number>('count');
    const left = until - Date.now();
    const r = await call<UiImport>('importThroughUi', 'ours', Math.max(30_000, left - 20_000), WRITE_MS);
    let total = r.checkMs + r.writeMs;
    let writeCell: string | number = s(r.writeMs);
    if (r.cancelled) {
      const f = Math.max(r.cancelled.fraction, 1e-3);
      total = r.checkMs + r.writeMs / f;
      writeCell = `${s(r.writeMs / f)} (extrapolated: ${(f * 100).toFixed(1)} % in ${s(r.writeMs)} s)`;
    }
    rows.push([
      `ours, Import tab: drop → preview → Import → result (checked and written in the ${r.where})`,
      s(total), naiveMs ? `naive takes ${(naiveMs / total).toFixed(1)}×` : '', s(r.checkMs), writeCell, s(Math.max(r.checkLongest, r.writeLongest)), s(r.checkBlocked + r.writeBlocked),
    ]);
    rows.push([`  target ≤ 10 s: ${verdict(total, 10_000)}${r.cancelled ? ' (extrapolated)' : ''}`, '', '', '', '', '', '']);
    const steps = r.steps.map(([name, ms], i) => `${name} ${s(ms - (i ? r.steps[i - 1][1] : 0))} s`).join(', ');
    notes.push(`Import tab, time from the previous step to each mark (drop = 0): ${steps}`);
    const written = r.cancelled ? r.cancelled.fraction * NOTES : NOTES;
    notes.push(
      `Import tab: preview "${r.previewText}" ${s(r.checkMs)} s after the drop, then "${r.resultText}"; progress bar: ${r.progressChecking} frames while checking, ${r.progressWriting} while writing, ${r.progressDistinct} distinct values; longest main-thread task while checking ${s(r.checkLongest)} s, while writing ${s(r.writeLongest)} s (blocked ${s(r.writeBlocked)} s); write rate ${n(written / (r.writeMs / 1000))} notes/s${r.cancelled ? ' (of the part written before the cancel)' : ''}`,
    );
    if (r.cancelled) {
      const after = await call<number>('count');
      notes.push(
        `the write was cancelled at its ${s(r.writeMs)} s box with the Cancel button (${(r.cancelled.fraction * 100).toFixed(1)} % written): rolled back in ${s(r.cancelled.rollbackMs)} s; notes in the database before ${n(before)}, after ${n(after)}: ${after === before ? 'unchanged, as it must be' : 'CHANGED'}. The write rate falls as the database grows, so the extrapolation is a lower bound.`,
      );
    }
  } catch (e) {
    rows.push(['ours, Import tab', errorCell(e), '', '', '', '', '']);
  }
  await call('dropFile', 'ours').catch(() => undefined);
}

async function claimsSection(ext: ExtensionBrowser, bundle: string, budget: Budget, rows: Rows, notes: string[]): Promise<void> {
  const page = await ext.extensionPage('popup.html');
  await page.evaluate(bundle);
  const call = inPage(page, 120_000, budget);
  const buildMs = await call<number>('buildClaims', CLAIMS, SENTENCES);
  const fast = await call<{ ms: number[]; found: number }>('matchClaims', MATCH_RUNS);
  const fastMs = median(fast.ms);
  rows.push([`index (median of ${MATCH_RUNS})`, fastMs, Math.min(...fast.ms), Math.max(...fast.ms), fast.found, verdict(fastMs, 20, 'ms')]);
  try {
    // A tenth of the page first; the whole page when the rest fits in the budget.
    const part = Math.ceil(SENTENCES / 10);
    let slow = await call<{ ms: number; found: number; sentences: number }>('matchClaimsNaive', part);
    if ((slow.ms * SENTENCES) / part < budget.left() - 20_000) slow = await call('matchClaimsNaive', SENTENCES);
    const whole = slow.sentences === SENTENCES;
    const ms = (slow.ms * SENTENCES) / slow.sentences;
    const same = whole ? slow.found === fast.found : slow.found === (await call<number>('matchClaimsFirst', slow.sentences));
    rows.push([`naive: every sentence × every claim (1 run${whole ? '' : `, first ${slow.sentences} sentences, scaled ×${SENTENCES / slow.sentences}`})`, ms, '', '', whole ? slow.found : `${slow.found} in ${slow.sentences}`, '']);
    notes.push(`naive / index: the index is ${(ms / fastMs).toFixed(0)}× faster; the same matches as the naive scan: ${same ? 'yes' : 'NO'}`);
  } catch (e) {
    rows.push(['naive: every sentence × every claim', errorCell(e), '', '', '', '']);
  }
  notes.push(`index build for ${n(CLAIMS)} claims: ${s(buildMs)} s (once per change of the claim set, in the background)`);
  await page.close();
}

export async function benchShareBrowser(): Promise<BenchTable[]> {
  const budget = new Budget(BUDGET_MS);
  const exportRows: Rows = [];
  const importRows: Rows = [];
  const claimRows: Rows = [];
  const exportNotes: string[] = [];
  const importNotes: string[] = [];
  const claimNotes: string[] = [];
  let env = 'Chromium';
  let ext: ExtensionBrowser | undefined;
  let browserGone = '';
  const failed = (e: unknown) => errorCell(browserGone ? new Error(browserGone) : e);
  try {
    ensureBuild();
    const bundle = await shareBundle();
    ext = await launchWithExtension();
    ext.context.on('close', () => (browserGone ||= 'the browser closed'));
    // tsx compiles callbacks passed to page.evaluate with esbuild's keepNames helper `__name`.
    await ext.context.addInitScript('globalThis.__name ??= (f) => f;');

    let stored = 0;
    let library: Page | undefined;
    let call: Call | undefined;
    // Section deadlines: seeding + export, import, matching (each also stops at its own step limits).
    const at = (fraction: number) => budget.start + BUDGET_MS * fraction;
    try {
      library = await ext.extensionPage('library.html#share');
      await library.getByRole('heading', { name: 'Import' }).waitFor({ timeout: 30_000 });
      const version = /Chrom(?:e|ium)\/([\d.]+)/.exec(await library.evaluate(() => navigator.userAgent))?.[1] ?? '?';
      env = `Chromium ${version} headless, built extension, library page, real IndexedDB`;
      await library.evaluate(bundle);
      call = inPage(library, 240_000, budget);
      const distinct = Math.min(NOTES, DISTINCT);
      const genMs = await call<number>('generate', distinct, 1);
      exportNotes.push(`${n(distinct)} distinct notes generated in the page in ${s(genMs)} s (larger sets repeat them under new ids)`);
      stored = await seedLibrary(call, at(0.15), exportNotes);
      await exportSection(call, library, stored, at(0.4), exportRows, exportNotes);
    } catch (e) {
      exportRows.push([stored ? 'export' : 'seeding the library', failed(e), '', '', '', '', '', '', '', '', '']);
    }
    try {
      if (!library || !call || !stored) throw new Skip('not run: no seeded library');
      await importSection(call, library, stored, at(0.85), importRows, importNotes);
    } catch (e) {
      importRows.push(['import', failed(e), '', '', '', '', '']);
    }
    importNotes.push('"longest task", "blocked": the library page\'s long tasks (≥ 50 ms, PerformanceObserver "longtask") during the step: the page cannot respond to input during one. "check": read, parse, validate and plan the file; "write": the one transaction.');
    await call?.('dropNotes').catch(() => undefined);
    await library?.close().catch(() => undefined);
    try {
      await claimsSection(ext, bundle, budget, claimRows, claimNotes);
    } catch (e) {
      claimRows.push(['matching', failed(e), '', '', '', '']);
    }
  } catch (e) {
    for (const [rows, width] of [[exportRows, 11], [importRows, 7], [claimRows, 6]] as const) {
      if (!rows.length) rows.push(['not run', failed(e), ...Array(width - 2).fill('')]);
    }
  } finally {
    await Promise.race([ext?.close(), new Promise((r) => setTimeout(r, 15_000))]).catch(() => undefined);
  }
  const load = loadNote();
  return [
    {
      title: `Export of ${n(NOTES)} notes in Chromium`,
      environment: env,
      columns: ['method', 'notes', 'read s', 'serialise s', 'Blob s', 'total s', `at ${n(NOTES)} s`, 'vs naive', 'longest task s', 'file MB', 'target'],
      rows: exportRows,
      notes: [...exportNotes, load],
    },
    {
      title: `Import of a ${n(NOTES)}-note native bundle in Chromium`,
      environment: env,
      columns: ['method', 'total s', 'ratio or rate', 'check s', 'write s', 'longest task s', 'blocked s'],
      rows: importRows,
      notes: [...importNotes, load],
    },
    {
      title: `Known claims in Chromium: a ${SENTENCES}-sentence page against ${n(CLAIMS)} known claims`,
      environment: env,
      columns: ['method', 'median ms', 'best ms', 'max ms', 'matches', 'target'],
      rows: claimRows,
      notes: [...claimNotes, 'measured in an extension page (the background runs the same code); synthetic Zipf-vocabulary claims, as in `npm run bench -- formats`; on a busy machine "best" is the closest to the CPU time', load],
    },
  ];
}

runStandalone(import.meta.url, benchShareBrowser);
