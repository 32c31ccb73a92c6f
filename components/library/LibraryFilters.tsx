/**
 * Search box, filters (verdict, tag, site, date range), sort and grouping for the library.
 * Text search runs on every keystroke (the indexed query is fast enough; stale results are
 * replaced, never shown for the new text); tag and site apply when committed (Enter, leaving the
 * field, or picking a suggestion), so half-typed names do not flash "no results".
 */
import { useId, useState } from 'preact/hooks';
import { VERDICTS, type Verdict } from '@/utils/model/annotation';
import type { LibraryQuery, SortOrder } from '@/utils/search/query';
import type { LibraryStats } from '@/utils/storage/annotations';
import { t } from '@/utils/i18n';
import { verdictLabel } from '../verdict/verdict-label';

export interface LibraryFiltersProps {
  query: LibraryQuery;
  onChange: (query: LibraryQuery) => void;
  groupByPage: boolean;
  onGroupByPage: (on: boolean) => void;
  stats?: LibraryStats;
  /** Suggestions, loaded when the field is first focused. */
  loadSites: () => Promise<string[]>;
  loadTags: () => Promise<string[]>;
}

const SORTS: SortOrder[] = ['recent', 'site', 'verdict'];
const sortLabel = (s: SortOrder) => t(s === 'recent' ? 'sortRecent' : s === 'site' ? 'sortSite' : 'sortVerdict');

/** `<input type=date>` value ↔ epoch ms at the start (or end) of that local day. */
export function dayToTime(value: string, end: boolean): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const time = new Date(`${value}T${end ? '23:59:59.999' : '00:00:00'}`).getTime();
  return Number.isFinite(time) ? time : undefined;
}
export function timeToDay(time: number | undefined): string {
  if (time === undefined) return '';
  const d = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function LibraryFilters({ query, onChange, groupByPage, onGroupByPage, stats, loadSites, loadTags }: LibraryFiltersProps) {
  const id = useId();
  const [sites, setSites] = useState<string[] | null>(null);
  const [tags, setTags] = useState<string[] | null>(null);
  const set = (patch: Partial<LibraryQuery>) => onChange({ ...query, ...patch });
  const filtered = !!(query.text || query.verdict || query.tag || query.site || query.from !== undefined || query.to !== undefined);

  return (
    <div class="fm-filters">
      <form role="search" class="fm-search" onSubmit={(e) => e.preventDefault()}>
        <label for={`${id}-q`}>{t('searchLabel')}</label>
        <input
          id={`${id}-q`}
          type="search"
          placeholder={t('searchPlaceholder')}
          value={query.text ?? ''}
          autocomplete="off"
          onInput={(e) => set({ text: e.currentTarget.value })}
        />
      </form>
      <div class="fm-filter-row">
        <div class="fm-field">
          <label for={`${id}-verdict`}>{t('filterVerdict')}</label>
          <select id={`${id}-verdict`} value={query.verdict ?? ''} onChange={(e) => set({ verdict: (e.currentTarget.value || undefined) as Verdict | undefined })}>
            <option value="">{t('filterVerdictAll')}</option>
            {VERDICTS.map((v) => (
              <option key={v} value={v}>
                {stats ? t('labelWithCount', verdictLabel(v), stats.byVerdict[v] ?? 0) : verdictLabel(v)}
              </option>
            ))}
          </select>
        </div>
        <div class="fm-field">
          <label for={`${id}-tag`}>{t('filterTag')}</label>
          <input
            id={`${id}-tag`}
            type="text"
            list={`${id}-tags`}
            placeholder={t('filterAnyTag')}
            defaultValue={query.tag ?? ''}
            key={`tag:${query.tag ?? ''}`}
            onFocus={() => tags === null && void loadTags().then(setTags)}
            onChange={(e) => set({ tag: e.currentTarget.value.trim() || undefined })}
          />
          <datalist id={`${id}-tags`}>
            {(tags ?? []).map((tag) => (
              <option key={tag} value={tag} />
            ))}
          </datalist>
        </div>
        <div class="fm-field">
          <label for={`${id}-site`}>{t('filterSite')}</label>
          <input
            id={`${id}-site`}
            type="text"
            list={`${id}-sites`}
            placeholder={t('filterAnySite')}
            defaultValue={query.site ?? ''}
            key={`site:${query.site ?? ''}`}
            onFocus={() => sites === null && void loadSites().then(setSites)}
            onChange={(e) => set({ site: e.currentTarget.value.trim() || undefined })}
          />
          <datalist id={`${id}-sites`}>
            {(sites ?? []).map((site) => (
              <option key={site} value={site} />
            ))}
          </datalist>
        </div>
        <div class="fm-field">
          <label for={`${id}-from`}>{t('filterFrom')}</label>
          <input id={`${id}-from`} type="date" value={timeToDay(query.from)} onChange={(e) => set({ from: dayToTime(e.currentTarget.value, false) })} />
        </div>
        <div class="fm-field">
          <label for={`${id}-to`}>{t('filterTo')}</label>
          <input id={`${id}-to`} type="date" value={timeToDay(query.to)} onChange={(e) => set({ to: dayToTime(e.currentTarget.value, true) })} />
        </div>
        <div class="fm-field">
          <label for={`${id}-sort`}>{t('sortLabel')}</label>
          <select id={`${id}-sort`} value={query.sort} onChange={(e) => set({ sort: e.currentTarget.value as SortOrder })}>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {sortLabel(s)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class="fm-filter-row">
        <label class="fm-check">
          <input type="checkbox" checked={groupByPage} onChange={(e) => onGroupByPage(e.currentTarget.checked)} />
          {t('groupByPage')}
        </label>
        {filtered ? (
          <button type="button" class="fm-link-button" onClick={() => onChange({ sort: query.sort })}>
            {t('clearFilters')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
