/**
 * Sharing: export everything in one of the open formats, and import files from others.
 * Selections are exported from the notes list (BulkBar); this panel is for whole libraries.
 * The file is written in a worker a chunk at a time (components/share/export-file.ts), so the
 * page stays responsive: a progress bar follows it, and Cancel stops it with nothing downloaded.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { PROTOCOL_TAG } from '@/utils/messaging/protocol-tag';
import { t, tn } from '@/utils/i18n';
import { ImportPanel } from './ImportPanel';
import type { LibraryExportFormat } from './BulkBar';
import type { ExportHandler } from '@/components/share/export-file';
import { errorText } from '@/components/error-text';

const formats = (): { format: LibraryExportFormat; label: string; hint: string }[] => [
  { format: 'factmark-bundle', label: t('shareFormatBundle'), hint: t('shareFormatBundleHint') },
  { format: 'web-annotation', label: t('shareFormatWebAnnotation'), hint: t('shareFormatWebAnnotationHint') },
  { format: 'claim-review', label: t('shareFormatClaimReview'), hint: t('shareFormatClaimReviewHint') },
  { format: 'markdown', label: t('shareFormatMarkdown'), hint: t('shareFormatMarkdownHint') },
];

type ExportStage =
  | { kind: 'idle' }
  | { kind: 'exporting'; label: string; progress: number; cancel: () => void }
  | { kind: 'done'; count: number }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

export function SharePanel({ onExport }: { onExport?: ExportHandler }) {
  const [stage, setStage] = useState<ExportStage>({ kind: 'idle' });
  // Leaving the tab stops an export in progress (nothing is downloaded).
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);

  const exportAll = async (format: LibraryExportFormat, label: string) => {
    if (!onExport || running.current) return;
    const controller = new AbortController();
    running.current = controller;
    const progress = (fraction: number) => setStage({ kind: 'exporting', label, progress: fraction, cancel: () => controller.abort() });
    progress(0);
    try {
      // Only the native bundle carries tombstones; the open formats describe live notes (each
      // format leaves out what it does not write).
      const { count } = await onExport(format, { kind: 'everything' }, { onProgress: progress, signal: controller.signal });
      setStage({ kind: 'done', count });
    } catch (error) {
      setStage(controller.signal.aborted ? { kind: 'cancelled' } : { kind: 'failed', message: errorText(error) });
    } finally {
      running.current = null;
    }
  };

  const busy = stage.kind === 'exporting';
  return (
    <div class="fm-share">
      <section aria-labelledby="fm-export-title">
        <h2 id="fm-export-title">{t('shareExportTitle')}</h2>
        <ul class="fm-share__formats">
          {formats().map(({ format, label, hint }) => (
            <li key={format}>
              <button type="button" onClick={() => void exportAll(format, label)} disabled={!onExport || busy} data-export={format}>
                {label}
              </button>{' '}
              <span class="fm-hint">{hint}</span>
            </li>
          ))}
        </ul>
        <ExportStatus stage={stage} />
      </section>
      <ImportPanel
        onImported={(pageUrls) =>
          void browser.runtime.sendMessage({ tag: PROTOCOL_TAG, type: 'notes/announce-changes', data: { pageUrls } }).catch(() => undefined)
        }
      />
    </div>
  );
}

/** One live region for the whole export: progress and Cancel while it runs, then the outcome. */
function ExportStatus({ stage }: { stage: ExportStage }) {
  if (stage.kind === 'failed') {
    return (
      <p role="alert" data-testid="export-status">
        {t('shareExportFailed', stage.message)}
      </p>
    );
  }
  const label = stage.kind === 'exporting' ? t('shareExporting', stage.label) : '';
  return (
    <div role="status" aria-live="polite" class="fm-share__status">
      {stage.kind === 'exporting' ? (
        <span data-testid="export-progress">
          {label} <progress max={1} value={stage.progress} aria-label={label} />{' '}
          <button type="button" onClick={stage.cancel}>
            {t('actionCancel')}
          </button>
        </span>
      ) : (
        <span data-testid="export-status">{stage.kind === 'done' ? tn('shareExported', stage.count) : stage.kind === 'cancelled' ? t('shareExportCancelled') : ''}</span>
      )}
    </div>
  );
}
