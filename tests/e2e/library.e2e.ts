/**
 * Reviewing notes in real Chromium: notes written through the background on two pages appear
 * live in the library; search finds one by a word of its source title; the verdict filter; an
 * edit in the library recolours the highlight in the open tab; the model's rule message is shown;
 * delete and undo; the popup lists the page's notes in reading order with an Orphans section,
 * "Show in page" flashes the highlight, and the toolbar badge counts the page's notes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PageServer, SEED_HTML } from './server';
import { launchWithExtension, sendRequest, tabIdOf, type ExtensionBrowser } from './chromium';

const CLAIM_A = 'On March 2, the UN General Assembly overwhelmingly condemned Russia’s Invasion with the votes of 141 countries';
const CLAIM_A2 = 'Russia launched an invasion of Ukraine on February 24.';
const CLAIM_B = 'Vaccination rates rose to 94 percent in 2023';
const ORPHAN = 'This sentence was edited out of the article long ago';

const PAGE_B = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Vaccination report</title></head>
<body><main><article><h1>Vaccination report</h1>
<p>The ministry says that ${CLAIM_B}, the highest figure on record.</p>
<p>Critics point out that the survey method changed in 2022, so the figures are not comparable.</p>
</article></main></body></html>`;

let ext: ExtensionBrowser;
let server: PageServer;
let urlA: string;
let urlB: string;
let article: Page;
let library: Page;
let ids: Record<'a' | 'a2' | 'b' | 'orphan', string>;

const highlightSize = (page: Page, name: string) => page.evaluate((n) => CSS.highlights.get(n)?.size ?? 0, name);

beforeAll(async () => {
  server = await new PageServer().start();
  urlA = server.set('/news/turkey-talks', SEED_HTML);
  urlB = server.set('/health/vaccines', PAGE_B);
  ext = await launchWithExtension();
  article = await ext.context.newPage();
  await article.goto(urlA);
  await article.waitForFunction(() => CSS.highlights.has('factmark-note-false'));
  library = await ext.extensionPage('library.html');
});
afterAll(async () => {
  await ext?.close();
  await server?.stop();
});

async function create(draft: Record<string, unknown>): Promise<string> {
  const reply = await sendRequest<{ id: string }>(library, 'notes/create', {
    draft: { pageTitle: 'Page', selectors: [], note: '', sources: [], tags: [], ...draft },
  });
  expect(reply.ok, JSON.stringify(reply.error)).toBe(true);
  return reply.value!.id;
}

const card = (page: Page, text: string) => page.locator('.fm-note', { hasText: text });

describe('library and popup (Chromium)', () => {
  it('lays the library out across the window, not in the popup’s 400 px (the pages share a script chunk, not its styles)', async () => {
    await library.setViewportSize({ width: 1280, height: 800 });
    const widths = await library.evaluate(() => ({
      body: document.body.getBoundingClientRect().width,
      main: document.querySelector('.fm-library')!.getBoundingClientRect().width,
      viewport: document.documentElement.clientWidth,
    }));
    expect(widths.body).toBe(widths.viewport);
    // .fm-library: max-width 920px plus 20px of padding on each side (library.css).
    expect(widths.main).toBe(960);
  });

  it('shows notes saved through the background live in an open library page', async () => {
    await expect.poll(() => library.locator('.fm-empty').count()).toBe(1);
    ids = {
      a: await create({
        pageUrl: urlA,
        pageTitle: 'Turkey-Hosted Ukraine-Russia Talks Stall',
        selectors: [{ type: 'TextQuoteSelector', exact: CLAIM_A, prefix: '', suffix: ', including Turkey' }],
        claim: CLAIM_A,
        verdict: 'false',
        note: 'The record shows a different count.',
        sources: [{ url: 'https://press.un.org/en/2022/ga12407.doc.htm', title: 'UN press release GA/12407' }],
        tags: ['un-vote'],
      }),
      a2: await create({
        pageUrl: urlA,
        pageTitle: 'Turkey-Hosted Ukraine-Russia Talks Stall',
        selectors: [{ type: 'TextQuoteSelector', exact: CLAIM_A2 }],
        claim: CLAIM_A2,
        verdict: 'true',
        sources: [{ url: 'https://en.wikipedia.org/wiki/2022_Russian_invasion_of_Ukraine' }],
      }),
      b: await create({
        pageUrl: urlB,
        pageTitle: 'Vaccination report',
        selectors: [{ type: 'TextQuoteSelector', exact: CLAIM_B }],
        claim: CLAIM_B,
        verdict: 'true',
        note: 'Matches the official series.',
        sources: [{ url: 'https://stats.example.org/bulletin-2023', title: 'Ministry immunisation bulletin' }],
        tags: ['health'],
      }),
      orphan: await create({
        pageUrl: urlA,
        pageTitle: 'Turkey-Hosted Ukraine-Russia Talks Stall',
        selectors: [{ type: 'TextQuoteSelector', exact: ORPHAN }],
        claim: ORPHAN,
        verdict: 'unrated',
      }),
    };
    await expect.poll(() => library.locator('.fm-note').count()).toBe(4);
    await expect.poll(() => library.locator('.fm-library__stats').innerText()).toBe('4 notes · on 2 pages');
    await article.waitForFunction(() => (CSS.highlights.get('factmark-note-false')?.size ?? 0) === 1);
  });

  it('finds a note by a word of its source title (prefix, any case)', async () => {
    const search = library.getByRole('searchbox', { name: 'Search notes' });
    await search.fill('IMMUNIS');
    await expect.poll(() => library.locator('.fm-note').count()).toBe(1);
    expect(await library.locator('.fm-note__claim').innerText()).toBe(CLAIM_B);
    expect(await library.getByRole('heading', { level: 2, name: /note found/ }).innerText()).toContain('1 note found');
    await search.fill('immunisation nothing-like-this');
    await expect.poll(() => library.locator('.fm-empty').innerText()).toContain('No notes match');
    await search.fill('');
    await expect.poll(() => library.locator('.fm-note').count()).toBe(4);
  });

  it('opens a note’s page scrolled to its quote (a URL text fragment), in a new tab', async () => {
    const link = card(library, CLAIM_A).getByRole('link', { name: /^Open at the quote: / });
    expect(await link.getAttribute('href')).toBe(`${urlA}#:~:text=On%20March%202%2C%20the,votes%20of%20141%20countries`);
    const [opened] = await Promise.all([ext.context.waitForEvent('page'), link.click()]);
    // The browser scrolls the quote into view (it is far below the fold of the article).
    await opened.waitForFunction(() => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = n.textContent!.indexOf('votes of 141 countries');
        if (i < 0) continue;
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 22);
        const box = r.getBoundingClientRect();
        return scrollY > 0 && box.top >= 0 && box.bottom <= innerHeight;
      }
      return false;
    });
    await opened.close();
  });

  it('shows the repository’s rule message when a graded verdict has no source', async () => {
    const orphanCard = card(library, ORPHAN);
    await orphanCard.getByRole('button', { name: /^Edit note/ }).click();
    const editor = library.locator('.fm-note--editing');
    await editor.getByLabel('Verdict', { exact: true }).selectOption('true');
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => editor.getByRole('alert').innerText()).toContain('needs at least one http(s) source');
    await editor.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => library.locator('.fm-note--editing').count()).toBe(0);
  });

  it('filters by verdict, and an edit in the library recolours the highlight in the open tab', async () => {
    await library.getByLabel('Verdict', { exact: true }).selectOption('false');
    await expect.poll(() => library.locator('.fm-note').count()).toBe(1);
    expect(await library.locator('.fm-note__claim').innerText()).toBe(CLAIM_A);

    await library.getByRole('button', { name: /^Edit note/ }).click();
    const editor = library.locator('.fm-note--editing');
    await editor.getByLabel('Verdict', { exact: true }).selectOption('misleading');
    await editor.getByLabel('Note', { exact: true }).fill('Accurate count, misleading framing.');
    await editor.getByRole('button', { name: 'Save' }).click();

    // The background broadcast reaches the tab, which repaints the note in its new verdict.
    await article.waitForFunction(() => (CSS.highlights.get('factmark-note-misleading')?.size ?? 0) === 1);
    expect(await highlightSize(article, 'factmark-note-false')).toBe(0);
    // The note no longer matches "False": the live query drops it from the filtered list.
    await expect.poll(() => library.locator('.fm-note').count()).toBe(0);
    await library.getByRole('button', { name: 'Clear search and filters' }).click();
    await expect.poll(() => library.locator('.fm-note').count()).toBe(4);
    // textContent: rows below the fold skip rendering (content-visibility: auto), where innerText is empty.
    expect(await card(library, CLAIM_A).locator('.fm-badge').textContent()).toContain('Misleading');
  });

  it('deletes a note and undoes the deletion', async () => {
    await card(library, CLAIM_A).getByRole('button', { name: /^Delete note/ }).click();
    await expect.poll(() => library.locator('.fm-note').count()).toBe(3);
    await article.waitForFunction(() => (CSS.highlights.get('factmark-note-misleading')?.size ?? 0) === 0);
    const undo = library.getByRole('button', { name: 'Undo' });
    expect(await undo.evaluate((b) => b === document.activeElement)).toBe(true);
    await undo.click();
    await expect.poll(() => library.locator('.fm-note').count()).toBe(4);
    await article.waitForFunction(() => (CSS.highlights.get('factmark-note-misleading')?.size ?? 0) === 1);
  });

  it('bulk-selects notes and deletes them with one undo', async () => {
    await library.getByRole('searchbox', { name: 'Search notes' }).fill('february');
    await expect.poll(() => library.locator('.fm-note').count()).toBe(1);
    await library.getByLabel('Select all on this page').check();
    await library.getByRole('button', { name: 'Delete selected' }).click();
    await expect.poll(() => library.locator('.fm-note').count()).toBe(0);
    await library.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => library.locator('.fm-note').count()).toBe(1);
    await library.getByRole('searchbox', { name: 'Search notes' }).fill('');
  });

  it('lists the page’s notes in reading order in the popup, with its orphan, badge and "Show in page"', async () => {
    const tabId = await tabIdOf(library, urlA);
    const popup = await ext.extensionPage(`popup.html?tab=${tabId}`);
    const notes = popup.locator('section[aria-labelledby="fm-notes-title"] .fm-note__claim');
    await expect.poll(() => notes.allInnerTexts()).toEqual([CLAIM_A2, CLAIM_A]); // order in the article, not of creation
    const orphans = popup.locator('section[aria-labelledby="fm-orphans-title"]');
    expect(await orphans.getByRole('heading').innerText()).toMatch(/Orphans \(1\)/i);
    expect(await orphans.locator('.fm-note__claim').innerText()).toBe(ORPHAN);
    expect(await popup.locator('.fm-sources a').first().getAttribute('rel')).toBe('noopener noreferrer');
    expect(await popup.locator('.fm-sources a').first().getAttribute('target')).toBe('_blank');

    // Toolbar badge: the tab's notes (anchored and orphans).
    const badge = await popup.evaluate((id) => (globalThis as any).chrome.action.getBadgeText({ tabId: id }), tabId);
    expect(badge).toBe('3');

    await card(popup, CLAIM_A2).getByRole('button', { name: /^Show in page/ }).click();
    await article.waitForFunction(() => (CSS.highlights.get('factmark-flash')?.size ?? 0) === 1);

    // Delete with undo in the popup too.
    await card(popup, ORPHAN).getByRole('button', { name: /^Delete note/ }).click();
    await expect.poll(() => orphans.count()).toBe(0);
    await popup.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => orphans.locator('.fm-note__claim').allInnerTexts()).toEqual([ORPHAN]);
    await popup.close();
  });
});
