/**
 * The claim model's reasons ("a figure", utils/claims/features.ts `NAMED`) in the reader's
 * language. The model and the `npm run scan` CLI speak English; the page and the popup show the
 * catalogue's words. Kept apart from the model so the popup does not load it; a unit test checks
 * that every reason the model can give has a message here.
 */
import { t, type MessageKey } from '@/utils/i18n';

export const REASON_MESSAGES: Record<string, MessageKey> = {
  'a figure': 'claimReasonFigure',
  'a large number': 'claimReasonLargeNumber',
  'a percentage': 'claimReasonPercentage',
  'an amount of money': 'claimReasonMoney',
  'a year': 'claimReasonYear',
  'a date': 'claimReasonDate',
  'a quantity': 'claimReasonQuantity',
  'a statistic or trend': 'claimReasonStatisticOrTrend',
  'a named person, place or body': 'claimReasonEntity',
  'an attribution': 'claimReasonAttribution',
  'a comparison': 'claimReasonComparison',
  'a superlative': 'claimReasonSuperlative',
  'a causal link': 'claimReasonCausal',
  'a reported action': 'claimReasonReportedAction',
  'a policy or law': 'claimReasonPolicy',
  'an attributed figure': 'claimReasonAttributedFigure',
  'a statistic': 'claimReasonStatistic',
  'a measured quantity': 'claimReasonMeasuredQuantity',
  'a comparison of figures': 'claimReasonComparedFigures',
  'a dated event': 'claimReasonDatedEvent',
};

/** A reason as the reader reads it (an unknown one as the model said it). */
export function reasonLabel(reason: string): string {
  const key = REASON_MESSAGES[reason];
  return key ? t(key) : reason;
}
