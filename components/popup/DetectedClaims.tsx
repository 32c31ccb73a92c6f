/**
 * The page's check-worthy claims, strongest first, each with "Fact-check" and "Dismiss".
 * Presentational only: the popup gets the list from the tab (a 'tab/claims' request, wired by
 * the claim-detection work) and decides what the buttons do.
 */
import { t } from '@/utils/i18n';
import { reasonLabel } from '@/components/claims/reason-label';
import { snippet } from '../verdict/NoteView';

export interface DetectedClaim {
  id: string;
  text: string;
  /** Check-worthiness, 0…1. */
  score: number;
  /** Short human-readable reasons ("a figure", "attributed statement"). */
  reasons: string[];
}

export interface DetectedClaimsProps {
  claims: readonly DetectedClaim[];
  onFactCheck: (claim: DetectedClaim) => void;
  onDismiss: (claim: DetectedClaim) => void;
}

export function rankClaims(claims: readonly DetectedClaim[]): DetectedClaim[] {
  return [...claims].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

export function DetectedClaims({ claims, onFactCheck, onDismiss }: DetectedClaimsProps) {
  const ranked = rankClaims(claims);
  return (
    <section class="fm-claims" aria-labelledby="fm-claims-title">
      <h2 id="fm-claims-title">{t('claimsTitle', ranked.length)}</h2>
      {ranked.length === 0 ? (
        <p class="fm-empty">{t('claimsEmpty')}</p>
      ) : (
        <ol class="fm-claims__list">
          {ranked.map((c) => {
            const label = snippet(c.text, 60);
            return (
              <li key={c.id} class="fm-claim" data-claim-id={c.id}>
                <blockquote class="fm-claim__text">{c.text}</blockquote>
                <p class="fm-claim__meta">
                  <span>{t('claimScore', Math.round(c.score * 100))}</span>
                  {c.reasons.length ? <span> · {t('claimReasons', c.reasons.map(reasonLabel).join(', '))}</span> : null}
                </p>
                <div class="fm-note__actions">
                  <button type="button" class="fm-primary" onClick={() => onFactCheck(c)} aria-label={t('claimFactCheckLabel', label)}>
                    {t('claimFactCheck')}
                  </button>
                  <button type="button" onClick={() => onDismiss(c)} aria-label={t('claimDismissLabel', label)}>
                    {t('actionDismiss')}
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
