import { browser } from 'wxt/browser';
import { t, tn } from '@/utils/i18n';

/** MV3 Chrome has `action`; the Firefox MV2 build has `browserAction`. */
const action = () => browser.action ?? browser.browserAction;

const NOTES_COLOUR = '#27356f';
const KNOWN_COLOUR = '#9a3412';
const CLAIMS_COLOUR = '#6b7280';

export interface BadgeStatus {
  notes: number;
  claims: number;
  /** Sentences that repeat an already reviewed claim. */
  known?: number;
}

/** What the badge says, in order of what matters to the reader: their own notes on the page, then
 * sentences someone already fact-checked, then the claims worth checking. */
export function badgeFor({ notes, claims, known = 0 }: BadgeStatus): { text: string; color: string; title: string } {
  if (notes > 0) return { text: String(notes), color: NOTES_COLOUR, title: tn('badgeNotes', notes) };
  if (known > 0) return { text: String(known), color: KNOWN_COLOUR, title: tn('badgeKnown', known) };
  if (claims > 0) return { text: String(claims), color: CLAIMS_COLOUR, title: tn('badgeClaims', claims) };
  return { text: '', color: CLAIMS_COLOUR, title: t('appName') };
}

/** The toolbar badge of a tab (see badgeFor). */
export async function updateBadge(tabId: number, status: BadgeStatus): Promise<void> {
  const { text, color, title } = badgeFor(status);
  try {
    await action().setBadgeText({ tabId, text });
    await action().setBadgeBackgroundColor({ tabId, color });
    await action().setTitle({ tabId, title });
  } catch {
    // The tab closed meanwhile: nothing to show.
  }
}
