/**
 * Accessibility of the popup and the library in real Chromium: axe-core (injected into the
 * extension pages) reports no serious or critical violation in the light and the dark theme, with
 * notes, an orphan, the editor and the settings on screen; and the library works from the
 * keyboard with a visible focus indicator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { PageServer, SEED_HTML } from './server';
import { launchWithExtension, sendRequest, tabIdOf, type ExtensionBrowser } from './chromium';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const CLAIM = 'Russia launched an invasion of Ukraine on February 24.';

let ext: ExtensionBrowser;
let server: PageServer;
let url: string;

interface AxeResult {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Serious and critical axe violations of the page as it is now. */
async function audit(page: Page): Promise<AxeResult[]> {
  // page.evaluate goes through DevTools, so the extension page's CSP does not block the script.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  })) as AxeResult[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const describeViolations = (vs: AxeResult[]) =>
  vs.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n  ')}`).join('\n');

async function inBothThemes(page: Page, check: (theme: string) => Promise<void>) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await check(scheme);
  }
}

beforeAll(async () => {
  server = await new PageServer().start();
  url = server.set('/news/turkey-talks', SEED_HTML);
  ext = await launchWithExtension();
  const page = await ext.extensionPage('library.html');
  for (const draft of [
    {
      pageUrl: url,
      pageTitle: 'Turkey-Hosted Ukraine-Russia Talks Stall',
      selectors: [{ type: 'TextQuoteSelector', exact: CLAIM }],
      claim: CLAIM,
      verdict: 'mostly-true',
      note: 'Date confirmed; “invasion” is the UN’s wording.',
      sources: [{ url: 'https://press.un.org/en/2022/ga12407.doc.htm', title: 'UN press release GA/12407' }, { url: 'https://www.reuters.com/world/' }],
      tags: ['ukraine', 'dates'],
    },
    { pageUrl: url, pageTitle: 'Turkey talks', selectors: [{ type: 'TextQuoteSelector', exact: 'Gone from the page' }], claim: 'Gone from the page', verdict: 'unrated', note: '', sources: [], tags: [] },
    // Graded on another page: a sentence of this one repeats it (the popup's "Already fact-checked").
    {
      pageUrl: `${server.origin}/news/elsewhere`,
      pageTitle: 'Elsewhere',
      selectors: [{ type: 'TextQuoteSelector', exact: 'Turkey has not joined Western sanctions and has not closed its airspace to Russia' }],
      claim: 'Turkey has not joined Western sanctions and has not closed its airspace to Russia',
      verdict: 'true',
      note: '',
      sources: [{ url: 'https://www.reuters.com/world/' }],
      tags: [],
    },
  ]) {
    const reply = await sendRequest(page, 'notes/create', { draft });
    expect(reply.ok, JSON.stringify(reply.error)).toBe(true);
  }
  await page.close();
  const article = await ext.context.newPage();
  await article.goto(url);
});
afterAll(async () => {
  await ext?.close();
  await server?.stop();
});

describe('accessibility (Chromium + axe-core)', () => {
  it('popup: no serious or critical violation, with notes, an orphan, a known claim and the editor, in both themes', async () => {
    const probe = await ext.extensionPage('library.html');
    const tabId = await tabIdOf(probe, url);
    await probe.close();
    const popup = await ext.extensionPage(`popup.html?tab=${tabId}`);
    await popup.locator('.fm-orphans .fm-note').waitFor();
    await popup.locator('.fm-known .fm-known__item').waitFor();
    await inBothThemes(popup, async (theme) => {
      const vs = await audit(popup);
      expect(vs, `${theme}:\n${describeViolations(vs)}`).toEqual([]);
    });
    await popup.locator('.fm-note').first().getByRole('button', { name: /^Edit note/ }).click();
    await popup.locator('.fm-editor').waitFor();
    await inBothThemes(popup, async (theme) => {
      const vs = await audit(popup);
      expect(vs, `editor, ${theme}:\n${describeViolations(vs)}`).toEqual([]);
    });
    await popup.close();
  });

  it('library: no serious or critical violation on the notes and the settings, in both themes', async () => {
    const library = await ext.extensionPage('library.html');
    await library.locator('.fm-note').first().waitFor();
    await library.getByLabel('Select all on this page').check();
    await inBothThemes(library, async (theme) => {
      const vs = await audit(library);
      expect(vs, `notes, ${theme}:\n${describeViolations(vs)}`).toEqual([]);
    });
    await library.getByRole('tab', { name: 'Settings' }).click();
    await library.locator('.fm-settings').waitFor();
    await inBothThemes(library, async (theme) => {
      const vs = await audit(library);
      expect(vs, `settings, ${theme}:\n${describeViolations(vs)}`).toEqual([]);
    });
    // The forced themes (data-theme) too.
    for (const theme of ['Dark', 'Light']) {
      await library.getByRole('radio', { name: theme }).check();
      await expect.poll(() => library.evaluate(() => document.documentElement.dataset.theme)).toBe(theme.toLowerCase());
      const vs = await audit(library);
      expect(vs, `forced ${theme}:\n${describeViolations(vs)}`).toEqual([]);
    }
    await library.getByRole('radio', { name: 'Same as the system' }).check();
    await expect.poll(() => library.evaluate(() => document.documentElement.dataset.theme ?? null)).toBe(null);
    await library.close();
  });

  it('library: operable from the keyboard, with a visible focus indicator', async () => {
    const library = await ext.extensionPage('library.html');
    await library.locator('.fm-note').first().waitFor();
    const focused = () =>
      library.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return { tag: el.tagName, type: el.getAttribute('type'), role: el.getAttribute('role'), label: el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40), outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 };
      });
    // Tab reaches the tabs first; arrow keys switch tabs.
    await library.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ role: 'tab', label: 'Notes', outline: true });
    await library.keyboard.press('ArrowRight');
    expect(await focused()).toMatchObject({ role: 'tab', label: 'Import and export' });
    await expect.poll(() => library.locator('.fm-share').count()).toBe(1);
    await library.keyboard.press('ArrowRight');
    expect(await focused()).toMatchObject({ role: 'tab', label: 'Settings' });
    await expect.poll(() => library.locator('.fm-settings').count()).toBe(1);
    await library.keyboard.press('ArrowLeft');
    await library.keyboard.press('ArrowLeft');
    await library.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ tag: 'INPUT', outline: true });
    await library.keyboard.type('invasion');
    await expect.poll(() => library.locator('.fm-note').count()).toBe(1);
    // Every control up to the note's Edit button is reachable and shows its focus.
    let reachedEdit = false;
    for (let i = 0; i < 40 && !reachedEdit; i++) {
      await library.keyboard.press('Tab');
      const f = await focused();
      expect(f.outline, JSON.stringify(f)).toBe(true);
      reachedEdit = /^Edit note/.test(f.label ?? '');
    }
    expect(reachedEdit).toBe(true);
    await library.keyboard.press('Enter');
    await expect.poll(focused).toMatchObject({ tag: 'SELECT' });
    await library.keyboard.press('Escape');
    await expect.poll(() => library.locator('.fm-editor').count()).toBe(0);
    await expect.poll(focused).toMatchObject({ label: expect.stringMatching(/^Edit note/) });
    await library.close();
  });
});
