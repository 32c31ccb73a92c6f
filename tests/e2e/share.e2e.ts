/**
 * Sharing in real Chromium: a file whose notes carry HTML and script payloads is imported
 * through the library's file input; nothing executes anywhere (page, popup, library) and the
 * text shows literally. A broken file is refused and changes nothing; the reasons for a refused
 * file and for rejected or repaired items are worded by the page from the catalogue. A large
 * file is checked and written in the import worker; another library page's live list picks the
 * worker's writes up, and a write cancelled half-way leaves nothing behind. An export from the Share tab is
 * written in the export worker and downloads exactly the file the exporters make of the
 * database's notes; a cancelled export downloads nothing.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { exportNativeBundle } from '../../utils/formats/native-bundle';
import { exportAs } from '../../utils/formats';
import type { ExportFormat } from '../../utils/formats/types';
import { generateNotes } from '../../bench/generate-notes';
import type { Annotation } from '../../utils/model/annotation';
import { PageServer, SEED_HTML } from './server';
import { CHROME_BUILD, launchWithExtension, tabIdOf, type ExtensionBrowser } from './chromium';

const IMG = '<img src=x onerror="document.title=\'pwned\';alert(1)">';
const SCRIPT = '<script>alert("xss")</script>';
const CLAIM = 'Russia launched an invasion of Ukraine on February 24.';

let ext: ExtensionBrowser;
let server: PageServer;
let articleUrl: string;
let filesDir: string | undefined;
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
  if (filesDir) rmSync(filesDir, { recursive: true, force: true });
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
  if (content.length < 1_000_000) {
    await library.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
    return;
  }
  // A large file goes by path (a buffer would cross the DevTools pipe as base64); the browser
  // reads it when the page does, so it stays until the end of the file's tests.
  filesDir ??= mkdtempSync(join(tmpdir(), 'factmark-share-'));
  const path = join(filesDir, name);
  writeFileSync(path, content);
  await library.locator('input[type=file]').setInputFiles(path);
}

/** The library's Import tab in front, and the notes stored before. */
async function importTab(): Promise<{ library: Page; before: number }> {
  const library = watch(await ext.extensionPage('library.html#share'));
  await library.bringToFront();
  await library.getByRole('heading', { name: 'Import' }).waitFor();
  return { library, before: await countNotes(library) };
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
    // The reason is worded by the page from the catalogue (the worker sends a key and the parser's detail).
    expect(await library.getByRole('alert').innerText()).toMatch(/^truncated\.json: The file is not valid JSON \(.+\)\.$/s);
    expect(await count()).toBe(before);
    expect(dialogs).toEqual([]);
  });

  it('words each rejected, repaired or dropped item from the catalogue, with the file\'s values as they are', async () => {
    const library = watch(await ext.extensionPage('library.html#share'));
    const [good, bad] = generateNotes(2, 31, { tombstones: 0 });
    const repaired = { ...good, sources: [{ url: 'javascript:alert(1)' }, ...good.sources], colour: 'red' };
    await importFile(library, 'reasons.json', JSON.stringify({ format: 'factmark-bundle', version: 1, annotations: [repaired, { ...bad, id: 'x' }] }));
    await library.getByTestId('import-preview').waitFor();
    expect(await library.getByTestId('import-preview').innerText()).toBe('1 added, 0 updated, 0 skipped, 1 rejected');
    await library.getByText('Details (2)').click();
    expect(await library.locator('.fm-import__reasons li').allInnerTexts()).toEqual([
      'Item 2 rejected: id: id is not a UUID',
      'Item 1 repaired: ignored unknown field: colour; source 1 dropped: "javascript:" URLs are not allowed (only http and https)',
    ]);
    await library.getByRole('button', { name: 'Cancel' }).click();
  });

  it('checks and writes a large file (5,000 notes) in a worker, shows progress; an open library list updates', async () => {
    // Another library page, on its notes list: its liveQuery must see the worker's writes.
    const list = watch(await ext.extensionPage('library.html'));
    await list.locator('.fm-library__stats').filter({ hasText: /\d/ }).waitFor();
    const listedBefore = await listedNotes(list);
    const { library, before } = await importTab();
    // Sample the progress bar on every frame until the result shows (Preact sets its value as a
    // property, which no MutationObserver sees).
    await library.evaluate(() => {
      const seen: number[] = [];
      (globalThis as unknown as { progressSeen: number[] }).progressSeen = seen;
      const tick = () => {
        const bar = document.querySelector<HTMLProgressElement>('[data-testid=import-progress] progress');
        if (bar) seen.push(bar.value);
        if (!document.querySelector('[data-testid=import-result]')) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const notes = generateNotes(5_000, 21, { tombstones: 0 });
    await importFile(library, 'large.factmark.json', exportNativeBundle(notes, { now: Date.now() }).content);
    await library.getByTestId('import-preview').waitFor({ timeout: 60_000 });
    expect(await library.getByTestId('import-preview').innerText()).toBe('5,000 added, 0 updated, 0 skipped');
    expect(await library.locator('[data-prepared-in]').getAttribute('data-prepared-in')).toBe('worker');
    await library.getByRole('button', { name: 'Import', exact: true }).click();
    await library.getByTestId('import-result').waitFor({ timeout: 150_000 });
    expect(await library.getByTestId('import-result').innerText()).toBe('5,000 added, 0 updated, 0 skipped');
    const seen = await library.evaluate(() => (globalThis as unknown as { progressSeen: number[] }).progressSeen);
    // Progress while checking (worker messages) and while writing (between chunks), not only 0 and 1.
    expect(seen.some((v) => v > 0 && v < 0.95)).toBe(true);
    expect(new Set(seen).size).toBeGreaterThan(3);
    expect(await countNotes(library)).toBe(before + 5_000);
    // No reload: the list's live count follows the write made in the worker.
    await expect.poll(() => listedNotes(list), { timeout: 30_000, interval: 250 }).toBe(listedBefore + 5_000);
    await list.close();
    expect(payloadErrors).toEqual([]);
  }, 240_000);

  it('cancels a write in progress: the worker rolls it back, nothing written', async () => {
    const { library, before } = await importTab();
    await importFile(library, 'cancel-write.factmark.json', exportNativeBundle(generateNotes(20_000, 23, { tombstones: 0 }), { now: Date.now() }).content);
    await library.getByTestId('import-preview').waitFor({ timeout: 90_000 });
    await library.getByRole('button', { name: 'Import', exact: true }).click();
    const writing = library.getByTestId('import-progress');
    await writing.getByRole('progressbar', { name: /^Importing/ }).waitFor();
    await writing.getByRole('button', { name: 'Cancel' }).click();
    await library.getByRole('alert').waitFor({ timeout: 60_000 });
    expect(await library.getByRole('alert').innerText()).toMatch(/Cancelled: nothing was imported/);
    expect(await library.getByTestId('import-result').count()).toBe(0);
    expect(await countNotes(library)).toBe(before);
  }, 180_000);

  it('cancels a check in progress: the worker stops, no preview, nothing written', async () => {
    const { library, before } = await importTab();
    await importFile(library, 'cancel-me.factmark.json', exportNativeBundle(generateNotes(20_000, 22, { tombstones: 0 }), { now: Date.now() }).content);
    const status = library.getByTestId('import-progress');
    await status.getByRole('button', { name: 'Cancel' }).click();
    await status.waitFor({ state: 'detached' });
    expect(await library.getByTestId('import-preview').count()).toBe(0);
    expect(await library.getByRole('alert').count()).toBe(0);
    expect(await countNotes(library)).toBe(before);
  });

  it('exports everything from the Share tab in the worker: the download is the exporters\' file of the stored notes', async () => {
    const library = watch(await ext.extensionPage('library.html#share'));
    await library.getByRole('heading', { name: 'Export everything' }).waitFor();
    // A tombstone, which only the native bundle carries.
    await library.evaluate(() => new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('factmark');
      open.onsuccess = () => {
        const tx = open.result.transaction('annotations', 'readwrite');
        const cursor = tx.objectStore('annotations').openCursor();
        cursor.onsuccess = () => {
          const c = cursor.result!;
          c.update({ ...c.value, deleted: c.value.updated });
        };
        tx.oncomplete = () => {
          open.result.close();
          resolve();
        };
        cursor.onerror = () => reject(cursor.error);
      };
    }));
    // The library holds what the tests above imported (the hostile note and 5,000 more).
    const stored = await storedNotes(library);
    expect(stored.length).toBeGreaterThan(5_000);
    const version = (JSON.parse(readFileSync(join(CHROME_BUILD, 'manifest.json'), 'utf8')) as { version: string }).version;
    const exported = async (format: ExportFormat) => {
      const download = library.waitForEvent('download', { timeout: 120_000 });
      await library.locator(`[data-export=${format}]`).click();
      const file = await download;
      const text = readFileSync((await file.path())!, 'utf8');
      await library.getByTestId('export-status').filter({ hasText: /^Exported [\d,]+ notes?\.$/ }).waitFor();
      return { name: file.suggestedFilename(), text, status: await library.getByTestId('export-status').innerText() };
    };

    const bundle = await exported('factmark-bundle');
    // The export's own time: the bundle says it (and the Markdown report only shows its day).
    const now = Date.parse((JSON.parse(bundle.text) as { exported: string }).exported);
    const expected = exportAs('factmark-bundle', stored, { now, clientVersion: version });
    expect(bundle.name).toBe(expected.filename);
    expect(bundle.text === expected.content).toBe(true);
    expect(bundle.status).toBe(`Exported ${expected.count.toLocaleString('en-US')} notes.`);
    expect(expected.count).toBe(stored.length);

    const report = await exported('markdown');
    const md = exportAs('markdown', stored, { now, clientVersion: version });
    expect([report.name, report.text === md.content, report.status]).toEqual([md.filename, true, `Exported ${(stored.length - 1).toLocaleString('en-US')} notes.`]);
    expect(report.text).toContain(SCRIPT.replace(/[<>]/g, '\\$&')); // the hostile note, escaped as text
    const ready = await library.evaluate(() => performance.getEntriesByName('factmark:export-ready').map((m) => (m as PerformanceMark).detail as { where: string }));
    expect(ready.map((d) => d.where)).toEqual(['worker', 'worker']);
    expect(dialogs).toEqual([]);
    expect(payloadErrors).toEqual([]);
  }, 240_000);

  it('exports a selection from the notes list ("all on this page", then all results) through the worker', async () => {
    const library = watch(await ext.extensionPage('library.html'));
    await library.locator('.fm-note').first().waitFor();
    const byId = new Map((await storedNotes(library)).map((a) => [a.id, a]));
    const live = [...byId.values()].filter((a) => !a.deleted);
    const version = (JSON.parse(readFileSync(join(CHROME_BUILD, 'manifest.json'), 'utf8')) as { version: string }).version;
    const exportSelected = async () => {
      const download = library.waitForEvent('download', { timeout: 120_000 });
      await library.getByRole('button', { name: 'Export selected' }).click();
      const text = readFileSync((await (await download).path())!, 'utf8');
      const doc = JSON.parse(text) as { exported: string; annotations: Annotation[] };
      // The file's notes in its own order are the stored notes, written as the exporters write them.
      const expected = exportAs('factmark-bundle', doc.annotations.map((a) => byId.get(a.id)!), { now: Date.parse(doc.exported), clientVersion: version });
      expect(text === expected.content).toBe(true);
      return doc.annotations.map((a) => a.id);
    };
    await library.getByLabel('Select all on this page').check();
    await library.getByLabel('Export format').selectOption('factmark-bundle');
    const onPage = await exportSelected();
    expect(onPage).toHaveLength(50);
    await library.getByRole('button', { name: /^Select all [\d,]+ results$/ }).click();
    const all = await exportSelected();
    expect(new Set(all)).toEqual(new Set(live.map((a) => a.id)));
    expect(all.slice(0, 50)).toEqual(onPage); // the same order as the list: newest first
  }, 180_000);

  it('cancels an export in progress: nothing is downloaded', async () => {
    const library = watch(await ext.extensionPage('library.html#share'));
    await library.getByRole('heading', { name: 'Export everything' }).waitFor();
    const downloads: string[] = [];
    library.on('download', (d) => downloads.push(d.suggestedFilename()));
    // A write transaction held open on the notes: the worker's read waits behind it, so the
    // export is certainly still running when Cancel is pressed.
    await library.evaluate(() => new Promise<void>((started) => {
      const open = indexedDB.open('factmark');
      open.onsuccess = () => {
        const store = open.result.transaction('annotations', 'readwrite').objectStore('annotations');
        const g = globalThis as unknown as { releaseNotes?: boolean };
        const spin = () => {
          const r = store.get('none');
          r.onsuccess = () => (g.releaseNotes ? open.result.close() : spin());
        };
        spin();
        started();
      };
    }));
    await library.locator('[data-export=web-annotation]').click();
    const progress = library.getByTestId('export-progress');
    await progress.getByRole('progressbar', { name: /^Exporting W3C/ }).waitFor();
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await library.getByTestId('export-status').filter({ hasText: 'Export cancelled: nothing was downloaded.' }).waitFor();
    await library.evaluate(() => ((globalThis as unknown as { releaseNotes?: boolean }).releaseNotes = true));
    // The next export runs and downloads; the cancelled one never does.
    const next = library.waitForEvent('download', { timeout: 120_000 });
    await library.locator('[data-export=claim-review]').click();
    await (await next).path();
    expect(downloads).toEqual([expect.stringMatching(/^factmark-claimreview-.+\.jsonld$/)]);
  }, 180_000);
});

