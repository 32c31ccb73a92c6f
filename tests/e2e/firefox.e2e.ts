/**
 * The Firefox build in Firefox ESR: the add-on installs, its content script runs on the seed
 * article, and the reader's loop works there too: select a sentence with the mouse, press the
 * toolbar's Fact-check, save from the keyboard; the background (an MV2 event page) stores the
 * note in the extension's IndexedDB and the next visit paints it again. The popup and library
 * are not driven here: WebDriver BiDi refuses to navigate a tab to a moz-extension: page. The
 * same loop then runs on a few real pages of ../shared/corpus (skipped without it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { PageServer, SEED_HTML } from './server';
import { INSTALL_HINT, findFirefox } from './find-browser';
import { HAS_CORPUS, corpusPages, groundTruthParagraphs, readPageHtml } from '../corpus/corpus';
import { findStoryQuote } from '../fixtures/pages/story-quote';

const FIREFOX_BUILD = resolve(import.meta.dirname, '../../.output/firefox-mv2');
const ADDON_ID = 'factmark@factmark.app';
const SENTENCE = 'Russia launched an invasion of Ukraine on February 24.';

let browser: Browser;
let server: PageServer;

beforeAll(async () => {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error(`Firefox ESR not found. ${INSTALL_HINT}`);
  if (!existsSync(resolve(FIREFOX_BUILD, 'manifest.json'))) throw new Error('No Firefox build: run `npm run build` first.');
  server = await new PageServer().start();
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: process.env.HEADED !== '1',
    extraPrefsFirefox: {
      // Keep Firefox off the (closed) network: no updates, telemetry or captive-portal checks.
      'network.captive-portal-service.enabled': false,
      'app.update.enabled': false,
      'extensions.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      // Every request but the local test server goes to a closed local port and fails at once
      // (real pages ask CDNs for scripts; on this closed network those would hang until timeout).
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': 9,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': 9,
      'network.proxy.no_proxies_on': '127.0.0.1',
      'network.proxy.allow_hijacking_localhost': false,
    },
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The host element of a part of Factmark's in-page UI is in the page's DOM (its content is in a closed shadow root). */
function hostShown(page: Page, part: 'toolbar' | 'panel', shown = true) {
  return page.waitForFunction(
    (p, want) => {
      const host = document.querySelector<HTMLElement>(`factmark-ui[data-part="${p}"]`);
      const rect = host?.getBoundingClientRect();
      return (!!host && host.style.getPropertyValue('display') !== 'none' && !!rect && rect.width > 0) === want;
    },
    { polling: 50, timeout: 15_000 },
    part,
    shown,
  );
}

/** Selects `text` with the mouse, as a reader does: press at its first letter, drag to its last. */
async function selectWithMouse(page: Page, text: string): Promise<void> {
  const box = await page.evaluate((t) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.textContent!.indexOf(t);
      if (i < 0) continue;
      (n.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + t.length);
      const rects = r.getClientRects();
      const first = rects[0];
      const last = rects[rects.length - 1];
      return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
    }
    return null;
  }, text);
  if (!box) throw new Error(`Text not on the page: ${text}`);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 4 });
  await page.mouse.move(box.x2, box.y2, { steps: 4 });
  await page.mouse.up();
}

describe('Firefox ESR', () => {
  let url: string;

  it('installs the add-on and runs the content script on the seed article', async () => {
    const id = await browser.installExtension(FIREFOX_BUILD);
    expect(id).toBe(ADDON_ID);
    const page = await browser.newPage();
    url = server.set('/news/turkey-talks', SEED_HTML);
    await page.goto(url);
    await page.waitForFunction(() => CSS.highlights.has('factmark-note-false') && (CSS.highlights.get('factmark-claim')?.size ?? 0) > 0, {
      timeout: 30_000,
      polling: 100,
    });
    expect(await page.title()).toContain('Turkey');
    await page.close();
  });

  it('fact-checks a selection as a reader does, stores it through the background and paints it again on the next visit', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => (CSS.highlights.get('factmark-claim')?.size ?? 0) > 0, { polling: 100 });
    await factCheckAndReload(page, SENTENCE);
    await page.close();
  });

  // Real pages, their own scripts and styles running (English, French, a 1 MB wiki, the largest page).
  // Not cnn or nytimes-1: their scripts navigate away from a copy served elsewhere, which Firefox's
  // BiDi reports as a failed navigation.
  const SAMPLE = ['readability/yahoo-2', 'readability/medium-3', 'readability/wikipedia-2', 'readability/lemonde-1', 'aeb/432362af0be4', 'aeb/b6906ca016bb'];
  const pages = HAS_CORPUS ? corpusPages().filter((p) => SAMPLE.includes(p.id)) : [];
  it.skipIf(!HAS_CORPUS)('has the corpus sample', () => expect(pages.length).toBe(SAMPLE.length));
  for (const entry of pages) {
    it(`${entry.id}: select → Fact-check → save → painted, and after a reload`, async () => {
      const page = await browser.newPage();
      await page.setViewport({ width: 1280, height: 900 });
      await page.goto(server.set(`/ff/${entry.id.replace(/[^\w-]/g, '_')}`, readPageHtml(entry)), { waitUntil: 'domcontentloaded' });
      await page.waitForFunction(() => CSS.highlights.has('factmark-note-unrated'), { polling: 100, timeout: 30_000 });
      const quote = await page.evaluate(findStoryQuote, groundTruthParagraphs(entry).filter((p) => p.length > 30));
      expect(quote, 'a sentence of the story on screen').toBeTruthy();
      await factCheckAndReload(page, quote!);
      await page.close();
    });
  }
});

/** The reader's loop on `page`: select `text`, Fact-check, save with Ctrl+Enter; painted on it, also after a reload. */
async function factCheckAndReload(page: Page, text: string): Promise<void> {
  await selectWithMouse(page, text);
  await hostShown(page, 'toolbar');
  // The toolbar's only button fills its host: click the host's middle.
  const toolbar = await page.$eval('factmark-ui[data-part="toolbar"]', (el) => {
    const r = el.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
  await page.mouse.click(toolbar.x, toolbar.y);
  await hostShown(page, 'panel');
  // The editor opens focused; Ctrl+Enter saves (verdict "unrated" needs no source).
  await page.keyboard.down('Control');
  await page.keyboard.press('Enter');
  await page.keyboard.up('Control');
  await hostShown(page, 'panel', false);
  const paintedNow = () =>
    page.evaluate(() => [...((CSS.highlights.get('factmark-note-unrated') as Set<AbstractRange> | undefined) ?? [])].map((r) => (r as Range).toString().replace(/\s+/g, ' ')));
  await page.waitForFunction(() => (CSS.highlights.get('factmark-note-unrated')?.size ?? 0) > 0, { polling: 100, timeout: 15_000 });
  expect(await paintedNow()).toEqual([text]);
  // Stored in the extension's IndexedDB by the background: a new visit re-attaches it.
  await page.reload();
  await page.waitForFunction(() => (CSS.highlights.get('factmark-note-unrated')?.size ?? 0) > 0, { polling: 100, timeout: 30_000 });
  expect(await paintedNow()).toEqual([text]);
}
