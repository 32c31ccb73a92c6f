import type { Verdict } from '@/utils/model/annotation';
import { VERDICT_SYMBOLS } from './verdict-style';
import { verdictLabel } from './verdict-label';

/** The verdict as a word plus a symbol, never colour alone. */
export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return (
    <span class={`fm-badge fm-badge--${verdict}`}>
      <span aria-hidden="true">{VERDICT_SYMBOLS[verdict]} </span>
      {verdictLabel(verdict)}
    </span>
  );
}
