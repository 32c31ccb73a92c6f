/**
 * The foundation in real Chromium: service worker up, content script on the seed article,
 * a note written through the background shows in the popup and the library, and survives a
 * service-worker restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PageServer, SEED_HTML } from './server';
import { launchWithExtension, sendRequest, stopServiceWorker, tabIdOf, type ExtensionBrowser } from './chromium';

const CLAIM = 'On March 2, the UN General Assembly overwhelmingly condemned Russia’s Invasion with the votes of 141 countries';

let ext: ExtensionBrowser;
let server: PageServer;
let articleUrl: string;
let article: Page;

beforeAll(async () => {
  server = await new PageServer().start();
  articleUrl = server.set('/news/turkey-talks', SEED_HTML);
  ext = await launchWithExtension();
});
afterAll(async () => {
  await ext?.close();
  await server?.stop();
});

describe('foundation (Chromium)', () => {
  it('starts the service worker', async () => {
    const sw = await ext.serviceWorker();
    expect(sw.url()).toBe(`chrome-extension://${ext.extensionId}/background.js`);
  });

  it('bundles webextension-polyfill as it is: no namespace copy of the extension APIs at load', () => {
    // The bundler's ES-module interop around the CommonJS polyfill copied every chrome.* API into
    // a namespace on each load (utils/build/browser-polyfill.ts). The polyfill's module wrapper is
    // then called inside a second call (`=toESM(commonJS(((…` minified `=c(o(((…`); as it is, alone.
    const build = resolve(import.meta.dirname, '../../.output/chrome-mv3');
    const bundles = ['content-scripts/article.js', 'background.js', ...readdirSync(join(build, 'chunks')).map((f) => `chunks/${f}`)];
    let checked = 0;
    for (const f of bundles) {
      const text = readFileSync(join(build, f), 'utf8');
      const at = text.search(/define\(["`']webextension-polyfill["`']/);
      if (at < 0) continue;
      const before = text.slice(Math.max(0, at - 400), at).replace(/\/\*[^]*?\*\//g, '').replace(/\s+/g, '');
      const wrapper = /=([\w$()]*?)\(\(\([\w$,]+\)=>\{\(function\([\w$,]+\)\{if\(typeofdefine/.exec(before);
      expect(wrapper, f).not.toBeNull();
      expect(wrapper![1].match(/[A-Za-z_$][\w$]*/g), `${f}: ${wrapper![0]}`).toHaveLength(1);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(2);
  });

  it("loads the popup's scripts from its entry and one chunk (utils/build/popup-chunk.ts)", () => {
    const build = resolve(import.meta.dirname, '../../.output/chrome-mv3');
    const html = readFileSync(join(build, 'popup.html'), 'utf8');
    const entry = [...html.matchAll(/<script type="module"[^>]* src="\/(chunks\/[^"]+)"/g)].map((m) => m[1]);
    const preloaded = [...html.matchAll(/<link rel="modulepreload"[^>]* href="\/(chunks\/[^"]+)"/g)].map((m) => m[1]);
    expect(entry).toHaveLength(1);
    expect(preloaded.filter((f) => f.startsWith('chunks/popup-start-'))).toHaveLength(1);
    // The bundler's own helpers may ride apart (a few hundred bytes); nothing else before the first paint.
    expect(preloaded.filter((f) => !f.startsWith('chunks/popup-start-') && !f.startsWith('chunks/rolldown-runtime-'))).toEqual([]);
    // Only the entry renders on import: the shared chunk does not run the popup in the library.
    expect(readFileSync(join(build, entry[0]), 'utf8')).toContain('factmark:popup-main');
    expect(readFileSync(join(build, preloaded.find((f) => f.startsWith('chunks/popup-start-'))!), 'utf8')).not.toContain('factmark:popup-main');
  });

  it('keeps the claim model out of the page: the background carries the weights, the content script does not', () => {
    const build = resolve(import.meta.dirname, '../../.output/chrome-mv3');
    const weights = /"format":"factmark-claims\/\d+","hashBits"/;
    expect(readFileSync(join(build, 'background.js'), 'utf8')).toMatch(weights);
    expect(readFileSync(join(build, 'content-scripts/article.js'), 'utf8')).not.toMatch(weights);
  });

  it('runs the content script on the seed article served from 127.0.0.1', async () => {
    article = await ext.context.newPage();
    await article.goto(articleUrl);
    // The painter registers its named highlights in the registry it shares with the page.
    await article.waitForFunction(() => CSS.highlights.has('factmark-note-false') && CSS.highlights.has('factmark-claim'));
    expect(await article.title()).toContain('Turkey');
  });

  it('shows a note written through the background in the page, the popup and the library', async () => {
    const library = await ext.extensionPage('library.html');
    const reply = await sendRequest(library, 'notes/create', {
      draft: {
        pageUrl: articleUrl,
        pageTitle: 'Turkey-Hosted Ukraine-Russia Talks Stall',
        selectors: [{ type: 'TextQuoteSelector', exact: CLAIM, prefix: '', suffix: ', including Turkey' }],
        claim: CLAIM,
        verdict: 'false',
        note: 'The record shows a different count.',
        sources: [{ url: 'https://press.un.org/en/2022/ga12407.doc.htm', title: 'UN press release GA/12407' }],
        tags: ['un-vote'],
      },
    });
    expect(reply.ok, JSON.stringify(reply.error)).toBe(true);

    // The open tab hears of the change and paints the note on exactly the claim.
    await article.waitForFunction(() => (CSS.highlights.get('factmark-note-false')?.size ?? 0) === 1);
    const painted = await article.evaluate(() => [...CSS.highlights.get('factmark-note-false')!][0].toString());
    expect(painted).toBe(CLAIM);

    await expect.poll(() => library.locator('.fm-note').count()).toBe(1);
    expect(await library.locator('.fm-note').innerText()).toContain('The record shows a different count.');

    const tabId = await tabIdOf(library, articleUrl);
    const popup = await ext.extensionPage(`popup.html?tab=${tabId}`);
    await popup.locator('.fm-note').waitFor();
    expect(await popup.locator('.fm-note__claim').innerText()).toBe(CLAIM);
    expect(await popup.locator('.fm-sources a').getAttribute('rel')).toBe('noopener noreferrer');
    await popup.close();
    await library.close();
  });

  it('keeps the data across a service-worker restart', async () => {
    const library = await ext.extensionPage('library.html');
    await stopServiceWorker(ext, library);
    // The next request wakes a fresh worker with no memory of the previous one.
    const reply = await sendRequest<{ claim: string }[]>(library, 'notes/list-for-page', { pageKeys: [articleUrl] });
    expect(reply.ok).toBe(true);
    expect(reply.value?.map((n) => n.claim)).toEqual([CLAIM]);
    await article.reload();
    await article.waitForFunction(() => (CSS.highlights.get('factmark-note-false')?.size ?? 0) === 1);
    await library.close();
  });

  it('answers a malformed request with an error and no crash', async () => {
    const page = await ext.extensionPage('library.html');
    const reply = await sendRequest(page, 'notes/create', { draft: { pageUrl: 'javascript:alert(1)' } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-data' } });
    const unknown = await sendRequest(page, 'notes/wipe', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-type' } });
    await page.close();
  });
});
