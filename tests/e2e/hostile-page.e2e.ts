/**
 * The in-page UI on a hostile page, in real Chromium: a strict CSP header, `* { all: unset
 * !important }`, and `Range.prototype.getClientRects`/`getBoundingClientRect`,
 * `Node.prototype.textContent`, `Element.prototype.attachShadow` and `window.getSelection`
 * replaced in the page's world. A stored note is still painted on its sentence, the toolbar and
 * editor still work (with their own styles), and the card still shows the sources.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PageServer, SEED_HTML } from './server';
import { launchWithExtension, sendRequest, type ExtensionBrowser } from './chromium';
import { clickHost, focusIn, hoverText, inShadow, painted, selectWithMouse, shadowHtml, shadowText, waitShown } from '../fixtures/pages/in-page';
import { HOSTILE_CSP, hostileInitScript } from '../fixtures/pages/hostile';

const STORED = 'On March 2, the UN General Assembly overwhelmingly condemned Russia’s Invasion with the votes of 141 countries';
const SELECTED = 'Russia is also hit by record-heavy Western sanctions, which aim to cripple its economy and businesses.';
const SOURCE = 'https://press.un.org/en/2022/ga12407.doc.htm';

let ext: ExtensionBrowser;
let server: PageServer;
let url: string;
let page: Page;

beforeAll(async () => {
  server = await new PageServer().start();
  url = server.set('/news/hostile', SEED_HTML, { 'content-security-policy': HOSTILE_CSP });
  ext = await launchWithExtension();
  const library = await ext.extensionPage('library.html');
  const reply = await sendRequest(library, 'notes/create', {
    draft: {
      pageUrl: url,
      pageTitle: 'Hostile copy',
      selectors: [{ type: 'TextQuoteSelector', exact: STORED, prefix: 'Mariupol. ', suffix: ', including Turkey' }],
      claim: STORED,
      verdict: 'false',
      note: 'The record shows 141 votes in favour.',
      sources: [{ url: SOURCE, title: 'UN press release GA/12407' }],
      tags: [],
    },
  });
  expect(reply.ok, JSON.stringify(reply.error)).toBe(true);
  await library.close();
  page = await ext.context.newPage();
  await page.setViewportSize({ width: 1200, height: 800 });
  await page.addInitScript(hostileInitScript);
});
afterAll(async () => {
  await ext?.close();
  await server?.stop();
});

describe('hostile page (Chromium)', () => {
  it('is really hostile: CSP blocks its own styles, built-ins are replaced in its world', async () => {
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await page.goto(url);
    const state = await page.evaluate(() => ({
      text: document.body.textContent,
      rects: document.createRange().getClientRects().length,
      selection: window.getSelection(),
      shadow: (() => {
        try {
          document.createElement('div').attachShadow({ mode: 'open' });
          return 'attached';
        } catch {
          return 'refused';
        }
      })(),
      // The page's <style> (grid layout) is blocked: <main> is not a grid; `all: unset` makes it inline.
      mainDisplay: getComputedStyle(document.querySelector('main')!).display,
    }));
    expect(state).toEqual({ text: 'HACKED', rects: 0, selection: null, shadow: 'refused', mainDisplay: 'inline' });
    expect(cspErrors.length).toBeGreaterThan(0);
  });

  it('paints the stored note on its sentence', async () => {
    await page.waitForFunction(() => (CSS.highlights.get('factmark-note-false')?.size ?? 0) === 1);
    expect(await painted(page, 'factmark-note-false')).toEqual([STORED]);
  });

  it('shows the toolbar and a styled, working editor; saving paints the new note', async () => {
    await selectWithMouse(page, SELECTED);
    await waitShown(page, 'toolbar');
    // The host kept its own box despite `* { all: unset !important }`.
    const host = await page.evaluate(() => {
      const el = document.querySelector<HTMLElement>('factmark-ui[data-part="toolbar"]')!;
      const cs = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return { position: cs.position, display: cs.display, zIndex: cs.zIndex, width: r.width, hit: document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === el };
    });
    expect(host).toMatchObject({ position: 'fixed', display: 'block', zIndex: '2147483647', hit: true });
    expect(host.width).toBeGreaterThan(40);
    // Our stylesheet applies inside the closed root although the page's CSP says style-src 'none'.
    const button = await inShadow<{ bg: string; shadowRootMode: string }>(
      page,
      'toolbar',
      "function () { const b = this.querySelector('button'); return { bg: getComputedStyle(b).backgroundColor, shadowRootMode: this.mode }; }",
    );
    expect(button).toEqual({ bg: 'rgb(47, 91, 211)', shadowRootMode: 'closed' });

    await clickHost(page, 'toolbar');
    await waitShown(page, 'panel');
    expect(await focusIn(page, 'panel')).toBe(true);
    expect(await shadowText(page, 'panel')).toContain(SELECTED);
    await page.keyboard.type('Mostly false');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Sanctions were not "record-heavy" at that date.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('https://www.consilium.europa.eu/en/policies/sanctions/');
    await page.keyboard.press('Enter');
    await waitShown(page, 'panel', false);
    await page.waitForFunction(() => (CSS.highlights.get('factmark-note-mostly-false')?.size ?? 0) === 1);
    expect(await painted(page, 'factmark-note-mostly-false')).toEqual([SELECTED]);
  });

  it('shows the note card with its sources on hover', async () => {
    await hoverText(page, STORED);
    await waitShown(page, 'panel');
    const text = await shadowText(page, 'panel');
    expect(text).toContain('The record shows 141 votes in favour.');
    expect(text).toContain('UN press release GA/12407');
    expect(await shadowHtml(page, 'panel')).toContain(`href="${SOURCE}" target="_blank" rel="noopener noreferrer"`);
  });

  it('re-attaches after a reload on the same hostile page', async () => {
    await page.reload();
    await page.waitForFunction(() => (CSS.highlights.get('factmark-note-mostly-false')?.size ?? 0) === 1);
    expect(await painted(page, 'factmark-note-mostly-false')).toEqual([SELECTED]);
    expect(await painted(page, 'factmark-note-false')).toEqual([STORED]);
  });
});
