/**
 * Smoke test of the Firefox build in Firefox ESR: the add-on installs and its content script
 * runs on the seed article (its named highlights appear in the registry shared with the page).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import puppeteer, { type Browser } from 'puppeteer-core';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { PageServer, SEED_HTML } from './server';
import { INSTALL_HINT, findFirefox } from './find-browser';

const FIREFOX_BUILD = resolve(import.meta.dirname, '../../.output/firefox-mv2');

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
    },
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('Firefox ESR smoke', () => {
  it('installs the add-on and runs the content script on the seed article', async () => {
    const id = await browser.installExtension(FIREFOX_BUILD);
    expect(id).toBe('factmark@factmark.app');
    const page = await browser.newPage();
    await page.goto(server.set('/news/turkey-talks', SEED_HTML));
    await page.waitForFunction(() => CSS.highlights.has('factmark-note-false') && CSS.highlights.has('factmark-claim'), {
      timeout: 30_000,
      polling: 100,
    });
    expect(await page.title()).toContain('Turkey');
  });
});
