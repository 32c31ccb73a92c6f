/**
 * The popup and the library with 100,000 notes over 5,000 pages, in Debian's Chromium with the
 * built extension and real IndexedDB:
 *   - popup open → first paint of this page's notes (target ≤ 150 ms)
 *   - library search for a word, rare to common (target ≤ 100 ms) and filter / sort changes (≤ 100 ms)
 *   - database size on disk
 *   - a page's notes through the Dexie path (repository + search-fields middleware) vs a raw
 *     IndexedDB index read, interleaved in the same page (target: within 1.5×).
 *
 * Seeding: the extension's own storage code (utils/storage/db.ts, so the same schema and the same
 * derived search fields as a real write) and bench/generate-notes.ts are bundled here with esbuild
 * and evaluated in an extension page through DevTools (page.evaluate is not subject to the page's
 * CSP). Nothing bench-only ships in the extension. Notes are generated in the page, 5,000 at a
 * time, so 100k records never cross the DevTools pipe.
 *
 * Timings come from the pages' own User Timing marks: the popup marks `factmark:popup-notes` when
 * the notes are on screen (a task queued from the next frame's callback, so after that frame's
 * paint), the library marks `factmark:library-results` for each query it renders. They are waited
 * for with one bare DevTools evaluate (markTime): Playwright's own waiting helpers inject their
 * scripts into the page while it loads, which a reader's popup does not have to run.
 *
 *   npx tsx bench/library-browser.ts         (or: npm run bench -- library)
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadavg, tmpdir } from 'node:os';
import { execSync } from 'node:child_process';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { CHROME_BUILD, launchWithExtension, tabIdOf } from '../tests/e2e/chromium';
import { PageServer } from '../tests/e2e/server';
import { makeVocabulary, mulberry32, sentence, uuid4 } from './generate-notes';
import { runStandalone, median, type BenchTable } from './report';
import { describeSettled, waitForQuietCpu } from './machine';
import { addDriver, timePopupWithoutDevTools, type PopupMarks, type UninstrumentedRuns } from './popup-without-devtools';
import type { Annotation } from '../utils/model/annotation';
import type { LibraryQuery } from '../utils/search/query';

const ROOT = resolve(import.meta.dirname, '..');
const NOTES = Number(process.env.BENCH_NOTES ?? 100_000);
const PAGES = 5_000;
const SITES = 50;
const BATCH = Number(process.env.BENCH_BATCH ?? 2_000);
const TARGET_NOTES = 20;
const RUNS = 7;
/** Popup opens, each interleaved with a floor and a bare popup: single opens move by ±30 ms on a 2-core machine. */
const POPUP_RUNS = 15;

/** Rebuilds the Chrome build when it is missing or older than any source file. */
export function ensureBuild(): void {
  const manifest = resolve(CHROME_BUILD, 'manifest.json');
  const newest = (dir: string): number => {
    let t = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
    }
    return t;
  };
  const sources = Math.max(...['entrypoints', 'components', 'utils', 'public'].map((d) => newest(resolve(ROOT, d))), statSync(resolve(ROOT, 'wxt.config.ts')).mtimeMs);
  if (!existsSync(manifest) || statSync(manifest).mtimeMs < sources) execSync('npx wxt build', { cwd: ROOT, stdio: 'inherit' });
}

/** The floor page's mark: its one module script ran. */
const FLOOR_MARK = 'factmark:floor-main';
/** The bare popup's mark: the tab's notes are painted. */
const BARE_MARK = 'factmark:bare-painted';

/**
 * A copy of the Chrome build with two pages added for the bench (nothing bench-only ships): an
 * extension page with the popup's head and a single one-line module script, the floor under
 * any popup — what Chromium spends opening an extension page before the popup's own code runs —
 * and the bare popup below.
 */
