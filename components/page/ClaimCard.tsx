/**
 * The card for a detected (not yet checked) claim: why it looks check-worthy, in words, and the
 * two things a reader does with it — fact-check it, or dismiss it for this page. A known claim
 * (someone already reviewed it) shows that review's verdict and a link to it instead.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Verdict } from '@/utils/model/annotation';
import { VerdictBadge } from '@/components/verdict/VerdictBadge';
import { safeHttpUrl } from '@/components/verdict/source-label';
import { t } from '@/utils/i18n';
import { reasonLabel } from '@/components/claims/reason-label';

export interface ClaimCardProps {
  text: string;
  /** Detected claims: the model's probability and its reasons. */
  score?: number;
  reasons?: string[];
  /** Known claims: the published review. */
  known?: { verdict: Verdict; ratingName?: string; reviewUrl?: string; publisher?: string };
  maxHeight?: number;
  autoFocus?: boolean;
  onFactCheck: () => void;
  onDismiss?: () => void;
  onClose: () => void;
}

/** "a figure, a date and an attribution": the model's reasons and the list's joints, all from the catalogue. */
export function reasonsInWords(modelReasons: string[]): string {
  const reasons = modelReasons.map(reasonLabel);
  if (reasons.length === 0) return t('pageClaimReasonsNone');
  if (reasons.length === 1) return reasons[0];
  let text = t('pageClaimReasonsTwo', reasons[reasons.length - 2], reasons[reasons.length - 1]);
  for (let i = reasons.length - 3; i >= 0; i--) text = t('pageClaimReasonsMore', reasons[i], text);
  return text;
}

/** "Reviewed by Example Fact Check: “Pants on fire”." */
function reviewedInWords(publisher?: string, ratingName?: string): string {
  if (publisher) return ratingName ? t('pageKnownReviewedByRating', publisher, ratingName) : t('pageKnownReviewedBy', publisher);
  return ratingName ? t('pageKnownReviewedRating', ratingName) : t('pageKnownReviewed');
}

export function ClaimCard({ text, score, reasons = [], known, maxHeight, autoFocus, onFactCheck, onDismiss, onClose }: ClaimCardProps) {
  const root = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    if (autoFocus) root.current?.querySelector<HTMLElement>('[data-action="fact-check"]')?.focus();
  }, []);
  const reviewUrl = known?.reviewUrl ? safeHttpUrl(known.reviewUrl) : null;
  return (
    <section
      ref={root}
      class="fm-root fm-panel fm-card"
      style={maxHeight ? { maxHeight: `${maxHeight}px` } : undefined}
      role="dialog"
      aria-label={known ? t('pageKnownClaimLabel') : t('pageClaimLabel')}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <header class="fm-card__head">
        {known ? <VerdictBadge verdict={known.verdict} /> : <strong>{t('pageClaimTitle')}</strong>}
        <button type="button" class="fm-link" aria-label={t('pageClose')} onClick={onClose}>
          ✕
        </button>
      </header>
      {known ? (
        <p class="fm-note__text">
          {reviewedInWords(known.publisher, known.ratingName)}{' '}
          {reviewUrl ? (
            <a href={reviewUrl} target="_blank" rel="noopener noreferrer">
              {t('pageKnownReadReview')}
            </a>
          ) : null}
        </p>
      ) : (
        <p class="fm-note__text" data-reasons="true">
          {score !== undefined
            ? t('pageClaimFlaggedScore', reasonsInWords(reasons), t('claimScore', Math.round(score * 100)))
            : t('pageClaimFlagged', reasonsInWords(reasons))}
        </p>
      )}
      <blockquote class="fm-quote">{text}</blockquote>
      <div class="fm-actions">
        <span class="fm-spacer" />
        <button type="button" class="fm-primary" data-action="fact-check" onClick={onFactCheck}>
          ✓ {t('claimFactCheck')}
        </button>
        {onDismiss ? (
          <button type="button" data-action="dismiss" onClick={onDismiss}>
            {t('actionDismiss')}
          </button>
        ) : null}
      </div>
    </section>
  );
}
