/**
 * Sharing in real Chromium: a file whose notes carry HTML and script payloads is imported
 * through the library's file input; nothing executes anywhere (page, popup, library) and the
 * text shows literally. A broken file is refused and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { exportNativeBundle } from '../../utils/formats/native-bundle';
import type { Annotation } from '../../utils/model/annotation';
import { PageServer, SEED_HTML } from './server';
import { launchWithExtension, tabIdOf, type ExtensionBrowser } from './chromium';

const IMG = '<img src=x onerror="document.title=\'pwned\';alert(1)">';
const SCRIPT = '<script>alert("xss")</script>';
const CLAIM = 'Russia launched an invasion of Ukraine on February 24.';

let ext: ExtensionBrowser;
let server: PageServer;
let articleUrl: string;
const dialogs: string[] = [];
const payloadErrors: string[] = [];

function watch(page: Page): Page {
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && /xss|pwned|onerror|alert/i.test(m.text())) payloadErrors.push(m.text());
  });
  page.on('pageerror', (e) => payloadErrors.push(String(e)));
  return page;
}

beforeAll(async () => {
  server = await new PageServer().start();
  articleUrl = server.set('/share/article', SEED_HTML);
  ext = await launchWithExtension();
});
afterAll(async () => {
  await ext?.close();
  await server?.stop();
});

function hostileNote(): Annotation {
  return {
    id: '5f0c6a8e-2a43-4c1b-9a57-0d5e8f0b7c11',
    pageUrl: articleUrl,
    pageTitle: `Title ${SCRIPT}`,
    selectors: [{ type: 'TextQuoteSelector', exact: CLAIM }],
    claim: CLAIM,
    verdict: 'false',
    note: `Note ${IMG} and ${SCRIPT}`,
    sources: [{ url: 'https://factcheck.example/ukraine', title: `Source ${IMG}`, excerpt: `Excerpt ${SCRIPT}` }],
    tags: [`tag${IMG}`],
    author: `Author ${SCRIPT}`,
    created: 1_700_000_000_000,
    updated: 1_700_000_000_000,
    deleted: 0,
  };
}

async function importFile(library: Page, name: string, content: string): Promise<void> {
  await library.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
}

describe('sharing (Chromium)', () => {
  it('imports hostile text as text: nothing executes in the library, the popup or the page', async () => {
    const library = watch(await ext.extensionPage('library.html#share'));
    await importFile(library, 'hostile.json', exportNativeBundle([hostileNote()], { now: Date.now() }).content);
    await library.getByTestId('import-preview').waitFor();
    expect(await library.getByTestId('import-preview').innerText()).toBe('1 added, 0 updated, 0 skipped');
    await library.getByRole('button', { name: 'Import', exact: true }).click();
    await library.getByTestId('import-result').waitFor();
    expect(await library.getByTestId('import-result').innerText()).toBe('1 added, 0 updated, 0 skipped');

    // The notes list shows the payloads literally.
    await library.getByRole('tab', { name: 'Notes' }).click();
    await library.locator('.fm-note').first().waitFor();
    const libraryText = await library.locator('.fm-note').first().innerText();
    expect(libraryText).toContain(IMG);
    expect(libraryText).toContain(SCRIPT);
    expect(await library.locator('.fm-note img, .fm-note script').count()).toBe(0);

    const article = watch(await ext.context.newPage());
    await article.goto(articleUrl);
    await article.waitForFunction(() => (CSS.highlights.get('factmark-note-false')?.size ?? 0) === 1);
    expect(await article.evaluate(() => [...CSS.highlights.get('factmark-note-false')!][0].toString())).toBe(CLAIM);
    expect(await article.title()).not.toBe('pwned');

    const popup = watch(await ext.extensionPage(`popup.html?tab=${await tabIdOf(library, articleUrl)}`));
    await popup.locator('.fm-note').first().waitFor();
    const popupText = await popup.locator('.fm-note').first().innerText();
    expect(popupText).toContain(IMG);
    expect(await popup.locator('.fm-note img, .fm-note script').count()).toBe(0);

    expect(dialogs).toEqual([]);
    expect(payloadErrors).toEqual([]);
  });

  it('refuses a broken file with a clear message and changes nothing', async () => {
    const library = watch(await ext.extensionPage('library.html#share'));
    const count = () =>
      library.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const open = indexedDB.open('factmark');
            open.onsuccess = () => {
              const req = open.result.transaction('annotations').objectStore('annotations').count();
              req.onsuccess = () => {
                resolve(req.result);
                open.result.close();
              };
            };
          }),
      );
    const before = await count();
    await importFile(library, 'truncated.json', '{"format":"factmark-bundle","version":1,"annotations":[{"id":');
    await library.getByRole('alert').waitFor();
    expect(await library.getByRole('alert').innerText()).toMatch(/truncated\.json: .+/);
    expect(await count()).toBe(before);
    expect(dialogs).toEqual([]);
  });
});
