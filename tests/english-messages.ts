/**
 * The UI takes its text through `t()` (browser.i18n); the fake browser has no i18n API, so `t()`
 * would answer with keys. `useEnglishMessages()` answers `browser.i18n.getMessage` from the
 * English catalogue for every test of the calling file, so assertions read the English text.
 * `english(notice)` words the import's notices (utils/formats/notice.ts) the same way.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { englishFrom, fillMessage, type CatalogueEntry } from '../utils/formats/english';
import type { Notice } from '../utils/formats/notice';

type Catalogue = Record<string, CatalogueEntry>;
const catalogue = JSON.parse(readFileSync(resolve(import.meta.dirname, '../public/_locales/en/messages.json'), 'utf8')) as Catalogue;

/** chrome.i18n.getMessage semantics over the catalogue: $NAME$ → its placeholder content → $n. */
export function getMessage(key: string, subs: string[] = []): string {
  return fillMessage(catalogue[key], subs);
}

/** A notice in English, as the library page shows it in an English browser (numbers unformatted). */
export const english: (n: Notice) => string = englishFrom(catalogue);

/** Several notices in English, on one line as the page joins an item's reasons. */
export const englishAll = (list: readonly Notice[]): string => list.map(english).join('; ');

/** Whether the notice's key is in the catalogue with one placeholder per substitution, and so are those nested in it. */
export function wellFormed(n: Notice): boolean {
  const entry = catalogue[n.key];
  const subs = n.subs ?? [];
  if (!entry || Object.keys(entry.placeholders ?? {}).length !== subs.length) return false;
  return subs.every((s) => typeof s !== 'object' || wellFormed(s));
}

/** Call at the top of a test file: every test there gets English messages. */
export function useEnglishMessages(): void {
  // After tests/setup.ts's fakeBrowser.reset() (setup hooks run first).
  beforeEach(() => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((key: string, subs?: string | string[]) =>
      getMessage(key, typeof subs === 'string' ? [subs] : (subs ?? []))) as typeof fakeBrowser.i18n.getMessage);
  });
  afterEach(() => vi.restoreAllMocks());
}
