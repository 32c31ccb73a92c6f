/**
 * Highlight names are public surface: users restyle them with `::highlight(name)`, tests read
 * them from `CSS.highlights`. Never rename one without a migration note in the README.
 */
import { VERDICTS, type Verdict } from '../model/annotation';

export const noteHighlightName = (verdict: Verdict) => `factmark-note-${verdict}` as const;
export const knownClaimHighlightName = (verdict: Verdict) => `factmark-known-${verdict}` as const;
export const CLAIM_HIGHLIGHT = 'factmark-claim';
export const EDITING_HIGHLIGHT = 'factmark-editing';
export const FLASH_HIGHLIGHT = 'factmark-flash';

export const ALL_HIGHLIGHT_NAMES: string[] = [
  ...VERDICTS.map(noteHighlightName),
  ...VERDICTS.map(knownClaimHighlightName),
  CLAIM_HIGHLIGHT,
  EDITING_HIGHLIGHT,
  FLASH_HIGHLIGHT,
];
