/**
 * Reader preferences. Small and read by the content script at start-up, so they live in
 * `storage.local` under one key, `settings`, not in the notes database. Read and written with the
 * storage API itself: WXT's storage helpers (used before, with `version: 1` and no migration, so
 * the stored value is the same) were a fifth of the popup's start-up script for three calls.
 */
import { browser } from 'wxt/browser';
import { DEFAULT_SETTINGS, type Settings } from './defaults';

export * from './defaults';

const KEY = 'settings';

/** The stored preferences over the defaults (a missing or partial record reads as the defaults). */
const withDefaults = (stored: unknown): Settings => ({
  ...DEFAULT_SETTINGS,
  ...(stored && typeof stored === 'object' ? (stored as Partial<Settings>) : {}),
});

export async function getSettings(): Promise<Settings> {
  return withDefaults((await browser.storage.local.get(KEY))[KEY]);
}

export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = { ...(await getSettings()), ...patch };
  await browser.storage.local.set({ [KEY]: next });
  return next;
}

/** Calls `onChange` with the new preferences whenever any context changes them; returns the unsubscribe. */
export function watchSettings(onChange: (s: Settings) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && Object.hasOwn(changes, KEY)) onChange(withDefaults(changes[KEY].newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
