/**
 * Claim detection in real Chromium on the seed article: the check-worthy sentences are painted
 * under `factmark-claim`, opinion quotes are not, the popup's request lists them ranked, a
 * dismissal is remembered across reloads, settings switch detection off, and a page in another
 * language is left alone with a reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PageServer, SEED_HTML } from './server';
import { launchWithExtension, stopServiceWorker, tabIdOf, type ExtensionBrowser } from './chromium';

let ext: ExtensionBrowser;
let server: PageServer;
let control: Page;

beforeAll(async () => {
  server = await new PageServer().start();
  ext = await launchWithExtension();
  control = await ext.extensionPage('library.html');
});
afterAll(async () => {
  await ext?.close();
  await server?.stop();
});

const paintedClaims = (page: Page) =>
  page.evaluate(() => [...(CSS.highlights.get('factmark-claim') ?? [])].map((r) => r.toString().replace(/\s+/g, ' ')));

async function tabRequest<T>(tabId: number, type: string, data: unknown = {}): Promise<T> {
  const reply = await control.evaluate(
    ([id, type, data]) => (globalThis as any).chrome.tabs.sendMessage(id, { tag: 'factmark/1', type, data }),
    [tabId, type, data] as const,
  );
  if (!reply?.ok) throw new Error(JSON.stringify(reply));
  return reply.value as T;
}

async function openSeed(path: string): Promise<{ page: Page; tabId: number }> {
  const page = await ext.context.newPage();
  const url = server.set(path, SEED_HTML);
  await page.goto(url);
  const tabId = await tabIdOf(control, url);
  return { page, tabId };
}

describe('claim detection (Chromium)', () => {
  it('paints figures, dates and attributed facts of the seed article, not opinion quotes', async () => {
    const { page } = await openSeed('/claims/seed');
    await page.waitForFunction(() => (CSS.highlights.get('factmark-claim')?.size ?? 0) > 0);
    const claims = await paintedClaims(page);
    for (const needle of ['more than 2 million', '141 countries', 'February 24']) {
      expect(claims.some((c) => c.includes(needle)), `${needle} in ${JSON.stringify(claims)}`).toBe(true);
    }
    for (const opinion of ['There is nothing to replace the negotiation process', 'We are aware that there is no victor']) {
      expect(claims.some((c) => c.includes(opinion))).toBe(false);
    }
    // Navigation, the "Most read" box and the advert are outside the article.
    expect(claims.some((c) => /Markets brace|Newsletter/.test(c))).toBe(false);
    await page.close();
  });

  it('lists claims ranked for the popup, counts them on the badge, and remembers a dismissal', async () => {
    const { page, tabId } = await openSeed('/claims/dismiss');
    await page.waitForFunction(() => (CSS.highlights.get('factmark-claim')?.size ?? 0) > 0);
    type Reply = { status: { state: string; count: number }; claims: { id: string; score: number; reasons: string[] }[] };
    // The last slice paints; the run's outcome (status 'done') is recorded when that slice returns.
    await expect.poll(async () => (await tabRequest<Reply>(tabId, 'tab/claims')).status.state).toBe('done');
    const { status, claims } = await tabRequest<Reply>(tabId, 'tab/claims');
    expect(claims.length).toBe(status.count);
    expect(claims.map((c) => c.score)).toEqual([...claims.map((c) => c.score)].sort((a, b) => b - a));
    expect(claims.every((c) => c.reasons.length > 0)).toBe(true);
    await expect
      .poll(() => control.evaluate((id) => (globalThis as any).chrome.action.getBadgeText({ tabId: id }), tabId))
      .toBe(String(claims.length));

    const before = claims.length;
    expect(await tabRequest<boolean>(tabId, 'tab/dismiss-claim', { id: claims[0].id })).toBe(true);
    expect((await paintedClaims(page)).length).toBe(before - 1);
    await page.reload();
    await page.waitForFunction((n) => (CSS.highlights.get('factmark-claim')?.size ?? 0) === n, before - 1);
    await page.close();
  });

  it('switches off from settings and leaves pages in other languages alone, saying why', async () => {
    const { page, tabId } = await openSeed('/claims/settings');
    await page.waitForFunction(() => (CSS.highlights.get('factmark-claim')?.size ?? 0) > 0);
    await control.evaluate(() => (globalThis as any).chrome.storage.local.set({ settings: { detectClaims: false } }));
    await page.waitForFunction(() => (CSS.highlights.get('factmark-claim')?.size ?? 0) === 0);
    // The highlights go first; the status says 'pending' until the new settings are read, then why.
    await expect
      .poll(async () => (await tabRequest<{ status: { state: string; reason?: string } }>(tabId, 'tab/claims')).status)
      .toMatchObject({ state: 'skipped', reason: expect.stringContaining('switched off') });
    await control.evaluate(() => (globalThis as any).chrome.storage.local.set({ settings: { detectClaims: true } }));
    await page.waitForFunction(() => (CSS.highlights.get('factmark-claim')?.size ?? 0) > 0);

    const french = `<!doctype html><html lang="fr"><head><title>Les pourparlers</title></head><body><article><h1>Les pourparlers entre l’Ukraine et la Russie</h1>${Array.from(
      { length: 8 },
      (_, i) => `<p>Selon l’ONU, plus de ${i + 2} millions de personnes ont quitté le pays depuis le 24 février, et les ministres des affaires étrangères se sont rencontrés jeudi à Antalya sans parvenir à un accord sur un cessez-le-feu.</p>`,
    ).join('')}</article></body></html>`;
    const fr = await ext.context.newPage();
    const url = server.set('/claims/fr', french);
    await fr.goto(url);
    const frTab = await tabIdOf(control, url);
    await expect.poll(async () => (await tabRequest<{ status: { state: string } }>(frTab, 'tab/claims')).status.state).toBe('skipped');
    const reply = await tabRequest<{ status: { reason: string } }>(frTab, 'tab/claims');
    expect(reply.status.reason).toMatch(/English/);
    expect(await paintedClaims(fr)).toEqual([]);
    // The popup names the language in words, and where to change it.
    const popup = await ext.extensionPage(`popup.html?tab=${frTab}`);
    await expect.poll(() => popup.locator('body').innerText()).toContain('this page is in French and the claim model reads English');
    await popup.close();
    await fr.close();
    await page.close();
  });
});

describe('known claims (Chromium)', () => {
  it('marks a syndicated copy of a fact-checked sentence with the verdict, and an imported review', async () => {
    const CLAIM = 'According to the UN, more than 2 million Ukrainians have fled the country';
    const original = server.set('/known/original', SEED_HTML);
    const reply = await control.evaluate(
      ([url, exact]) =>
        (globalThis as any).chrome.runtime.sendMessage({
          tag: 'factmark/1',
          type: 'notes/create',
          data: {
            draft: {
              pageUrl: url, pageTitle: 'Original', selectors: [{ type: 'TextQuoteSelector', exact }], claim: exact,
              verdict: 'mostly-true', note: '', sources: [{ url: 'https://data.unhcr.org/en/situations/ukraine' }], tags: [],
            },
          },
        }),
      [original, CLAIM] as const,
    );
    expect(reply.ok).toBe(true);

    // An imported ClaimReview, through the library's Import tab as a reader imports one.
    const review = {
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: 'https://factcheck.example/turkey-sanctions',
      claimReviewed: 'Turkey has not joined Western sanctions and has not closed its airspace to Russia',
      author: { '@type': 'Organization', name: 'Example Fact Check' },
      datePublished: '2022-03-11',
      reviewRating: { '@type': 'Rating', ratingValue: 5, bestRating: 5, worstRating: 1, alternateName: 'Accurate' },
      itemReviewed: { '@type': 'Claim', appearance: [{ '@type': 'CreativeWork', url: 'https://news.example/turkey' }] },
    };
    const library = await ext.extensionPage('library.html#share');
    await library.getByRole('heading', { name: 'Import' }).waitFor();
    await library.locator('input[type=file]').setInputFiles({ name: 'review.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(review)) });
    await library.getByTestId('import-preview').waitFor();
    await library.getByRole('button', { name: 'Import', exact: true }).click();
    await library.getByTestId('import-result').waitFor();
    expect(await library.getByTestId('import-result').innerText()).toBe('1 added, 0 updated, 0 skipped');
    await library.close();

    const copy = await ext.context.newPage();
    await copy.goto(server.set('/known/syndicated-copy', SEED_HTML.replace(/<title>[^<]*<\/title>/, '<title>Wire copy: talks stall in Antalya</title>')));
    await copy.waitForFunction(() => (CSS.highlights.get('factmark-known-mostly-true')?.size ?? 0) > 0 && (CSS.highlights.get('factmark-known-true')?.size ?? 0) > 0);
    const own = await copy.evaluate(() => [...CSS.highlights.get('factmark-known-mostly-true')!][0].toString());
    expect(own).toContain('more than 2 million Ukrainians have fled');
    const imported = await copy.evaluate(() => [...CSS.highlights.get('factmark-known-true')!][0].toString());
    expect(imported).toContain('Turkey has not joined Western sanctions');
    // A known claim is not painted a second time as a merely "detected" one.
    const detected = await paintedClaims(copy);
    expect(detected.some((c) => c.includes('Turkey has not joined Western sanctions'))).toBe(false);

    // The toolbar badge counts them (no note of the reader's own on this page).
    const copyTab = await tabIdOf(control, copy.url());
    await expect.poll(() => control.evaluate((id) => (globalThis as any).chrome.action.getBadgeText({ tabId: id }), copyTab)).toBe('2');
    expect(await control.evaluate((id) => (globalThis as any).chrome.action.getTitle({ tabId: id }), copyTab)).toBe('Factmark: 2 sentences already fact-checked on this page');

    // The popup lists both under "Already fact-checked", in reading order, with the review's link;
    // "Show in page" pins the sentence's card in the tab.
    const copyUrl = copy.url();
    const popup = await ext.extensionPage(`popup.html?tab=${await tabIdOf(control, copyUrl)}`);
    const known = popup.locator('.fm-known .fm-known__item');
    await known.first().waitFor();
    expect(await known.count()).toBe(2);
    expect(await known.nth(0).locator('blockquote').innerText()).toContain('more than 2 million Ukrainians have fled');
    expect(await known.nth(0).innerText()).toContain('Your own fact-check');
    // Its link opens the reader's note where it was made, at the quote.
    expect(await known.nth(0).getByRole('link', { name: /Read the fact-check/ }).getAttribute('href')).toBe(`${original}#:~:text=${encodeURIComponent(CLAIM).replace(/-/g, '%2D')}`);
    expect(await known.nth(1).locator('.fm-badge').innerText()).toContain('True');
    expect(await known.nth(1).innerText()).toContain('Reviewed by Example Fact Check');
    const reviewLink = known.nth(1).getByRole('link', { name: /Read the fact-check/ });
    expect(await reviewLink.getAttribute('href')).toBe('https://factcheck.example/turkey-sanctions');
    expect(await reviewLink.getAttribute('rel')).toBe('noopener noreferrer');
    await known.nth(1).getByRole('button', { name: /^Show in page/ }).click();
    // The sentence's card is pinned open in the tab (its host is in the page; the card is in a closed shadow root).
    await copy.waitForFunction(
      () => {
        const host = document.querySelector<HTMLElement>('factmark-ui[data-part="panel"]');
        return !!host && host.style.getPropertyValue('display') !== 'none';
      },
      null,
      { polling: 50 },
    );
    await popup.close();
    await copy.close();

    // On the note's own page the note is the known claim: it is not painted again over the note
    // (the imported review, on another sentence, shows that matching ran).
    const home = await ext.context.newPage();
    await home.goto(original);
    await home.waitForFunction(() => (CSS.highlights.get('factmark-note-mostly-true')?.size ?? 0) > 0 && (CSS.highlights.get('factmark-known-true')?.size ?? 0) > 0);
    expect(await home.evaluate(() => CSS.highlights.get('factmark-known-mostly-true')?.size ?? 0)).toBe(0);
    await home.close();

    // The background keeps both indexes; a restarted service worker reads them back instead of
    // re-reading every claim. To see that it does, the imported review is removed below Dexie
    // (no write counter moves, as no real write would do): a worker that re-read the claims
    // would lose it, one that uses its kept index still marks it.
    /** Below Dexie, in the extension's origin: count the kept indexes, or empty the imported reviews. */
    const rawDb = (action: 'count-kept' | 'clear-reviews') =>
      control.evaluate(
        (what) =>
          new Promise<number>((ok, fail) => {
            const open = indexedDB.open('factmark');
            open.onerror = () => fail(open.error);
            open.onsuccess = () => {
              const db = open.result;
              const tx = db.transaction(['indexCache', 'knownClaims'], 'readwrite');
              if (what === 'clear-reviews') tx.objectStore('knownClaims').clear();
              const req = tx.objectStore(what === 'count-kept' ? 'indexCache' : 'knownClaims').count();
              tx.oncomplete = () => (db.close(), ok(req.result));
              tx.onerror = () => fail(tx.error);
            };
          }),
        action,
      );
    await expect.poll(() => rawDb('count-kept'), { timeout: 15_000 }).toBe(2);
    await stopServiceWorker(ext, control);
    expect(await rawDb('clear-reviews')).toBe(0);
    const again = await ext.context.newPage();
    await again.goto(server.set('/known/after-restart', SEED_HTML));
    await again.waitForFunction(() => (CSS.highlights.get('factmark-known-mostly-true')?.size ?? 0) > 0 && (CSS.highlights.get('factmark-known-true')?.size ?? 0) > 0);
    await again.close();
  });

  it('flags known claims with claim detection off and on pages in other languages, not on a site turned off', async () => {
    const graded = (url: string, exact: string, title: string) =>
      control.evaluate(
        ([u, e, t]) =>
          (globalThis as any).chrome.runtime.sendMessage({
            tag: 'factmark/1',
            type: 'notes/create',
            data: { draft: { pageUrl: u, pageTitle: t, selectors: [{ type: 'TextQuoteSelector', exact: e }], claim: e, verdict: 'false', note: '', sources: [{ url: 'https://factcheck.example/x' }], tags: [] } },
          }),
        [url, exact, title] as const,
      );
    // Detection off: no dotted claims, yet the reader's graded note still marks its repeat elsewhere.
    const exact = 'Russia is also hit by record-heavy Western sanctions, which aim to cripple its economy and businesses.';
    expect((await graded(server.set('/known/off-original', SEED_HTML), exact, 'Original')).ok).toBe(true);
    await control.evaluate(() => (globalThis as any).chrome.storage.local.set({ settings: { detectClaims: false } }));
    const copy = await ext.context.newPage();
    const copyUrl = server.set('/known/off-copy', SEED_HTML);
    await copy.goto(copyUrl);
    await copy.waitForFunction(() => (CSS.highlights.get('factmark-known-false')?.size ?? 0) > 0);
    expect(await copy.evaluate(() => [...CSS.highlights.get('factmark-known-false')!].map((r) => r.toString()))).toContain(exact);
    expect(await paintedClaims(copy)).toEqual([]);
    const off = await tabRequest<{ status: { state: string; reason: string }; known: { text: string }[] }>(await tabIdOf(control, copyUrl), 'tab/claims');
    expect(off.status).toMatchObject({ state: 'skipped', reason: expect.stringContaining('switched off') });
    expect(off.known.map((k) => k.text)).toContain(exact);
    await copy.close();

    // A site the reader turned Factmark off for gets neither kind.
    await control.evaluate(() => (globalThis as any).chrome.storage.local.set({ settings: { detectClaims: true, disabledSites: ['127.0.0.1'] } }));
    const quiet = await ext.context.newPage();
    const quietUrl = server.set('/known/site-off', SEED_HTML);
    await quiet.goto(quietUrl);
    const quietTab = await tabIdOf(control, quietUrl);
    await expect.poll(async () => (await tabRequest<{ status: { state: string } }>(quietTab, 'tab/claims')).status.state).toBe('skipped');
    const siteOff = await tabRequest<{ status: { reason: string }; known: unknown[] }>(quietTab, 'tab/claims');
    expect(siteOff.status.reason).toContain('off for 127.0.0.1');
    expect(siteOff.known).toEqual([]);
    expect(await quiet.evaluate(() => CSS.highlights.get('factmark-known-false')?.size ?? 0)).toBe(0);
    await quiet.close();
    await control.evaluate(() => (globalThis as any).chrome.storage.local.set({ settings: { detectClaims: true } }));

    // A page the English model does not read: no detected claims, but a known claim in its language is flagged.
    const sentence = 'Selon l’ONU, plus de deux millions de personnes ont quitté le pays depuis le 24 février.';
    const french = (title: string) =>
      `<!doctype html><html lang="fr"><head><title>${title}</title></head><body><article><h1>${title}</h1><p>${sentence} Les ministres se sont rencontrés jeudi à Antalya.</p>${Array.from(
        { length: 6 },
        (_, i) => `<p>Les ministres des affaires étrangères se sont rencontrés à Antalya pendant ${i + 2} heures sans parvenir à un accord sur un cessez-le-feu, a indiqué le ministère.</p>`,
      ).join('')}</article></body></html>`;
    expect((await graded(server.set('/known/fr-original', french('Original')), sentence, 'Original')).ok).toBe(true);
    const fr = await ext.context.newPage();
    const frUrl = server.set('/known/fr-copy', french('Reprise'));
    await fr.goto(frUrl);
    await fr.waitForFunction(() => (CSS.highlights.get('factmark-known-false')?.size ?? 0) > 0);
    expect(await fr.evaluate(() => [...CSS.highlights.get('factmark-known-false')!].map((r) => r.toString()))).toContain(sentence);
    expect(await paintedClaims(fr)).toEqual([]);
    const reply = await tabRequest<{ status: { reason: string } }>(await tabIdOf(control, frUrl), 'tab/claims');
    expect(reply.status.reason).toMatch(/English/);
    await fr.close();
  });
});
