/**
 * Menu items: the page's right-click "Fact-check selection" (asks the tab's content script to open
 * the editor for the current selection) and the toolbar icon's "Open the Factmark library". Menu items persist in Chrome across service-worker restarts
 * but not in every browser, so they are (re)created on install and on browser start, after
 * removing ours; the click listener is registered synchronously at every start, as MV3 requires.
 */
import { browser } from 'wxt/browser';
import { PROTOCOL_TAG } from '@/utils/messaging/protocol';
import { t } from '@/utils/i18n';

export const MENU_ID = 'factmark-fact-check-selection';
export const LIBRARY_MENU_ID = 'factmark-open-library';

/** The toolbar icon's own menu: 'action' in MV3 (Chrome), 'browser_action' in MV2 (Firefox). */
export const ACTION_CONTEXT = (import.meta.env.MANIFEST_VERSION === 2 ? 'browser_action' : 'action') as 'action';

/** The library page in a new tab. */
export function openLibrary(): Promise<unknown> {
  return browser.tabs.create({ url: browser.runtime.getURL('/library.html') });
}

/** Sends 'tab/fact-check-selection' to a tab's top frame; false when no content script answered. */
export async function askTabToFactCheck(tabId: number, frameId = 0): Promise<boolean> {
  try {
    await browser.tabs.sendMessage(tabId, { tag: PROTOCOL_TAG, type: 'tab/fact-check-selection', data: {} }, { frameId });
    return true;
  } catch {
    // No content script there (a browser page, a store page, a frame we do not run in).
    return false;
  }
}

export async function createContextMenu(menus: Pick<typeof browser.contextMenus, 'remove' | 'create'> = browser.contextMenus): Promise<void> {
  type Item = Parameters<typeof menus.create>[0];
  const items: Item[] = [
    { id: MENU_ID, title: t('contextMenuFactCheck'), contexts: ['selection'] },
    { id: LIBRARY_MENU_ID, title: t('openLibraryMenu'), contexts: [ACTION_CONTEXT] },
  ];
  for (const item of items) {
    await menus.remove(item.id!).catch(() => undefined);
    await new Promise<void>((resolve) => {
      menus.create(item, () => {
        // Reading lastError marks it handled (a duplicate id after a racing start is harmless).
        void browser.runtime.lastError;
        resolve();
      });
    });
  }
}

export function registerContextMenu(): void {
  browser.runtime.onInstalled.addListener(() => void createContextMenu());
  browser.runtime.onStartup?.addListener(() => void createContextMenu());
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === LIBRARY_MENU_ID) return void openLibrary();
    if (info.menuItemId !== MENU_ID || tab?.id === undefined) return;
    // The content script runs in the top frame only: a selection inside an iframe is not ours.
    if (info.frameId) return;
    void askTabToFactCheck(tab.id, 0);
  });
}
