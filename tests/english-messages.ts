/**
 * The UI takes its text through `t()` (browser.i18n); the fake browser has no i18n API, so `t()`
 * would answer with keys. `useEnglishMessages()` answers `browser.i18n.getMessage` from the
 * English catalogue for every test of the calling file, so assertions read the English text.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Catalogue = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const catalogue = JSON.parse(readFileSync(resolve(import.meta.dirname, '../public/_locales/en/messages.json'), 'utf8')) as Catalogue;

/** chrome.i18n.getMessage semantics over the catalogue: $NAME$ → its placeholder content → $n. */
export function getMessage(key: string, subs: string[] = []): string {
  const entry = catalogue[key];
  if (!entry) return '';
  return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (__, n: string) => subs[Number(n) - 1] ?? '');
  });
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
