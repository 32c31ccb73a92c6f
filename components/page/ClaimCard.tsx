/**
 * The card for a detected (not yet checked) claim: why it looks check-worthy, in words, and the
 * two things a reader does with it — fact-check it, or dismiss it for this page. A known claim
 * (someone already reviewed it) shows that review's verdict and a link to it instead.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Verdict } from '@/utils/model/annotation';
import { VerdictBadge } from '@/components/verdict/VerdictBadge';
import { safeHttpUrl } from '@/components/verdict/source-label';

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

/** "a figure, a date and an attribution" */
export function reasonsInWords(reasons: string[]): string {
  if (reasons.length === 0) return 'its wording';
  if (reasons.length === 1) return reasons[0];
  return `${reasons.slice(0, -1).join(', ')} and ${reasons[reasons.length - 1]}`;
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
      aria-label={known ? 'Factmark: a claim already reviewed' : 'Factmark: a check-worthy claim'}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <header class="fm-card__head">
        {known ? <VerdictBadge verdict={known.verdict} /> : <strong>Check-worthy claim</strong>}
        <button type="button" class="fm-link" aria-label="Close" onClick={onClose}>
          ✕
        </button>
      </header>
      {known ? (
        <p class="fm-note__text">
          Reviewed{known.publisher ? ` by ${known.publisher}` : ''}
          {known.ratingName ? `: “${known.ratingName}”` : ''}.{' '}
          {reviewUrl ? (
            <a href={reviewUrl} target="_blank" rel="noopener noreferrer">
              Read the review
            </a>
          ) : null}
        </p>
      ) : (
        <p class="fm-note__text" data-reasons="true">
          Flagged for {reasonsInWords(reasons)}
          {score !== undefined ? ` (${Math.round(score * 100)}% check-worthy)` : ''}.
        </p>
      )}
      <blockquote class="fm-quote">{text}</blockquote>
      <div class="fm-actions">
        <span class="fm-spacer" />
        <button type="button" class="fm-primary" data-action="fact-check" onClick={onFactCheck}>
          ✓ Fact-check
        </button>
        {onDismiss ? (
          <button type="button" data-action="dismiss" onClick={onDismiss}>
            Dismiss
          </button>
        ) : null}
      </div>
    </section>
  );
}
