/**
 * The popup timed as a reader gets it: no DevTools attached. Playwright attaches to every page of
 * its browser (runtime, network and page domains, its own script world in every frame), and that
 * instrumentation delays an extension page's load: in a throwaway A/B here a blank extension page
 * reached its script at ~72 ms alone and ~90–120 ms under Playwright, the popup painted its notes
 * at ~125 ms alone and ~185–215 ms under Playwright.
 *
 * So the library bench, once its Playwright browser has closed, starts Debian's Chromium again on
 * the same profile (the same 100,000 notes) with no remote debugging at all. A driver page added
 * to the bench's copy of the build (nothing of it ships) opens the article tab, then the popup,
 * the floor and the bare popup in turn with `chrome.tabs.create`, exactly as Playwright opened
 * them (a new active tab each), reads each page's own User Timing marks through
 * `chrome.extension.getViews` and posts them to a local server here. The copy's service worker
 * opens the driver only when the run's config file is present, so the Playwright phase never
 * sees it.
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
  popup: PopupMarks[];
  /** The first popup open after the browser started (the database opened cold); not in the runs. */
  first: PopupMarks;
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
  if (!config || (await chrome.storage.session.get('benchDriver')).benchDriver) return;
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
    const first = await open(popupPath, 'factmark:popup-notes', popupMarks);
    await post('/ready', {});
    await fetch(config.server + '/go'); // answered once the machine is quiet
    const runs = { floor: [], bare: [], popup: [] };
    for (let i = 0; i < config.runs; i++) {
      runs.floor.push(await open('bench-floor.html', ${JSON.stringify(floor)}, (v) => mark(v, ${JSON.stringify(floor)}).startTime));
      runs.bare.push(await open('bench-bare.html?tab=' + article.id, ${JSON.stringify(bare)}, (v) => mark(v, ${JSON.stringify(bare)}).startTime));
      runs.popup.push(await open(popupPath, 'factmark:popup-notes', popupMarks));
    }
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
    if (req.url === '/ready') {
      await body(req);
      // A reader opens a popup on a settled machine: the driver's /go is answered once the cores are quiet.
      settling ??= waitForQuietCpu().then((s) => (settled = s));
      reply(res, {});
    } else if (req.url === '/go') {
      await (settling ?? Promise.resolve());
      reply(res, {});
    } else if (req.url === '/result') {
      finish(JSON.parse(await body(req)));
      reply(res, {});
    } else reply(res, {});
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  writeFileSync(join(opts.dir, CONFIG), JSON.stringify({ server: `http://127.0.0.1:${port}`, article: opts.article, notes: opts.notes, runs: opts.runs }));
  const chromium = spawn(
    executable,
    ['--headless=new', `--user-data-dir=${opts.profile}`, ...chromiumArgs(opts.dir), 'about:blank'],
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
