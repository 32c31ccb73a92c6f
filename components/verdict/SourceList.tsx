import type { Source } from '@/utils/model/annotation';
import { t } from '@/utils/i18n';
import { safeHttpUrl, sourceLabel } from './source-label';

/** Sources as safe links: http(s) only, new tab, no opener, no referrer. */
export function SourceList({ sources }: { sources: Source[] }) {
  if (sources.length === 0) return null;
  return (
    <ul class="fm-sources" aria-label={t('sourcesLabel')}>
      {sources.map((s, i) => {
        const href = safeHttpUrl(s.url);
        return (
          <li key={i}>
            {href ? (
              <a href={href} target="_blank" rel="noopener noreferrer">
                {sourceLabel(s)}
                <span class="fm-sr-only"> {t('opensInNewTab')}</span>
              </a>
            ) : (
              <span>{sourceLabel(s)}</span>
            )}
            {s.excerpt ? <blockquote class="fm-excerpt">{s.excerpt}</blockquote> : null}
          </li>
        );
      })}
    </ul>
  );
}