function buildWithFloorPage(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'factmark-bench-build-'));
  cpSync(CHROME_BUILD, dir, { recursive: true });
  writeFileSync(
    join(dir, 'bench-floor.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Factmark</title><script type="module" src="/bench-floor.js"></script></head><body><div id="app"></div></body></html>`,
  );
  writeFileSync(join(dir, 'bench-floor.js'), `performance.mark(${JSON.stringify(FLOOR_MARK)});\n`);
  // The least any popup can do: one module script asks the tab for its notes (the same message)
  // and writes their quotes and texts as plain elements, marked the same way as the popup.
  writeFileSync(join(dir, 'bench-bare.html'), readFileSync(join(dir, 'bench-floor.html'), 'utf8').replace('/bench-floor.js', '/bench-bare.js'));
  writeFileSync(
    join(dir, 'bench-bare.js'),
    `const tab = Number(new URLSearchParams(location.search).get('tab'));
chrome.tabs.sendMessage(tab, { tag: 'factmark/1', type: 'tab/page-info', data: {} }).then((reply) => {
  const app = document.getElementById('app');
  for (const note of reply.value.notes) {
    const item = document.createElement('article');
    const quote = document.createElement('blockquote');
    const text = document.createElement('p');
    quote.textContent = note.claim;
    text.textContent = note.note;
    item.append(quote, text);
    app.append(item);
  }
  requestAnimationFrame(() => setTimeout(() => performance.mark(${JSON.stringify(BARE_MARK)}, { detail: { notes: reply.value.notes.length } })));
});
`,
  );
  addDriver(dir, { floor: FLOOR_MARK, bare: BARE_MARK });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The seeding and lookup code, bundled from the extension's own modules. */
export async function benchBundle(): Promise<string> {
  const contents = `
    import { createDb } from '@/utils/storage/db';
    import { countMatches, libraryStats, listByPages, searchAnnotations } from '@/utils/storage/annotations';
    import { generateNotes, makeVocabulary } from '@/bench/generate-notes';
    import { warmSearchIndex, updateAnnotation } from '@/utils/storage/annotations';
    import { matchKnownClaims, notesIndexActivity } from '@/utils/storage/known-claims-matcher';
    import { mulberry32, sentence } from '@/bench/generate-notes';
    const SECTIONS = ['world', 'politics', 'health', 'science'];
    let db; let vocabulary;
    const open = async () => { db ??= createDb(); await db.open(); return db; };
    /** generate-notes puts every page on one host with a random section; spread pages over sites, one URL per page. */
    const placeOnSite = (a, sites) => {
      const page = Number(/article-(\\d+)/.exec(a.pageUrl)[1]);
      return { ...a, pageUrl: 'https://site' + (page % sites) + '.example/' + SECTIONS[page % 4] + '/article-' + page };
    };
    /**
     * Seeding goes through the storage layer itself (Dexie, its middleware keeping counts and the
     * packed search index), as an import would write them: since schema v5 this is fast enough.
     */
    export async function seedBatch(batch, size, pages, sites) {
      vocabulary ??= makeVocabulary();
      const d = await open();
      const rows = generateNotes(size, 1000 + batch, { pages, tombstones: 0.02, vocabulary }).map((a) => placeOnSite(a, sites));
      const t0 = performance.now();
      await d.annotations.bulkAdd(rows);
      return performance.now() - t0;
    }
    /** Nothing left to do after the last batch: counts and index are kept on every write. */
    export async function seedCounts() {}
    export async function add(notes) { await (await open()).annotations.bulkAdd(notes); }
    export async function count() { return (await open()).annotations.count(); }
    /** Query execution alone (no UI): ms and result count. */
    export async function timeSearch(query, page) {
      const d = await open();
      const t0 = performance.now();
      const r = await searchAnnotations(d, query, { offset: (page ?? 0) * 50, limit: 50 });
      return { ms: performance.now() - t0, shown: r.notes.length };
    }
    /** The library's total for a query when the page read does not give it (null: the search does). */
    export async function timeCount(query) {
      const d = await open();
      const t0 = performance.now();
      const r = await countMatches(d, query);
      return { ms: performance.now() - t0, count: r ?? null, capped: false };
    }
    /** How many notes match (for the table, not timed). */
    export async function exactMatches(query) {
      const d = await open();
      const r = await countMatches(d, query);
      if (r !== undefined) return r;
      const page = await searchAnnotations(d, query, { offset: 0, limit: 1 });
      return page.total ?? (await searchAnnotations(d, query, { offset: 0, limit: 1e9 })).notes.length;
    }
    /** Reads the packed search index into this page's cache: ms and live notes indexed. */
    export async function timeWarm() {
      const d = await open();
      const t0 = performance.now();
      const n = await warmSearchIndex(d);
      return { ms: performance.now() - t0, notes: n };
    }
    export async function timeStats() {
      const d = await open();
      const t0 = performance.now();
      const s = await libraryStats(d);
      return { ms: performance.now() - t0, notes: s.notes, pages: s.pages };
    }
    /**
     * Known claims from the reader's own notes, as the background matches a page's sentences:
     * the first request builds the index from every graded note (what every request after a
     * save cost before the change log), then a note is saved and the next request catches up.
     */
    export async function timeOwnClaims(count) {
      vocabulary ??= makeVocabulary();
      const rng = mulberry32(11);
      const sentences = Array.from({ length: count }, () => sentence(rng, vocabulary, 8, 30));
      const d = await open();
      const before = { ...notesIndexActivity };
      let t0 = performance.now();
      await matchKnownClaims(d, sentences);
      const build = performance.now() - t0;
      const [note] = await d.annotations.where('[deleted+updated]').between([0, -Infinity], [0, Infinity]).reverse().limit(1).toArray();
      t0 = performance.now();
      await updateAnnotation(d, note.id, { verdict: note.verdict === 'false' ? 'true' : 'false' });
      const save = performance.now() - t0;
      t0 = performance.now();
      await matchKnownClaims(d, sentences);
      const catchUp = performance.now() - t0;
      const after = { ...notesIndexActivity };
      // The index as built is kept for the next service-worker start (written after the reply).
      while (!(await d.indexCache.get('known-claims:notes'))) await new Promise((ok) => setTimeout(ok, 50));
      return { build, save, catchUp, rebuilds: after.rebuilds - before.rebuilds, catchUps: after.catchUps - before.catchUps, notesRead: after.notesRead - before.notesRead };
    }
    /** The same page in a fresh context (a restarted service worker): the kept index, then the catch-up. */
    export async function timeOwnClaimsRestarted(count) {
      vocabulary ??= makeVocabulary();
      const rng = mulberry32(11);
      const sentences = Array.from({ length: count }, () => sentence(rng, vocabulary, 8, 30));
      const d = await open();
      const t0 = performance.now();
      await matchKnownClaims(d, sentences);
      return { ms: performance.now() - t0, ...notesIndexActivity };
    }
    export async function dexieLookup(url) { return (await listByPages(await open(), [url])).length; }
    let raw;
    export async function rawLookup(url) {
      raw ??= await new Promise((ok, fail) => { const r = indexedDB.open('factmark'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
      return new Promise((ok, fail) => {
        const req = raw.transaction('annotations', 'readonly').objectStore('annotations').index('[pageUrl+deleted]').getAll(IDBKeyRange.only([url, 0]));
        // Same contract as listByPages: oldest first.
        req.onsuccess = () => ok(req.result.sort((a, b) => a.created - b.created).length);
        req.onerror = () => fail(req.error);
      });
    }
  `;
  const out = await build({
    stdin: { contents, resolveDir: ROOT, loader: 'ts', sourcefile: 'bench-entry.ts' },
    bundle: true,
    format: 'iife',
    globalName: '__factmarkBench',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    tsconfig: resolve(ROOT, 'tsconfig.json'),
    logLevel: 'silent',
  });
  // page.evaluate runs the text inside a function: publish the namespace on the page's global.
  return `${out.outputFiles[0].text};globalThis.__factmarkBench = __factmarkBench;`;
}

/** An article page with sentences, and notes that quote some of them (anchored by the content script). */
function targetPage(origin: string): { url: string; html: string; notes: Annotation[] } {
  const rng = mulberry32(99);
  const v = makeVocabulary();
  const sentences = Array.from({ length: 60 }, () => sentence(rng, v, 12, 30));
  const url = `${origin}/bench/target-article`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench article</title></head><body><main><article><h1>Bench article</h1>${sentences.map((s) => `<p>${s}</p>`).join('')}</article></main></body></html>`;
  const t0 = Date.UTC(2025, 0, 1);
  const notes: Annotation[] = Array.from({ length: TARGET_NOTES }, (_, i) => {
    const claim = sentences[i * 3];
    return {
      id: uuid4(rng),
      pageUrl: url,
      pageTitle: 'Bench article',
      selectors: [{ type: 'TextQuoteSelector', exact: claim }],
      claim,
      verdict: i % 2 ? 'false' : 'true',
      note: sentence(rng, v, 10, 30),
      sources: [{ url: `https://source.example/${i}`, title: sentence(rng, v, 3, 8) }],
      tags: ['bench'],
      created: t0 + i,
      updated: t0 + i,
      deleted: 0,
    };
  });
  return { url, html, notes };
}

