/**
 * The popup timed as a reader gets it: the toolbar button's own popup, with no DevTools attached.
 * Playwright attaches to every page of its browser (runtime, network and page domains, its own
 * script world in every frame), and that instrumentation delays an extension page's load: in a
 * throwaway A/B here a blank extension page reached its script at ~72 ms alone and ~90–120 ms
 * under Playwright, the popup painted its notes at ~125 ms alone and ~185–215 ms under Playwright.
 *
 * So the library bench, once its Playwright browser has closed, starts Debian's Chromium again on
 * the same profile (the same 100,000 notes) with no remote debugging at all. A driver page added
 * to the bench's copy of the build (nothing of it ships) opens the article tab, then in turn: the
 * floor and the popup as the toolbar button's popup (`chrome.action.setPopup`, `openPopup`), and
 * the floor, the bare popup and popup.html?tab=<id> as new active tabs (as Playwright opens them).
 * It reads each page's own User Timing marks through `chrome.extension.getViews` and posts them
 * to a local server here. The copy's service worker opens the driver only when the run's config
 * file is present (the start page, an http page, wakes it), so the Playwright phase never sees it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { spawn } from 'node:child_process';
import { appendFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium, INSTALL_HINT } from '../tests/e2e/find-browser';
import { chromiumArgs } from '../tests/e2e/chromium';
import { waitForQuietCpu, type Settled } from './machine';

const CONFIG = 'bench-driver.json';

/** One open of the popup: its marks, ms from its navigation start. */
export interface PopupMarks {
  main: number;
  pageInfo: number;
  notes: number;
  shown: number;
  painted: number;
}

export interface UninstrumentedRuns {
  floor: number[];
  bare: number[];
  /** popup.html?tab=<id> opened as a tab, as under Playwright. */
  popup: PopupMarks[];
  /** The toolbar button's popup (chrome.action.openPopup); `fromCall`: from that call, ms. */
  toolbar: (PopupMarks & { fromCall: number })[];
  /** The floor page as the toolbar button's popup: `at` from its navigation, `fromCall` from the call. */
  toolbarFloor: { at: number; fromCall: number }[];
  /** The first toolbar popup after the browser started (the database opened cold); not in the runs. */
  first: PopupMarks & { fromCall: number };
  settled: Settled;
  chromium: string;
}

/**
 * Adds the driver to a bench copy of the build (which already has bench-floor.html and
 * bench-bare.html): its page and script, and a hook at the end of the copy's service worker that
 * opens the driver once per browser session when the config file exists.
 */
