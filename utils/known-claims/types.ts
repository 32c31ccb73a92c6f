import type { Verdict } from '../model/annotation';

/** Where a known claim came from. */
export type KnownClaimOrigin = 'claim-review' | 'media-review' | 'fact-check-tools' | 'note';

/**
 * A claim someone already reviewed (imported ClaimReview or the reader's own graded note),
 * flagged on any page whose sentences repeat it (see claim-index.ts).
 *
 * Stored in the `knownClaims` table keyed by `id`. Ids are deterministic (a hash of the review's
 * @id, or else of the folded claim text and the review URL or publisher; "note:<annotation id>"
 * for the reader's own notes), so importing the same file twice is a no-op.
 */
export interface KnownClaim {
  id: string;
  /** The claim as reviewed (claimReviewed), kept literally. */
  text: string;
  verdict: Verdict;
  /** The reviewer's own rating name (alternateName / textualRating), e.g. "Pants on Fire". */
  ratingName?: string;
  /** http(s) URL of the fact check. */
  reviewUrl?: string;
  /** Who published the review (ClaimReview author / API publisher). */
  publisher?: string;
  /** Who made the claim (itemReviewed.author / API claimant). */
  claimant?: string;
  /** http(s) pages where the claim appeared (Claim appearance / firstAppearance). */
  appearanceUrls: string[];
  /** As given by the source (ISO date or date-time). */
  datePublished?: string;
  language?: string;
  origin?: KnownClaimOrigin;
  /** Epoch ms: dateModified/datePublished of the review (0 when unknown); merge rule: newer wins. */
  updated: number;
}