/** Size of the extension's IndexedDB folder in this run's Chromium profile. */
function indexedDbFolderBytes(profile: string, extensionId: string): number | null {
  const dirs = [join(profile, 'Default', 'IndexedDB', `chrome-extension_${extensionId}_0.indexeddb.leveldb`)].filter((d) => existsSync(d));
  if (!dirs.length) return null;
  // LevelDB compacts while we walk: a file listed a moment ago may be gone (counted as 0).
  const size = (p: string): number => {
    try {
      const st = statSync(p);
      return st.isDirectory() ? readdirSync(p).reduce((s, e) => s + size(join(p, e)), 0) : st.size;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw e;
    }
  };
  return size(dirs[0]);
}

type Library = Page;

/** Runs `action` in the library page and waits for the results mark of the query it causes. */
async function timeLibrary(library: Library, action: { kind: 'search'; text: string } | { kind: 'select'; selector: string; value: string } | { kind: 'commit'; selector: string; value: string }): Promise<{ ms: number; shown: number }> {
  return library.evaluate(async (a) => {
    const field = document.querySelector(a.kind === 'search' ? '.fm-filters input[type=search]' : a.selector) as HTMLInputElement | HTMLSelectElement;
    const value = a.kind === 'search' ? a.text : a.value;
    const before = performance.getEntriesByName('factmark:library-results').length;
    const done = new Promise<PerformanceMark>((ok) => {
      const obs = new PerformanceObserver(() => {
        const marks = performance.getEntriesByName('factmark:library-results') as PerformanceMark[];
        if (marks.length > before) {
          obs.disconnect();
          ok(marks[marks.length - 1]);
        }
      });
      obs.observe({ type: 'mark' });
    });
    const t0 = performance.now();
    field.value = value;
    field.dispatchEvent(new Event(a.kind === 'search' ? 'input' : 'change', { bubbles: true }));
    const mark = await done;
    return { ms: mark.startTime - t0, shown: (mark.detail as { shown: number }).shown };
  }, action);
}

/**
 * When the page set the User Timing mark `name` (waits for it), through one bare DevTools
 * evaluate: nothing of Playwright's is injected into the page, which is still loading.
 */
