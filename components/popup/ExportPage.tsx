/**
 * "Export this page's notes" in the popup: a format and a button. The export path (the library's
 * export worker, through components/share/export-page.ts) loads on the first click.
 */
import { useId, useState } from 'preact/hooks';
import { t, tn } from '@/utils/i18n';
import type { Annotation } from '@/utils/model/annotation';
import type { ExportFormat } from '@/utils/formats/types';
import { EXPORT_FORMATS, exportFormatLabel } from '@/components/share/export-formats';
import { errorText } from '@/components/error-text';

export interface ExportPageProps {
  notes: readonly Annotation[];
  pageUrl: string;
}

export function ExportPage({ notes, pageUrl }: ExportPageProps) {
  const id = useId();
  const [format, setFormat] = useState<ExportFormat>('markdown');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (busy) return;
    setBusy(true);
    setStatus('');
    try {
      const { exportPageNotes } = await import('@/components/share/export-page');
      const count = await exportPageNotes(format, notes.map((n) => n.id), pageUrl);
      setStatus(count ? tn('shareExported', count) : t('popupExportNothing', exportFormatLabel(format)));
    } catch (error) {
      setStatus(t('shareExportFailed', errorText(error)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="fm-export-page" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('popupExportTitle')}</h2>
      <div class="fm-export-page__row">
        <label for={`${id}-format`} class="fm-sr-only">
          {t('exportFormat')}
        </label>
        <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.currentTarget.value as ExportFormat)}>
          {EXPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {exportFormatLabel(f)}
            </option>
          ))}
        </select>
        <button type="button" onClick={run} aria-disabled={busy ? 'true' : undefined}>
          {t('popupExportButton')}
        </button>
      </div>
      <p class="fm-hint" role="status">
        {status}
      </p>
    </section>
  );
}
