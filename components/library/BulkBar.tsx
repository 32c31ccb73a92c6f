/**
 * Bulk actions on the selection: select the page or every result, delete (with undo), export.
 * Export calls `onExport` (wired by the library page to utils/formats); without it the export
 * controls are not shown.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { t, tn } from '@/utils/i18n';
import { selectedCount, type Selection } from './selection';
import { EXPORT_FORMATS, exportFormatLabel } from '@/components/share/export-formats';

export type LibraryExportFormat = (typeof EXPORT_FORMATS)[number];

export interface BulkBarProps {
  selection: Selection;
  /** Matches in all, when known. */
  total?: number;
  /** More matches than this page holds. */
  morePages: boolean;
  pageIds: readonly string[];
  onSelectPage: (on: boolean) => void;
  onSelectAll: () => void;
  onClear: () => void;
  onDelete: () => void;
  onExport?: (format: LibraryExportFormat) => void;
  busy: boolean;
}

export function BulkBar({ selection, total, morePages, pageIds, onSelectPage, onSelectAll, onClear, onDelete, onExport, busy }: BulkBarProps) {
  const id = useId();
  const [format, setFormat] = useState<LibraryExportFormat>('factmark-bundle');
  const count = selectedCount(selection, total ?? Infinity);
  const pageSelected = pageIds.length > 0 && (selection.kind === 'all' || pageIds.every((x) => selection.ids.has(x)));
  const somePageSelected = selection.kind === 'ids' && pageIds.some((x) => selection.ids.has(x));
  const pageBox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (pageBox.current) pageBox.current.indeterminate = !pageSelected && somePageSelected;
  }, [pageSelected, somePageSelected]);

  return (
    <div class="fm-bulk" role="group" aria-label={t('bulkLabel')}>
      <label class="fm-check">
        <input type="checkbox" ref={pageBox} checked={pageSelected} disabled={pageIds.length === 0} onChange={(e) => onSelectPage(e.currentTarget.checked)} />
        {t('selectPage')}
      </label>
      {morePages && selection.kind !== 'all' ? (
        <button type="button" class="fm-link-button" onClick={onSelectAll}>
          {total !== undefined ? t('selectAllResults', total) : t('selectAllResultsUnknown')}
        </button>
      ) : null}
      <span class="fm-bulk__count" aria-live="polite">
        {count === Infinity ? t('allResultsSelected') : count ? tn('selectedCount', count) : ''}
      </span>
      {count ? (
        <>
          <button type="button" class="fm-link-button" onClick={onClear}>
            {t('clearSelection')}
          </button>
          <button type="button" class="fm-danger" onClick={onDelete} aria-disabled={busy ? 'true' : undefined}>
            {t('bulkDelete')}
          </button>
          {onExport ? (
            <span class="fm-bulk__export">
              <label for={`${id}-format`} class="fm-sr-only">
                {t('exportFormat')}
              </label>
              <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.currentTarget.value as LibraryExportFormat)}>
                {EXPORT_FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {exportFormatLabel(f)}
                  </option>
                ))}
              </select>
              <button type="button" onClick={() => onExport(format)} aria-disabled={busy ? 'true' : undefined}>
                {t('bulkExport')}
              </button>
            </span>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
