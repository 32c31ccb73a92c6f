/**
 * Sentences of this page that repeat a claim someone already fact-checked (an imported
 * ClaimReview, or the reader's own graded note made on another page), in reading order: the
 * verdict, who reviewed it, a link to the review, and "Show in page". Presentational only: the
 * list comes from the tab ('tab/claims') and the popup decides what "Show in page" does.
 */
import { t } from '@/utils/i18n';
import type { KnownClaimSummary } from '@/utils/messaging/protocol';
import { foldForMatching } from '@/utils/known-claims/fold';
import { VerdictBadge } from '../verdict/VerdictBadge';
import { safeHttpUrl } from '../verdict/source-label';
import { snippet } from '../verdict/NoteView';

/** What the tab reports of such a sentence ('tab/claims'). */
export type KnownClaimOnPage = KnownClaimSummary;

export interface KnownClaimsProps {
  items: readonly KnownClaimOnPage[];
  onShow: (item: KnownClaimOnPage) => void;
}

export function KnownClaims({ items, onShow }: KnownClaimsProps) {
  if (items.length === 0) return null;
  return (
    <section class="fm-known" aria-labelledby="fm-known-title">
      <h2 id="fm-known-title">{t('knownTitle', items.length)}</h2>
      <ol class="fm-claims__list">
        {items.map((k) => {
          const label = snippet(k.text, 60);
          const reviewUrl = k.reviewUrl ? safeHttpUrl(k.reviewUrl) : null;
          // The review's own wording, when the page words the claim differently.
          const reworded = foldForMatching(k.reviewed) !== foldForMatching(k.text);
          return (
            <li key={k.id} class="fm-claim fm-known__item" data-known-id={k.id}>
              <p class="fm-known__verdict">
                <VerdictBadge verdict={k.verdict} />
                {k.ratingName && !k.own ? <span class="fm-known__rating"> {t('knownRating', k.ratingName)}</span> : null}
              </p>
              <blockquote class="fm-claim__text">{k.text}</blockquote>
              {reworded ? <p class="fm-claim__meta">{t('knownReviewedClaim', snippet(k.reviewed, 160))}</p> : null}
              <p class="fm-claim__meta">
                {k.own ? t('knownOwn') : k.publisher ? t('knownReviewedBy', k.publisher) : t('knownReviewed')}
                {reviewUrl ? (
                  <>
                    {' · '}
                    <a href={reviewUrl} target="_blank" rel="noopener noreferrer" aria-label={t('knownReadLabel', label)}>
                      {t('knownRead')}
                    </a>
                  </>
                ) : null}
              </p>
              <div class="fm-note__actions">
                <button type="button" onClick={() => onShow(k)} aria-label={t('showInPageLabel', label)}>
                  {t('actionShowInPage')}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
