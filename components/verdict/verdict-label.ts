import { VERDICT_LABELS, type Verdict } from '@/utils/model/annotation';
import { t, type MessageKey } from '@/utils/i18n';

/** The verdict's name in the UI language (English from the model when no catalogue is loaded). */
export function verdictLabel(verdict: Verdict): string {
  const key = `verdict_${verdict.replace(/-/g, '_')}` as MessageKey;
  const text = t(key);
  return text === key ? VERDICT_LABELS[verdict] : text;
}