export function addDriver(dir: string, marks: { floor: string; bare: string }): void {
  writeFileSync(join(dir, 'bench-driver.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench driver</title><script src="/bench-driver.js"></script></head><body></body></html>`);
  writeFileSync(join(dir, 'bench-driver.js'), driverScript(marks));
  appendFileSync(
    join(dir, 'background.js'),
    `\n;(async () => {
  const config = await fetch(chrome.runtime.getURL(${JSON.stringify(CONFIG)})).then((r) => (r.ok ? r.json() : null), () => null);
  if (!config) return;
  await fetch(config.server + '/log', { method: 'POST', body: 'hook: service worker started' });
  if ((await chrome.storage.session.get('benchDriver')).benchDriver) return;
  await chrome.storage.session.set({ benchDriver: true });
  await chrome.tabs.create({ url: chrome.runtime.getURL('bench-driver.html') });
})();\n`,
  );
}

/** The driver's script: runs in an extension page, so it can open tabs and read other extension pages' marks. */
function driverScript({ floor, bare }: { floor: string; bare: string }): string {
  return `(async () => {
  const config = await (await fetch(chrome.runtime.getURL(${JSON.stringify(CONFIG)}))).json();
  const post = (path, body) => fetch(config.server + path, { method: 'POST', body: JSON.stringify(body) });
  const log = (text) => post('/log', text);
  // Polls a condition every 25 ms (the timings come from the pages' own marks, not from this loop).
  const until = async (what, fn, ms = 120000) => {
    const t0 = Date.now();
    for (;;) {
      const v = await fn();
      if (v) return v;
      if (Date.now() - t0 > ms) throw new Error('no ' + what + ' within ' + ms / 1000 + ' s');
      await new Promise((ok) => setTimeout(ok, 25));
    }
  };
  const viewOf = (path) => chrome.extension.getViews({ type: 'tab' }).find((w) => w.location.pathname + w.location.search === '/' + path);
  const mark = (view, name) => view.performance.getEntriesByName(name)[0];
  async function open(path, lastMark, read) {
    const tab = await chrome.tabs.create({ url: chrome.runtime.getURL(path), active: true });
    const value = await until(lastMark + ' in ' + path, () => {
      const view = viewOf(path);
      return view && mark(view, lastMark) ? read(view) : null;
    });
    await chrome.tabs.remove(tab.id);
    await until(path + ' closed', () => !viewOf(path));
    return value;
  }
  const popupMarks = (view) => {
    const at = (name) => mark(view, name)?.startTime ?? NaN;
    const notes = mark(view, 'factmark:popup-notes');
    return { main: at('factmark:popup-main'), pageInfo: at('factmark:popup-page-info'), notes: notes.startTime, shown: notes.detail.notes, painted: view.document.querySelectorAll('.fm-note').length };
  };
  try {
    const article = await chrome.tabs.create({ url: config.article, active: true });
    const ask = () => chrome.tabs.sendMessage(article.id, { tag: 'factmark/1', type: 'tab/page-info', data: {} });
    await until('anchored notes in the article', async () => (await ask().catch(() => null))?.value?.anchored?.length === config.notes);
    const popupPath = 'popup.html?tab=' + article.id;
    // The real thing: the toolbar button's popup (no ?tab=: it asks for the active tab itself),
    // opened by chrome.action.openPopup with the article as the active tab; \`page\` swaps the
    // button's page for the floor. "fromCall" also counts what happens before the popup's
    // navigation starts (the browser creating the popup's view).
    const toolbar = async (page, lastMark, read) => {
      await chrome.action.setPopup({ popup: page });
      await chrome.tabs.update(article.id, { active: true });
      const called = performance.timeOrigin + performance.now();
      await chrome.action.openPopup();
      const value = await until(lastMark + ' in the toolbar popup', () => {
        const [view] = chrome.extension.getViews({ type: 'popup' });
        const last = view && mark(view, lastMark);
        return last ? { ...read(view), fromCall: view.performance.timeOrigin + last.startTime - called } : null;
      });
      chrome.extension.getViews({ type: 'popup' })[0]?.close();
      await until('the toolbar popup closed', () => chrome.extension.getViews({ type: 'popup' }).length === 0);
      return value;
    };
    const floorMark = (v) => ({ at: mark(v, ${JSON.stringify(floor)}).startTime });
    const first = await toolbar('popup.html', 'factmark:popup-notes', popupMarks);
    await post('/ready', {});
    await fetch(config.server + '/go'); // answered once the machine is quiet
    const runs = { floor: [], bare: [], popup: [], toolbar: [], toolbarFloor: [] };
    for (let i = 0; i < config.runs; i++) {
      runs.toolbarFloor.push(await toolbar('bench-floor.html', ${JSON.stringify(floor)}, floorMark));
      runs.toolbar.push(await toolbar('popup.html', 'factmark:popup-notes', popupMarks));
      runs.floor.push(await open('bench-floor.html', ${JSON.stringify(floor)}, (v) => mark(v, ${JSON.stringify(floor)}).startTime));
      runs.bare.push(await open('bench-bare.html?tab=' + article.id, ${JSON.stringify(bare)}, (v) => mark(v, ${JSON.stringify(bare)}).startTime));
      runs.popup.push(await open(popupPath, 'factmark:popup-notes', popupMarks));
      await log('run ' + (i + 1) + ' of ' + config.runs);
    }
    await chrome.action.setPopup({ popup: 'popup.html' });
    await post('/result', { ...runs, first, chromium: navigator.userAgent });
  } catch (error) {
    await post('/result', { error: String((error && error.stack) || error) });
  }
})();
`;
}

/**
 * Runs the driver in Chromium without DevTools on `profile` (left by the Playwright phase) with
 * the bench copy `dir` (addDriver applied), and returns what it measured.
 */
export async function timePopupWithoutDevTools(opts: { dir: string; profile: string; article: string; notes: number; runs: number; timeoutMs?: number }): Promise<UninstrumentedRuns> {
  const executable = findChromium();
  if (!executable) throw new Error(`Chromium not found. ${INSTALL_HINT}`);
  let settling: Promise<Settled> | undefined;
  let settled: Settled | undefined;
  let finish!: (value: unknown) => void;
  const result = new Promise<unknown>((ok) => (finish = ok));
  const body = (req: IncomingMessage) => new Promise<string>((ok) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => ok(text));
  });
  const reply = (res: ServerResponse, value: unknown) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(value));
  };
  const server = createServer(async (req, res) => {
    if (process.env.BENCH_VERBOSE) console.error(`popup driver server: ${req.method} ${req.url}`);
    if (req.url === '/ready') {
      await body(req);
      // A reader opens a popup on a settled machine: the driver's /go is answered once the cores are quiet.
      settling ??= waitForQuietCpu().then((s) => (settled = s));
      reply(res, {});
    } else if (req.url === '/go') {
      await (settling ?? Promise.resolve());
      reply(res, {});
    } else if (req.url === '/log') {
      const line = await body(req);
      if (process.env.BENCH_VERBOSE) console.error(`popup driver: ${line}`);
      reply(res, {});
    } else if (req.url === '/result') {
      finish(JSON.parse(await body(req)));
      reply(res, {});
    } else if (req.url === '/start') {
      // The first tab: an http page, so the content script asks the background for its notes and
      // the service worker (with the hook that opens the driver) starts.
      res.setHeader('content-type', 'text/html');
      res.end('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>start</title></head><body><p>Bench start page.</p></body></html>');
    } else reply(res, {});
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  writeFileSync(join(opts.dir, CONFIG), JSON.stringify({ server: `http://127.0.0.1:${port}`, article: opts.article, notes: opts.notes, runs: opts.runs }));
  const chromium = spawn(
    executable,
    ['--headless=new', `--user-data-dir=${opts.profile}`, ...chromiumArgs(opts.dir), `http://127.0.0.1:${port}/start`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  chromium.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const exited = new Promise<never>((_, fail) => chromium.once('exit', (code) => fail(new Error(`Chromium exited (${code}) before the driver finished: ${stderr.slice(-500)}`))));
  exited.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  try {
    const value = (await Promise.race([
      result,
      exited,
      new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error('the driver did not finish in time')), opts.timeoutMs ?? 600_000))),
    ])) as (Omit<UninstrumentedRuns, 'settled' | 'chromium'> & { chromium: string }) | { error: string };
    if ('error' in value) throw new Error(`driver: ${value.error}`);
    const version = /Chrom(?:e|ium)\/([\d.]+)/.exec(value.chromium)?.[1] ?? '?';
    return { ...value, settled: settled!, chromium: version };
  } finally {
    clearTimeout(timer);
    chromium.kill();
    await new Promise((ok) => (chromium.exitCode !== null ? ok(undefined) : chromium.once('exit', ok)));
    server.close();
    rmSync(join(opts.dir, CONFIG), { force: true });
  }
}