async function markTime(page: Page, name: string, timeoutMs = 60_000): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const expression = `new Promise((ok, fail) => {
      const find = () => performance.getEntriesByName(${JSON.stringify(name)})[0];
      if (find()) return ok(find().startTime);
      const observer = new PerformanceObserver(() => { if (find()) { observer.disconnect(); ok(find().startTime); } });
      observer.observe({ type: 'mark' });
      setTimeout(() => fail(new Error('no mark ${name} within ${timeoutMs} ms')), ${timeoutMs});
    })`;
    const reply = (await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })) as { result: { value?: number }; exceptionDetails?: { exception?: { description?: string } } };
    if (reply.exceptionDetails) throw new Error(reply.exceptionDetails.exception?.description ?? `no mark ${name}`);
    return reply.result.value!;
  } finally {
    await cdp.detach();
  }
}

async function openLibrary(open: () => Promise<Page>): Promise<{ page: Page; firstResultsMs: number }> {
  const page = await open();
  return { page, firstResultsMs: await markTime(page, 'factmark:library-results') };
}

export async function benchLibraryBrowser(): Promise<BenchTable[]> {
  ensureBuild();
  const bundle = await benchBundle();
  const server = await new PageServer().start();
  const target = targetPage(server.origin);
  server.set(new URL(target.url).pathname, target.html);
  const floorBuild = buildWithFloorPage();
  // Kept after the Playwright phase: the popup is timed again on it without DevTools.
  const profile = mkdtempSync(join(tmpdir(), 'factmark-bench-profile-'));
  const ext = await launchWithExtension({ build: floorBuild.dir, profile });
  // tsx compiles the callbacks passed to page.evaluate with esbuild's keepNames helper `__name`.
  await ext.context.addInitScript('globalThis.__name ??= (f) => f;');
  const tables: BenchTable[] = [];
  try {
    const probe = await ext.extensionPage('popup.html');
    const version = /Chrom(?:e|ium)\/([\d.]+)/.exec(await probe.evaluate(() => navigator.userAgent))?.[1] ?? '?';
    await probe.close();
    const env = `Chromium ${version} headless, real IndexedDB; ${NOTES.toLocaleString('en-US')} notes (2% tombstones) on ${PAGES.toLocaleString('en-US')} pages, ${SITES} sites`;

    // --- Seed, from an extension page whose app does nothing heavy (the popup outside a tab).
    // The bench's own page is closed while the popup and the library are timed: extension pages
    // share one renderer process (one main thread, one heap), and a reader's popup or library does
    // not run beside a page holding a second copy of the full-text index.
    const openBenchPage = async () => {
      const page = await ext.extensionPage('popup.html');
      await page.evaluate(bundle);
      return page;
    };
    let seeder = await openBenchPage();
    const bench = <T>(fn: string, ...args: unknown[]) =>
      seeder.evaluate(([f, a]) => (window as any).__factmarkBench[f as string](...(a as unknown[])), [fn, args] as const) as Promise<T>;
    const seedStarted = performance.now();
    let writeMs = 0;
    for (let b = 0; b * BATCH < NOTES; b++) {
      const ms = await bench<number>('seedBatch', b, Math.min(BATCH, NOTES - b * BATCH), PAGES, SITES);
      writeMs += ms;
      if (process.env.BENCH_VERBOSE) console.error(`seeded ${Math.min(NOTES, (b + 1) * BATCH)} (bulkAdd ${Math.round(ms)} ms, ${Math.round((performance.now() - seedStarted) / 1000)} s so far)`);
    }
    await bench('seedCounts');
    await bench('add', target.notes);
    const seedMs = performance.now() - seedStarted;

    const estimate = (await seeder.evaluate(() => navigator.storage.estimate())) as { usage?: number };
    const folder = indexedDbFolderBytes(profile, ext.extensionId);

    // --- Per-page lookup: Dexie path vs raw IndexedDB, interleaved.
    const rng = mulberry32(5);
    const urls = Array.from({ length: 200 }, () => {
      const page = Math.floor(rng() * PAGES);
      return `https://site${page % SITES}.example/${['world', 'politics', 'health', 'science'][page % 4]}/article-${page}`;
    });
    for (const u of urls.slice(0, 20)) {
      await bench('dexieLookup', u);
      await bench('rawLookup', u);
    }
    const lookups = (await seeder.evaluate(async (us) => {
      const b = (window as any).__factmarkBench;
      const dexie: number[] = [];
      const raw: number[] = [];
      let found = 0;
      for (const [i, u] of us.entries()) {
        const order = i % 2 ? ['raw', 'dexie'] : ['dexie', 'raw'];
        for (const which of order) {
          const t0 = performance.now();
          const n = await (which === 'dexie' ? b.dexieLookup(u) : b.rawLookup(u));
          (which === 'dexie' ? dexie : raw).push(performance.now() - t0);
          if (which === 'dexie') found += n;
        }
      }
      return { dexie, raw, found };
    }, urls)) as { dexie: number[]; raw: number[]; found: number };

    const ownClaims = await bench<{ build: number; save: number; catchUp: number; rebuilds: number; catchUps: number; notesRead: number }>('timeOwnClaims', 500);
    await seeder.close();
    seeder = await openBenchPage();
    const restarted = await bench<{ ms: number; rebuilds: number; restores: number; catchUps: number; notesRead: number }>('timeOwnClaimsRestarted', 500);
    await seeder.close();

    // --- Popup: open → this page's notes painted.
    const article = await ext.context.newPage();
    await article.goto(target.url);
    await article.waitForFunction((n) => ['factmark-note-true', 'factmark-note-false'].reduce((s, k) => s + (CSS.highlights.get(k)?.size ?? 0), 0) === n, TARGET_NOTES, { timeout: 60_000 });
    const control = await ext.extensionPage('library.html');
    const tabId = await tabIdOf(control, target.url);
    await control.close();
    /** Opens the popup for the target tab and waits for its notes mark, saying what it shows when there is none. */
    const openPopup = async (timeout: number): Promise<Page> => {
      const popup = await ext.extensionPage(`popup.html?tab=${tabId}`);
      try {
        await markTime(popup, 'factmark:popup-notes', timeout);
      } catch (error) {
        const marks = await popup.evaluate(() => performance.getEntriesByType('mark').map((m) => `${m.name} @${Math.round(m.startTime)}`).join(', '));
        throw new Error(`popup: no factmark:popup-notes within ${timeout} ms (marks: ${marks || 'none'}; text: ${(await popup.locator('main').innerText()).slice(0, 120)})`, { cause: error });
      }
      return popup;
    };
    // The first IndexedDB open after seeding takes seconds (10k notes: ~3.5 s for a bare
    // indexedDB.open, then ~1 ms: the browser settling the fresh writes): timed apart, not in the median.
    const firstPopup = await openPopup(600_000);
    const firstPopupMs = await firstPopup.evaluate(() => performance.getEntriesByName('factmark:popup-notes')[0].startTime);
    await firstPopup.close();
    // A reader opens the popup long after their notes were written; the seed's LevelDB
    // compaction still keeps a core busy here, so the popup runs wait until the cores are quiet.
    const popupSettled = await waitForQuietCpu();
    const popupLoad = loadavg()[0];
    const popupRuns: number[] = [];
    const floorRuns: number[] = [];
    const bareRuns: number[] = [];
    const popupParts: { main: number; pageInfo: number; notesRead: number }[] = [];
    for (let i = 0; i < POPUP_RUNS; i++) {
      // The floor, interleaved with the popup so both see the same machine.
      const floor = await ext.extensionPage('bench-floor.html');
      floorRuns.push(await markTime(floor, FLOOR_MARK));
      await floor.close();
      const bare = await ext.extensionPage(`bench-bare.html?tab=${tabId}`);
      bareRuns.push(await markTime(bare, BARE_MARK));
      await bare.close();
      const popup = await openPopup(30_000);
      const t = await popup.evaluate(() => {
        const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
        const mark = performance.getEntriesByName('factmark:popup-notes')[0] as PerformanceMark;
        return { notes: mark.startTime, shown: (mark.detail as { notes: number }).notes, pageInfo: at('factmark:popup-page-info'), notesRead: at('factmark:popup-notes-read'), main: at('factmark:popup-main') };
      });
      // The row times this page's notes, so every run must have painted all of them.
      const painted = await popup.locator('.fm-note').count();
      if (t.shown !== TARGET_NOTES || painted !== TARGET_NOTES)
        throw new Error(`popup run ${i + 1}: the mark says ${t.shown === 0 ? 'the empty state' : `${t.shown} notes`} (${painted} in the page), the target page has ${TARGET_NOTES}`);
      popupRuns.push(t.notes);
      popupParts.push({ main: t.main, pageInfo: t.pageInfo, notesRead: t.notesRead });
      await popup.close();
    }

    // --- Library: first results, then searches and filter changes.
    const libraryOpens: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { page, firstResultsMs } = await openLibrary(() => ext.extensionPage('library.html'));
      libraryOpens.push(firstResultsMs);
      await page.close();
    }
    const { page: library } = await openLibrary(() => ext.extensionPage('library.html'));
    // The library reads the full-text index at idle after it opens; searches are timed once it has.
    const searchReadyMs = await markTime(library, 'factmark:library-search-ready');
    const v = makeVocabulary();
    // Content words by Zipf rank (ranks below ~220 are function words, which are not indexed).
    const wordsAt = (rank: number) => v.words.slice(rank, rank + RUNS);
    type Action = Parameters<typeof timeLibrary>[1];
    interface Case {
      label: string;
      /** Per run: the UI action, its reset, and the same query for the repository-only timing. */
      run: (i: number) => { action: Action; reset: Action; query: LibraryQuery };
    }
    const search = (text: string) => ({ action: { kind: 'search', text } as Action, reset: { kind: 'search', text: '' } as Action, query: { sort: 'recent', text } as LibraryQuery });
    const verdictSel = '.fm-filters select';
    const sortSel = '.fm-filters .fm-field:last-child select';
    const siteSel = '.fm-filters input[list$="-sites"]';
    const tagSel = '.fm-filters input[list$="-tags"]';
    const tag = v.words[400];
    const cases: Case[] = [
      { label: 'search: common word (Zipf rank 300)', run: (i) => search(wordsAt(300)[i]) },
      { label: 'search: mid word (rank 3,000)', run: (i) => search(wordsAt(3000)[i]) },
      { label: 'search: rare word (rank 25,000)', run: (i) => search(wordsAt(25_000)[i]) },
      { label: 'search: 3-letter prefix of a mid word', run: (i) => search(wordsAt(3000)[i].slice(0, 3)) },
      { label: 'search: common word + mid-word prefix', run: (i) => search(`${wordsAt(300)[i]} ${wordsAt(3000)[i].slice(0, 4)}`) },
      {
        label: 'filter: verdict = False',
        run: () => ({ action: { kind: 'select', selector: verdictSel, value: 'false' }, reset: { kind: 'select', selector: verdictSel, value: '' }, query: { sort: 'recent', verdict: 'false' } }),
      },
      {
        label: 'filter: site = site7.example',
        run: () => ({ action: { kind: 'commit', selector: siteSel, value: 'site7.example' }, reset: { kind: 'commit', selector: siteSel, value: '' }, query: { sort: 'recent', site: 'site7.example' } }),
      },
      {
        label: `filter: tag = ${tag}`,
        run: () => ({ action: { kind: 'commit', selector: tagSel, value: tag }, reset: { kind: 'commit', selector: tagSel, value: '' }, query: { sort: 'recent', tag } }),
      },
      {
        label: 'sort: by site and page',
        run: () => ({ action: { kind: 'select', selector: sortSel, value: 'site' }, reset: { kind: 'select', selector: sortSel, value: 'recent' }, query: { sort: 'site' } }),
      },
      {
        label: 'sort: by verdict',
        run: () => ({ action: { kind: 'select', selector: sortSel, value: 'verdict' }, reset: { kind: 'select', selector: sortSel, value: 'recent' }, query: { sort: 'verdict' } }),
      },
    ];
    // The UI runs first, with only the library page open; then the same queries, repository only,
    // in the bench's page once the library has closed.
    const uiTimes = new Map<string, number[] | Error>();
    for (const c of cases) {
      try {
        const ui: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const { action, reset } = c.run(i);
          ui.push((await timeLibrary(library, action)).ms);
          await timeLibrary(library, reset);
        }
        uiTimes.set(c.label, ui);
      } catch (error) {
        uiTimes.set(c.label, error as Error);
      }
    }
    await library.close();
    seeder = await openBenchPage();
    const libraryRows: (string | number)[][] = [];
    // The packed full-text index, read cold into a page that has not searched yet (the library
    // does this at idle when it opens).
    const warm = await bench<{ ms: number; notes: number }>('timeWarm');
    libraryRows.push(['full-text index read into a fresh page (once per page, at idle)', warm.notes, warm.ms, warm.ms, warm.ms, '', '', 'n/a']);
    for (const c of cases) {
      try {
        const ui = uiTimes.get(c.label)!;
        if (ui instanceof Error) throw ui;
        const exec: number[] = [];
        const count: number[] = [];
        let shown = 'unknown';
        for (let i = 0; i < RUNS; i++) {
          const { query } = c.run(i);
          exec.push((await bench<{ ms: number }>('timeSearch', query, 0)).ms);
          const r = await bench<{ ms: number; count: number | null; capped: boolean }>('timeCount', query);
          count.push(r.ms);
          if (i === 0) shown = r.count === null ? 'not shown' : `${r.count.toLocaleString('en-US')}${r.capped ? '+' : ''}`;
        }
        const matches = await bench<number>('exactMatches', c.run(0).query);
        libraryRows.push([c.label, matches, median(ui), Math.max(...ui), median(exec), shown, median(count), median(ui) <= 100 ? 'met (≤ 100)' : 'MISSED (≤ 100)']);
      } catch (error) {
        libraryRows.push([c.label, 'error', String(error).slice(0, 60), '', '', '', '', '']);
      }
    }
    await seeder.close();

    // --- The popup again, as a reader opens it: the same profile in a Chromium with no DevTools.
    await ext.close();
    let plain: UninstrumentedRuns | Error;
    try {
      plain = await timePopupWithoutDevTools({ dir: floorBuild.dir, profile, article: target.url, notes: TARGET_NOTES, runs: POPUP_RUNS });
      const wrong = [...plain.popup, ...plain.toolbar].find((p) => p.shown !== TARGET_NOTES || p.painted !== TARGET_NOTES);
      if (wrong) throw new Error(`a popup run painted ${wrong.painted} notes (mark: ${wrong.shown}), the target page has ${TARGET_NOTES}`);
    } catch (error) {
      plain = error as Error;
    }

    const mb = (b: number | null | undefined) => (b == null ? 'n/a' : (b / 1024 / 1024).toFixed(1));
    const ratio = median(lookups.dexie) / median(lookups.raw);
    tables.push({
      title: 'Popup at scale',
      environment: env,
      columns: ['measure', 'notes', 'median ms', 'max ms', 'target'],
      rows: [
        ...popupRows(plain),
        ['with DevTools attached (Playwright drives the browser, as in earlier runs): popup open → notes painted', TARGET_NOTES, median(popupRuns), Math.max(...popupRuns), ''],
        ...(
          [
            ['  loading and evaluating the popup’s own scripts (→ factmark:popup-main)', (p) => p.main],
            ['  then the tab’s answer: page keys and anchors (→ factmark:popup-page-info)', (p) => p.pageInfo - p.main],
            ['  then rendered and painted from the tab’s notes (→ factmark:popup-notes)', (p, i) => popupRuns[i] - p.pageInfo],
          ] as [string, (p: (typeof popupParts)[number], i: number) => number][]
        ).map(([label, part]) => [label, '', median(popupParts.map(part)), Math.max(...popupParts.map(part)), '']),
        ['  floor, with DevTools attached', '', median(floorRuns), Math.max(...floorRuns), ''],
        ['  bare popup, with DevTools attached', TARGET_NOTES, median(bareRuns), Math.max(...bareRuns), ''],
        ['  popup above the bare popup, with DevTools attached', '', median(popupRuns) - median(bareRuns), '', ''],
        ['  first popup open after seeding, with DevTools attached (IndexedDB settling the fresh writes; not in the median above)', TARGET_NOTES, firstPopupMs, firstPopupMs, ''],
        ['library open → first 50 results painted', 50, median(libraryOpens), Math.max(...libraryOpens), 'n/a'],
        ['library open → full-text index read (at idle, after the first results; once per page)', '', searchReadyMs, searchReadyMs, 'n/a'],
      ],
      notes: [
        'Popup, the target row: the toolbar button\'s own popup (popup.html, no ?tab=: it finds the active tab itself), opened with chrome.action.openPopup() while the article is the active tab, in Chromium started again on the same profile (the same notes) with no remote debugging at all, after the Playwright phase closed. A driver page of the bench\'s copy of the build opens every page and reads the pages\' own marks (bench/popup-without-devtools.ts); the floor is measured as the toolbar popup too (chrome.action.setPopup). "From the call" adds what the browser does before the popup\'s navigation starts (creating the popup\'s view; headless here), which no extension code can shorten: the floor shows it. Playwright attaches DevTools to every page it drives (its runtime, network and page domains, its own script world in each frame), which delays an extension page\'s load and so every row measured under it; a reader\'s popup runs without it.',
        'DevTools rows: from navigation start of popup.html?tab=<id> (opened as a tab) to the mark after the frame that shows the notes (a task queued from that frame\'s callback); includes loading the page, opening Dexie, asking the tab for anchors and reading the notes. No other extension page is open (in the rows without DevTools, the driver page is).',
        `Popup: ${POPUP_RUNS} opens each way; every run must paint all ${TARGET_NOTES} notes of the target page (the bench stops otherwise). The popup paints the notes the tab reports and then follows the database's live read. With DevTools: load average (1 min) before the popup runs ${popupLoad.toFixed(2)}; ${describeSettled(popupSettled)}.${plain instanceof Error ? '' : ` Without DevTools: ${describeSettled(plain.settled)}; Chromium ${plain.chromium}.`}`,
        'Floor: the same kind of page (the popup\'s head, one module script of one line, nothing else) opened the same way, interleaved with the popup runs; no popup can paint before it. Bare popup: the same page whose script sends the popup\'s message to the tab and appends each note\'s quote and text, marked after the next frame as the popup is: what the round trip and a paint cost without any of the popup\'s code. Measured and dropped (same run, interleaved): asking the tab from a 0.9 KB early script while the app loads took the tab\'s answer off the critical path but not a millisecond off the paint (165.1 vs 166.5 ms): the popup\'s main thread, not the round trip, is what it waits for. Measured again once the popup\'s scripts had shrunk to 48.5 KB (two builds side by side, 30 interleaved pairs, 20 notes): the early script made the paint 13 ms slower (paired median; faster in 12 of 30).',
      ],
    });
    tables.push({
      title: 'Library search and filters at scale',
      environment: env,
      columns: ['change', 'matches (run 1)', 'UI median ms', 'UI max ms', 'query only ms', 'total shown', 'total ms', 'target'],
      rows: libraryRows,
      notes: [
        'UI: from the input/change event to the mark after the first 50 results render, once the library has read its full-text index (the Popup table times that read); the library is the only extension page open. Search runs on every keystroke (no debounce). Each run uses a different word.',
        '"query only": searchAnnotations for the same page in an idle extension page (no rendering), run after the UI runs with the library closed, so the two never share the extension\'s renderer process. "total shown": the count countMatches gives the library, from counts kept on every write or the full-text index; "not shown" when the search itself returns the exact total (every query the full-text index answers). "total ms": its cost.',
        `${RUNS} runs per row, each search with a different word. "matches (run 1)": the exact number for the first run's query, computed afterwards by reading every match.`,
      ],
    });
    tables.push({
      title: 'Storage at scale',
      environment: env,
      columns: ['measure', 'value'],
      rows: [
        ['seed: total wall time (s)', (seedMs / 1000).toFixed(1)],
        ['seed: bulkAdd time inside the page, Dexie and its middleware (s)', (writeMs / 1000).toFixed(1)],
        ['seed: notes written per second', Math.round(NOTES / (writeMs / 1000))],
        ['navigator.storage.estimate().usage (MB)', mb(estimate.usage)],
        ['IndexedDB folder of the extension in the profile (MB)', mb(folder)],
        ['per-page lookup, Dexie path (listByPages) median ms', median(lookups.dexie)],
        ['per-page lookup, raw IndexedDB index getAll median ms', median(lookups.raw)],
        ['Dexie / raw ratio (target ≤ 1.5)', `${ratio.toFixed(2)} ${ratio <= 1.5 ? 'met' : 'MISSED'}`],
        ['notes per looked-up page (mean)', (lookups.found / urls.length).toFixed(1)],
        ["known claims from the reader's notes: first match of a 500-sentence page, index built from every graded note (ms)", ownClaims.build.toFixed(0)],
        ['  the same page after one note is saved: the index catches up from the change log (ms)', `${ownClaims.catchUp.toFixed(1)} (${(ownClaims.build / ownClaims.catchUp).toFixed(0)}× less than a rebuild)`],
        ['  notes read / rebuilds / catch-ups over both requests', `${ownClaims.notesRead} / ${ownClaims.rebuilds} / ${ownClaims.catchUps}`],
        ['  the same page in a fresh context (a restarted service worker): kept index read, then caught up (ms)', `${restarted.ms.toFixed(0)} (notes read ${restarted.notesRead}, rebuilds ${restarted.rebuilds}, restores ${restarted.restores})`],
      ],
      notes: [
        'Lookups: 200 random pages, Dexie and raw interleaved (alternating which goes first), after 20 warm-up pairs; each opens its own read transaction. The Dexie path includes the middleware that strips the derived search fields.',
        'Disk: the usage estimate includes the whole extension origin; the folder size is LevelDB files before compaction settles.',
        "Known claims: matchKnownClaims (what the background runs for every page) in an extension page over the seeded notes; before the change log, every request after a note save rebuilt the index (the first row's cost).",
      ],
    });
  } finally {
    await ext.close();
    await server.stop();
    floorBuild.remove();
    rmSync(profile, { recursive: true, force: true });
  }
  return tables;
}

