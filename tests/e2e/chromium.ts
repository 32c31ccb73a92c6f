/**
 * Launches Debian's Chromium with the built extension (headless unless HEADED=1), blocks every
 * request that is not to 127.0.0.1 or the extension itself, and gives tests the handles they
 * need: the service worker, the extension id, pages of the extension.
 */
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { INSTALL_HINT, findChromium } from './find-browser';

export const CHROME_BUILD = resolve(import.meta.dirname, '../../.output/chrome-mv3');

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker(): Promise<Worker>;
  extensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

/** Command-line switches: the extension alone, and nothing that reaches the network by itself. */
export function chromiumArgs(build: string): string[] {
  return [
    `--disable-extensions-except=${build}`,
    `--load-extension=${build}`,
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ];
}

/**
 * `build`: an unpacked extension folder (the Chrome build by default; benchmarks pass a copy with a
 * page of their own). `profile`: a user-data folder the caller owns and removes (a benchmark opens
 * it again without DevTools); by default a temporary one, removed on close.
 */
export async function launchWithExtension({ headed = process.env.HEADED === '1', build = CHROME_BUILD, profile = '' } = {}): Promise<ExtensionBrowser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(`Chromium not found. ${INSTALL_HINT}`);
  if (!existsSync(join(build, 'manifest.json'))) throw new Error('No Chrome build: run `npm run build` first.');
  const userDataDir = profile || mkdtempSync(join(tmpdir(), 'factmark-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: !headed,
    args: chromiumArgs(build),
  });
  // Only the local test server and the extension itself: no test depends on the network.
  await context.route(
    (url) => !['127.0.0.1', ''].includes(url.hostname) && !url.protocol.startsWith('chrome'),
    (route) => route.abort('blockedbyclient'),
  );
  const serviceWorker = async () => {
    const [sw] = context.serviceWorkers().filter((w) => w.url().startsWith('chrome-extension://'));
    return sw ?? context.waitForEvent('serviceworker', { timeout: 30_000 });
  };
  const extensionId = new URL((await serviceWorker()).url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    async extensionPage(path: string) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path.replace(/^\//, '')}`);
      return page;
    },
    async close() {
      await context.close();
      if (!profile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Stops the extension's service worker through CDP (as Chrome does after 30 s idle) and waits
 * until it is gone, so the next message has to start a fresh one.
 */
export async function stopServiceWorker(ext: ExtensionBrowser, anyPage: Page): Promise<void> {
  const cdp = await ext.context.newCDPSession(anyPage);
  const scriptUrl = `chrome-extension://${ext.extensionId}/background.js`;
  const stopped = new Promise<void>((ok) =>
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.some((v) => v.scriptURL === scriptUrl && v.runningStatus === 'stopped')) ok();
    }),
  );
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  await cdp.detach();
}

/** Sends a protocol request from an extension page, exactly as the popup or content script would. */
export function sendRequest<T = unknown>(extensionPage: Page, type: string, data: unknown): Promise<{ ok: boolean; value?: T; error?: { code: string; message: string } }> {
  return extensionPage.evaluate(
    ([type, data]) => chrome.runtime.sendMessage({ tag: 'factmark/1', type, data }),
    [type, data] as const,
  );
}

/** The id of the tab whose content script reports this page URL (found without the tabs permission). */
export async function tabIdOf(extensionPage: Page, pageUrl: string, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const id = await extensionPage.evaluate(async (url) => {
      for (const tab of await chrome.tabs.query({})) {
        if (tab.id === undefined) continue;
        try {
          const reply = await chrome.tabs.sendMessage(tab.id, { tag: 'factmark/1', type: 'tab/page-info', data: {} });
          if (reply?.ok && reply.value.pageKeys.includes(url)) return tab.id as number;
        } catch {
          // no content script in this tab (yet)
        }
      }
      return null;
    }, pageUrl);
    if (typeof id === 'number') return id;
    if (Date.now() > deadline) throw new Error(`No tab's content script reports ${pageUrl}`);
    // Polling a condition: the content script may not have started yet.
    await extensionPage.waitForTimeout(100);
  }
}

declare const chrome: any;
