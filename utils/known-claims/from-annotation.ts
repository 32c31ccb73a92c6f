/** The reader's own graded notes are known claims too: a claim checked once is flagged everywhere. */
import { VERDICT_LABELS, type Annotation } from '../model/annotation';
import { urlAtQuote } from '../url/text-fragment';
import type { KnownClaim } from './types';

/** Prefix of known-claim ids derived from notes, so they never collide with imported ones. */
export const NOTE_CLAIM_PREFIX = 'note:';

export function knownClaimFromAnnotation(a: Annotation): KnownClaim | undefined {
  if (a.deleted || a.verdict === 'unrated' || !a.claim.trim()) return undefined;
  return {
    id: NOTE_CLAIM_PREFIX + a.id,
    text: a.claim,
    verdict: a.verdict,
    ratingName: VERDICT_LABELS[a.verdict],
    ...(a.author ? { publisher: a.author } : {}),
    // The reader's review is their note: its page, opened at the quote.
    reviewUrl: urlAtQuote(a.pageUrl, a.selectors.find((s) => s.type === 'TextQuoteSelector')?.exact ?? a.claim),
    appearanceUrls: [a.pageUrl],
    datePublished: new Date(a.updated).toISOString(),
    origin: 'note',
    updated: a.updated,
  };
}
