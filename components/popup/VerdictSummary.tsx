import { VERDICTS, type Annotation } from '@/utils/model/annotation';
import { t } from '@/utils/i18n';
import { VerdictBadge } from '../verdict/VerdictBadge';

/** How many notes of each verdict, in the scale's order (badges carry word and symbol, not only colour). */
export function VerdictSummary({ notes }: { notes: readonly Pick<Annotation, 'verdict'>[] }) {
  const counts = new Map<string, number>();
  for (const n of notes) counts.set(n.verdict, (counts.get(n.verdict) ?? 0) + 1);
  return (
    <ul class="fm-summary" aria-label={t('verdictSummaryLabel')}>
      {VERDICTS.filter((v) => counts.has(v)).map((v) => (
        <li key={v}>
          <VerdictBadge verdict={v} /> <span class="fm-summary__n">{counts.get(v)}</span>
        </li>
      ))}
    </ul>
  );
}
