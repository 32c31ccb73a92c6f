import { browser } from 'wxt/browser';

/** MV3 Chrome has `action`; the Firefox MV2 build has `browserAction`. */
const action = () => browser.action ?? browser.browserAction;

export async function updateBadge(tabId: number, notes: number): Promise<void> {
  try {
    await action().setBadgeText({ tabId, text: notes > 0 ? String(notes) : '' });
    await action().setBadgeBackgroundColor({ tabId, color: '#3b4a6b' });
  } catch {
    // The tab closed meanwhile: nothing to show.
  }
}
