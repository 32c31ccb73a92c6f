/**
 * The popup's first paint in real Chromium: it never shows the empty state, or another query's
 * notes, while this page's notes load; it paints them all at once; and its
 * `factmark:popup-notes` mark (what bench/library-browser.ts times) comes with the count shown.
 * A page without notes gets the empty state, marked with 0. The detected claims come after.
 * The toolbar button's own popup (chrome.action.openPopup, no ?tab=) finds the active tab itself.
 * The first question to the tab comes from popup-ask.js, before the popup's modules run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PageServer, SEED_HTML } from './server';
import { launchWithExtension, sendRequest, tabIdOf, type ExtensionBrowser } from './chromium';

const page = (title: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><article><h1>${title}</h1><p>Some text about ${title}.</p></article></main></body></html>`;

/** Every change to the popup's notes section: notes shown, empty state shown, busy. */
const RECORD_NOTES_SECTION = `
if (location.pathname === '/popup.html') {
  globalThis.__sectionStates = [];
  new MutationObserver(() => {
    const section = document.querySelector('section[aria-labelledby="fm-notes-title"]');
    if (!section) return;
    const state = { notes: section.querySelectorAll('.fm-note').length, empty: !!section.querySelector('.fm-empty'), busy: section.getAttribute('aria-busy') === 'true' };
    const last = globalThis.__sectionStates.at(-1);
    if (!last || last.notes !== state.notes || last.empty !== state.empty || last.busy !== state.busy) globalThis.__sectionStates.push(state);
  }).observe(document, { childList: true, subtree: true, attributes: true });
}`;

interface SectionState {
  notes: number;
  empty: boolean;
  busy: boolean;
}

let ext: ExtensionBrowser;
let server: PageServer;
let control: Page;

beforeAll(async () => {
  server = await new PageServer().start();
  ext = await launchWithExtension();
  await ext.context.addInitScript(RECORD_NOTES_SECTION);
  control = await ext.extensionPage('library.html');
});
afterAll(async () => {
  await ext?.close();
  await server?.stop();
});

async function openArticle(path: string, title: string): Promise<number> {
  const url = server.set(path, page(title));
  const tab = await ext.context.newPage();
  await tab.goto(url);
  return tabIdOf(control, url);
}

async function openPopup(tabId: number): Promise<{ popup: Page; states: SectionState[]; marked: number | undefined }> {
  const popup = await ext.extensionPage(`popup.html?tab=${tabId}`);
  await popup.waitForFunction(() => performance.getEntriesByName('factmark:popup-notes').length > 0);
  const marked = await popup.evaluate(() => (performance.getEntriesByName('factmark:popup-notes')[0] as PerformanceMark).detail?.notes as number | undefined);
  const states = (await popup.evaluate(() => (globalThis as any).__sectionStates)) as SectionState[];
  return { popup, states, marked };
}

