import { browser } from 'wxt/browser';

/** MV3 Chrome has `action`; the Firefox MV2 build has `browserAction`. */
const action = () => browser.action ?? browser.browserAction;

const NOTES_COLOUR = '#27356f';
const CLAIMS_COLOUR = '#6b7280';

/**
 * The toolbar badge of a tab: the reader's notes on the page when there are any (dark), else
 * the number of detected claims (grey), so a glance tells "checked here" from "worth checking".
 */
export async function updateBadge(tabId: number, { notes, claims }: { notes: number; claims: number }): Promise<void> {
  const text = notes > 0 ? String(notes) : claims > 0 ? String(claims) : '';
  const title = notes > 0 ? `Factmark: ${notes} note${notes === 1 ? '' : 's'} on this page` : claims > 0 ? `Factmark: ${claims} check-worthy claim${claims === 1 ? '' : 's'} on this page` : 'Factmark';
  try {
    await action().setBadgeText({ tabId, text });
    await action().setBadgeBackgroundColor({ tabId, color: notes > 0 ? NOTES_COLOUR : CLAIMS_COLOUR });
    await action().setTitle({ tabId, title });
  } catch {
    // The tab closed meanwhile: nothing to show.
  }
}
