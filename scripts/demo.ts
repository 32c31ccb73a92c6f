/**
 * `npm run demo`: serves the seed article on 127.0.0.1, opens it in Chromium with the freshly
 * built extension (headed when a display exists, headless otherwise), records two example
 * fact-checks through the real background, and saves screenshots of the page, the popup and the library.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PageServer, SEED_HTML } from '../tests/e2e/server';
import { launchWithExtension, sendRequest, tabIdOf } from '../tests/e2e/chromium';
import { INSTALL_HINT, findChromium } from '../tests/e2e/find-browser';

const OUT = resolve(import.meta.dirname, '../demo-output');

const EXAMPLES = [
  {
    exact: 'more than 2 million Ukrainians have fled the country',
    verdict: 'true',
    note: 'UNHCR counted 2.3 million refugees by 10 March 2022.',
    sources: [{ url: 'https://data.unhcr.org/en/situations/ukraine', title: 'UNHCR Operational Data Portal: Ukraine refugee situation' }],
    tags: ['refugees'],
  },
  {
    exact: 'the UN General Assembly overwhelmingly condemned Russia’s Invasion with the votes of 141 countries',
    verdict: 'mostly-true',
    note: 'Resolution ES-11/1 passed 141–5 with 35 abstentions; “condemned” paraphrases “deplores”.',
    sources: [{ url: 'https://press.un.org/en/2022/ga12407.doc.htm', title: 'UN press release GA/12407' }],
    tags: ['un-vote'],
  },
];

async function main() {
  if (!findChromium()) {
    console.error(`Chromium is needed for the demo and was not found.\n${INSTALL_HINT}`);
    process.exit(1);
  }
  const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && process.env.HEADLESS !== '1';
  mkdirSync(OUT, { recursive: true });
  const server = await new PageServer().start();
  const url = server.set('/news/turkey-hosted-ukraine-russia-talks-stall', SEED_HTML);
  const ext = await launchWithExtension({ headed });
  try {
    const article = await ext.context.newPage();
    await article.setViewportSize({ width: 1100, height: 900 });
    await article.goto(url);
    const control = await ext.extensionPage('library.html');
    for (const e of EXAMPLES) {
      const reply = await sendRequest(control, 'notes/create', {
        draft: {
          pageUrl: url,
          pageTitle: await article.title(),
          selectors: [{ type: 'TextQuoteSelector', exact: e.exact }],
          claim: e.exact,
          verdict: e.verdict,
          note: e.note,
          sources: e.sources,
          tags: e.tags,
        },
      });
      if (!reply.ok) throw new Error(`Could not save an example note: ${reply.error?.message}`);
    }
    await article.waitForFunction(() => (CSS.highlights.get('factmark-note-true')?.size ?? 0) > 0);
    await article.bringToFront();
    const pageShot = resolve(OUT, 'page.png');
    // Show the paragraphs the example notes sit on.
    await article.evaluate(() => window.scrollTo(0, 0));
    await article.getByText('have fled the country', { exact: false }).first().scrollIntoViewIfNeeded();
    await article.evaluate(() => window.scrollBy(0, 200));
    await article.screenshot({ path: pageShot });

    const tabId = await tabIdOf(control, url);
    const popup = await ext.extensionPage(`popup.html?tab=${tabId}`);
    await popup.setViewportSize({ width: 400, height: 580 }); // the popup body is 400 px wide (popup.css)
    await popup.locator('.fm-note').first().waitFor();
    const popupShot = resolve(OUT, 'popup.png');
    await popup.screenshot({ path: popupShot });
    await control.close();

    const library = await ext.extensionPage('library.html');
    await library.setViewportSize({ width: 1100, height: 720 });
    await library.locator('.fm-note').nth(EXAMPLES.length - 1).waitFor();
    const libraryShot = resolve(OUT, 'library.png');
    await library.screenshot({ path: libraryShot });

    console.log(`Factmark demo on ${url}`);
    console.log(`Screenshot of the page:  ${pageShot}`);
    console.log(`Screenshot of the popup: ${popupShot}`);
    console.log(`Screenshot of the library: ${libraryShot}`);
    if (headed && process.env.CI !== 'true') {
      console.log('The browser stays open: close its window (or press Ctrl+C) to end the demo.');
      await new Promise<void>((done) => {
        ext.context.on('close', () => done());
        process.once('SIGINT', () => done());
      });
    }
  } finally {
    await ext.close().catch(() => undefined);
    await server.stop();
  }
}

main().catch((error) => {
  console.error(`Demo failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