describe('popup first paint (Chromium)', () => {
  it("paints all of this page's notes at once, never the empty state first, and marks the count", async () => {
    const tabId = await openArticle('/news/three-notes', 'Three notes');
    const url = `${server.origin}/news/three-notes`;
    for (const note of ['first note', 'second note', 'third note']) {
      const reply = await sendRequest(control, 'notes/create', {
        draft: { pageUrl: url, pageTitle: 'Three notes', selectors: [], claim: '', verdict: 'unrated', note, sources: [], tags: [] },
      });
      expect(reply.ok, JSON.stringify(reply.error)).toBe(true);
    }
    const { popup, states, marked } = await openPopup(tabId);
    expect(marked).toBe(3);
    expect(await popup.locator('section[aria-labelledby="fm-notes-title"] .fm-note').count()).toBe(3);
    expect(states.some((s) => s.empty)).toBe(false);
    expect(states.filter((s) => s.notes > 0)[0]?.notes).toBe(3);
    // While the notes load the section says it is busy, and stops saying so once they are shown.
    expect(states.filter((s) => s.notes === 0).every((s) => s.busy)).toBe(true);
    expect(states.at(-1)).toEqual({ notes: 3, empty: false, busy: false });
    // The tab was first asked by popup-ask.js, a classic script ahead of the popup's modules, and
    // the popup took that answer (none is left behind for a later question to pick up).
    expect(
      await popup.evaluate(() => ({
        first: [...document.scripts].map((s) => [new URL(s.src).pathname, s.type])[0],
        left: Symbol.for('factmark.popup.firstAnswer') in globalThis,
      })),
    ).toEqual({ first: ['/popup-ask.js', ''], left: false });
    // Its styles come inlined in popup.html (no stylesheet request before the first paint).
    expect(await popup.evaluate(() => [document.querySelectorAll('link[rel=stylesheet]').length, getComputedStyle(document.body).width])).toEqual([0, '400px']);
    await popup.close();
  });

  it("the toolbar button's own popup (no ?tab=) lists the notes of the active tab", async () => {
    const url = server.set('/news/toolbar-popup', page('Toolbar popup'));
    const article = await ext.context.newPage();
    await article.goto(url);
    await tabIdOf(control, url); // the content script has loaded
    const reply = await sendRequest(control, 'notes/create', {
      draft: { pageUrl: url, pageTitle: 'Toolbar popup', selectors: [], claim: '', verdict: 'unrated', note: 'a note seen from the toolbar', sources: [], tags: [] },
    });
    expect(reply.ok, JSON.stringify(reply.error)).toBe(true);
    await article.bringToFront();
    // The popup the toolbar button opens: an extension view of type "popup", read from another
    // extension page of the same renderer.
    await control.evaluate(() => (globalThis as any).chrome.action.openPopup());
    await control.waitForFunction(() => (globalThis as any).chrome.extension.getViews({ type: 'popup' })[0]?.performance.getEntriesByName('factmark:popup-notes').length > 0);
    const shown = await control.evaluate(() => {
      const view: Window = (globalThis as any).chrome.extension.getViews({ type: 'popup' })[0];
      return { search: view.location.search, notes: [...view.document.querySelectorAll('.fm-note')].map((n) => n.textContent) };
    });
    expect(shown).toEqual({ search: '', notes: [expect.stringContaining('a note seen from the toolbar')] });
    await control.evaluate(() => (globalThis as any).chrome.extension.getViews({ type: 'popup' })[0].close());
    await control.waitForFunction(() => (globalThis as any).chrome.extension.getViews({ type: 'popup' }).length === 0);
    await article.close();
  });

  it('says why there is nothing to show when the tab has no content script', async () => {
    const blank = await ext.context.newPage();
    await blank.goto('about:blank');
    const tabId = await control.evaluate(async () => {
      const tabs = await (globalThis as any).chrome.tabs.query({});
      return tabs.find((t: { url?: string }) => t.url === 'about:blank')?.id as number;
    });
    const popup = await ext.extensionPage(`popup.html?tab=${tabId}`);
    await popup.getByText(/Factmark works on web pages \(http and https\)/).first().waitFor();
    expect(await popup.locator('.fm-note').count()).toBe(0);
    await popup.close();
    await blank.close();
  });

  it("exports this page's notes as a file in the chosen format, and says when a format has nothing to write", async () => {
    const tabId = await openArticle('/news/export-me', 'Export me');
    const url = `${server.origin}/news/export-me`;
    const reply = await sendRequest(control, 'notes/create', {
      draft: { pageUrl: url, pageTitle: 'Export me', selectors: [], claim: '', verdict: 'unrated', note: 'A page note <b>kept as text</b>', sources: [], tags: ['export'] },
    });
    expect(reply.ok, JSON.stringify(reply.error)).toBe(true);
    const { popup } = await openPopup(tabId);
    const section = popup.getByRole('region', { name: 'Export this page’s notes' });
    await section.getByRole('combobox').selectOption('markdown');
    const [download] = await Promise.all([popup.waitForEvent('download'), section.getByRole('button', { name: 'Export' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^factmark-127\.0\.0\.1-report-\d{4}-\d{2}-\d{2}\.md$/);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const markdown = Buffer.concat(chunks).toString('utf8');
    expect(markdown).toContain('Export me');
    expect(markdown).toContain('A page note');
    await expect.poll(() => section.getByRole('status').innerText()).toBe('Exported 1 note.');
    // ClaimReview covers graded verdicts only: nothing to download for an unrated note.
    await section.getByRole('combobox').selectOption('claim-review');
    await section.getByRole('button', { name: 'Export' }).click();
    await expect.poll(() => section.getByRole('status').innerText()).toContain('Nothing to write as schema.org ClaimReview');
    await popup.close();
  });

  it('starts in the theme the reader forced, before its settings are read (no flash of the other theme)', async () => {
    const tabId = await openArticle('/news/dark', 'Dark');
    await control.evaluate(() => (globalThis as any).chrome.storage.local.set({ settings: { theme: 'dark' } }));
    // A page that reads the settings remembers the theme (here the open library).
    await control.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    const popup = await ext.context.newPage();
    // Recorded when the popup's scripts have run, before any storage reply can reach a Preact effect.
    await popup.addInitScript(() => document.addEventListener('DOMContentLoaded', () => ((globalThis as any).__themeAtStart = document.documentElement.dataset.theme ?? 'none')));
    await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tab=${tabId}`);
    await popup.waitForFunction(() => performance.getEntriesByName('factmark:popup-notes').length > 0);
    expect(await popup.evaluate(() => [(globalThis as any).__themeAtStart, getComputedStyle(document.body).backgroundColor])).toEqual(['dark', 'rgb(22, 26, 34)']);
    await control.evaluate(() => (globalThis as any).chrome.storage.local.set({ settings: { theme: 'system' } }));
    await popup.waitForFunction(() => document.documentElement.dataset.theme === undefined);
    await popup.close();
  });

  it('shows the empty state for a page without notes, marked with 0', async () => {
    const tabId = await openArticle('/news/no-notes', 'No notes');
    const { popup, states, marked } = await openPopup(tabId);
    expect(marked).toBe(0);
    expect(states.at(-1)).toEqual({ notes: 0, empty: true, busy: false });
    await popup.close();
  });

  it("lists the page's detected claims once its notes are shown", async () => {
    const url = server.set('/news/seed', SEED_HTML);
    const tab = await ext.context.newPage();
    await tab.goto(url);
    await tab.waitForFunction(() => (CSS.highlights.get('factmark-claim')?.size ?? 0) > 0);
    const { popup, marked } = await openPopup(await tabIdOf(control, url));
    expect(marked).toBe(0);
    await popup.locator('.fm-claims .fm-claim').first().waitFor();
    expect(await popup.locator('.fm-claims .fm-claim').count()).toBeGreaterThan(0);
    await popup.close();
  });
});
