/**
 * The background's two ways into the editor (context menu item, keyboard command) both end in
 * one tab request, 'tab/fact-check-selection', sent to the tab's top frame. The tab side is in
 * session.ts and covered by tests/e2e/annotate.e2e.ts.
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LIBRARY_MENU_ID, MENU_ID, askTabToFactCheck, createContextMenu, openLibrary } from '@/entrypoints/background/context-menu';
import { factCheckActiveTab } from '@/entrypoints/background/commands';
import { TAB_REQUEST_SCHEMAS } from '@/utils/messaging/protocol';
import * as v from 'valibot';
import { useEnglishMessages } from '../english-messages';

// Menu titles come from the message catalogue; the assertions read them in English.
useEnglishMessages();

const REQUEST = { tag: 'factmark/1', type: 'tab/fact-check-selection', data: {} };

describe('fact-check trigger (background)', () => {
  it('the request is a valid tab request', () => {
    expect(v.safeParse(TAB_REQUEST_SCHEMAS['tab/fact-check-selection'], REQUEST.data).success).toBe(true);
    expect(v.safeParse(TAB_REQUEST_SCHEMAS['tab/fact-check-selection'], { extra: 1 }).success).toBe(false);
  });

  it('creates the "Fact-check selection" item for selections, replacing an old one', async () => {
    const menus = {
      remove: vi.fn(async () => undefined),
      create: vi.fn((_props: unknown, cb?: () => void) => {
        cb?.();
        return MENU_ID;
      }),
    };
    await createContextMenu(menus as never);
    expect(menus.remove).toHaveBeenCalledWith(MENU_ID);
    expect(menus.create).toHaveBeenCalledWith({ id: MENU_ID, title: 'Fact-check selection', contexts: ['selection'] }, expect.any(Function));
    // The toolbar icon's menu opens the library (MV3 'action' in this Chrome build of the tests).
    expect(menus.remove).toHaveBeenCalledWith(LIBRARY_MENU_ID);
    expect(menus.create).toHaveBeenCalledWith({ id: LIBRARY_MENU_ID, title: 'Open the Factmark library', contexts: ['action'] }, expect.any(Function));
  });

  it('still creates the items when there were none to remove', async () => {
    const menus = { remove: vi.fn(async () => Promise.reject(new Error('no such item'))), create: vi.fn((_p: unknown, cb?: () => void) => cb?.()) };
    await createContextMenu(menus as never);
    expect(menus.create).toHaveBeenCalledTimes(2);
  });

  it('opens the library page in a new tab', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValueOnce({ id: 9 } as never);
    await openLibrary();
    expect(create).toHaveBeenCalledWith({ url: expect.stringMatching(/\/library\.html$/) });
  });

  it('asks the tab’s top frame, and reports a tab without our content script', async () => {
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValueOnce({ ok: true, value: 'opened' });
    expect(await askTabToFactCheck(7)).toBe(true);
    expect(send).toHaveBeenCalledWith(7, REQUEST, { frameId: 0 });
    send.mockRejectedValueOnce(new Error('Could not establish connection. Receiving end does not exist.'));
    expect(await askTabToFactCheck(8)).toBe(false);
  });

  it('the keyboard command goes to the tab it came from, else the active tab', async () => {
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ ok: true, value: 'opened' });
    await factCheckActiveTab(12);
    expect(send).toHaveBeenLastCalledWith(12, REQUEST, { frameId: 0 });
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValueOnce([{ id: 34 } as never]);
    await factCheckActiveTab();
    expect(send).toHaveBeenLastCalledWith(34, REQUEST, { frameId: 0 });
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValueOnce([]);
    expect(await factCheckActiveTab()).toBe(false);
  });
});