/** The target row and its parts: the toolbar popup and its references, with no DevTools attached. */
function popupRows(plain: UninstrumentedRuns | Error): (string | number)[][] {
  const label = "toolbar popup → this page's notes painted (no DevTools attached, as a reader opens it): from the popup's navigation start";
  if (plain instanceof Error) return [[label, TARGET_NOTES, `error: ${plain.message.split('\n')[0].slice(0, 100)}`, '', 'not measured']];
  const row = (text: string, notes: number | string, xs: number[], target = ''): (string | number)[] => [text, notes, median(xs), Math.max(...xs), target];
  const toolbar = plain.toolbar.map((p) => p.notes);
  const tab = plain.popup.map((p) => p.notes);
  const floorAt = plain.toolbarFloor.map((f) => f.at);
  const floorCall = plain.toolbarFloor.map((f) => f.fromCall);
  const fromCall = plain.toolbar.map((p) => p.fromCall);
  return [
    row(label, TARGET_NOTES, toolbar, median(toolbar) <= 150 ? 'met (≤ 150)' : 'MISSED (≤ 150)'),
    row('  loading and evaluating the popup’s own scripts (→ factmark:popup-main)', '', plain.toolbar.map((p) => p.main)),
    row('  then the active tab found and its answer: page keys and anchors (→ factmark:popup-page-info)', '', plain.toolbar.map((p) => p.pageInfo - p.main)),
    row('  then rendered and painted from the tab’s notes (→ factmark:popup-notes)', '', plain.toolbar.map((p) => p.notes - p.pageInfo)),
    row('  the same, from the chrome.action.openPopup() call (adds the browser creating the popup, before any of its code)', TARGET_NOTES, fromCall),
    row('floor as the toolbar popup: a blank page with one module script, navigation → its script ran', '', floorAt),
    row('  the same, from the chrome.action.openPopup() call', '', floorCall),
    ['popup above the floor (same run, interleaved): from navigation / from the call', '', `${(median(toolbar) - median(floorAt)).toFixed(1)} / ${(median(fromCall) - median(floorCall)).toFixed(1)}`, '', ''],
    row('popup.html?tab=<id> opened as a tab (how the DevTools rows below open it), no DevTools', TARGET_NOTES, tab),
    row('  floor opened as a tab, no DevTools', '', plain.floor),
    row('  bare popup opened as a tab: the tab asked and its notes painted as plain elements by one module script, no DevTools', TARGET_NOTES, plain.bare),
    ['  popup above the bare popup, as tabs (same run, interleaved)', '', median(tab) - median(plain.bare), '', ''],
    [`first toolbar popup after the browser started (database opened cold; not in the median above)`, TARGET_NOTES, plain.first.notes, plain.first.notes, ''],
    [
      '  its scripts evaluated / + active tab answered / + rendered and painted',
      '',
      `${plain.first.main.toFixed(1)} / ${(plain.first.pageInfo - plain.first.main).toFixed(1)} / ${(plain.first.notes - plain.first.pageInfo).toFixed(1)}`,
      '',
      '',
    ],
  ];
}

runStandalone(import.meta.url, benchLibraryBrowser);
