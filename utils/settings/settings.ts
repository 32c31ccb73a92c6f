/**
 * Reader preferences. Small and read by the content script at start-up, so they live in
 * `storage.local` (WXT storage items, versioned), not in the notes database.
 */
import { storage } from 'wxt/utils/storage';

import { DEFAULT_SETTINGS, type Settings } from './defaults';

export * from './defaults';

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

export async function getSettings(): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...(await settingsItem.getValue()) };
}

export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = { ...(await getSettings()), ...patch };
  await settingsItem.setValue(next);
  return next;
}

export function watchSettings(onChange: (s: Settings) => void): () => void {
  return settingsItem.watch((value) => onChange({ ...DEFAULT_SETTINGS, ...value }));
}
