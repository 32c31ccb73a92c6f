import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, getSettings, updateSettings, watchSettings } from '@/utils/settings/settings';

describe('reader preferences (storage.local "settings")', () => {
  it('reads the defaults when nothing is stored, and a partial record over them', async () => {
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
    await fakeBrowser.storage.local.set({ settings: { theme: 'dark' } });
    expect(await getSettings()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
  });

  it('reads what earlier versions stored (the same key, beside WXT storage’s version record)', async () => {
    await fakeBrowser.storage.local.set({ settings: { ...DEFAULT_SETTINGS, authorName: 'Ana Ruiz', sensitivity: 0.7 }, settings$: { v: 1 } });
    expect(await getSettings()).toMatchObject({ authorName: 'Ana Ruiz', sensitivity: 0.7 });
  });

  it('writes a patch over what is stored and tells watchers in any context', async () => {
    const seen = vi.fn();
    const unwatch = watchSettings(seen);
    await updateSettings({ theme: 'light' });
    await updateSettings({ authorName: 'Kofi Mensah' });
    expect(await getSettings()).toEqual({ ...DEFAULT_SETTINGS, theme: 'light', authorName: 'Kofi Mensah' });
    await vi.waitFor(() => expect(seen).toHaveBeenLastCalledWith({ ...DEFAULT_SETTINGS, theme: 'light', authorName: 'Kofi Mensah' }));
    unwatch();
    seen.mockClear();
    await fakeBrowser.storage.local.set({ other: 1 });
    await updateSettings({ theme: 'dark' });
    expect(seen).not.toHaveBeenCalled();
  });
});