/** The live-note count the library page shows above its list ("5,001 notes · 12 pages"). */
async function listedNotes(page: Page): Promise<number> {
  const text = (await page.locator('.fm-library__stats').innerText()).replace(/[,\s\u202f\u00a0]/g, '');
  return Number(/^(\d+)note/.exec(text)?.[1] ?? NaN);
}

/** Notes in the database, read with plain IndexedDB (0 when the app has not created it yet). */
function countNotes(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('factmark');
        // No database yet: do not create one (the app's own upgrade must do that).
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => (open.error?.name === 'AbortError' ? resolve(0) : reject(open.error));
        open.onsuccess = () => {
          const req = open.result.transaction('annotations').objectStore('annotations').count();
          req.onsuccess = () => {
            resolve(req.result);
            open.result.close();
          };
        };
      }),
  );
}

/** Every stored note in key order, as the exporters get them (plain IndexedDB, without the derived `site`). */
function storedNotes(page: Page): Promise<Annotation[]> {
  return page.evaluate(
    () =>
      new Promise<Annotation[]>((resolve, reject) => {
        const open = indexedDB.open('factmark');
        open.onsuccess = () => {
          const req = open.result.transaction('annotations').objectStore('annotations').getAll();
          req.onsuccess = () => {
            resolve((req.result as (Annotation & { site?: string })[]).map(({ site: _site, ...a }) => a));
            open.result.close();
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}
