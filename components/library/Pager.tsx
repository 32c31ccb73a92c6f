import { t } from '@/utils/i18n';

/**
 * Previous / next through result pages ("page 3 of 12" once the total is known). aria-disabled
 * rather than disabled keeps focus on the button at either end.
 */
export function Pager({ page, hasMore, pages, onPage }: { page: number; hasMore: boolean; pages?: number; onPage: (page: number) => void }) {
  if (page === 0 && !hasMore) return null;
  const first = page === 0;
  const last = !hasMore;
  return (
    <nav class="fm-pager" aria-label={t('pagerLabel')}>
      <button type="button" aria-disabled={first ? 'true' : undefined} onClick={() => !first && onPage(page - 1)}>
        {t('pagePrev')}
      </button>
      <span>{pages !== undefined ? t('pageOf', page + 1, pages) : t('pageN', page + 1)}</span>
      <button type="button" aria-disabled={last ? 'true' : undefined} onClick={() => !last && onPage(page + 1)}>
        {t('pageNext')}
      </button>
    </nav>
  );
}
