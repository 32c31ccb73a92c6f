/**
 * Sharing: export everything in one of the open formats, and import files from others.
 * Selections are exported from the notes list (BulkBar); this panel is for whole libraries.
 */
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { getDb } from '@/utils/storage/db';
import { listEverything } from '@/utils/storage/annotations';
import { PROTOCOL_TAG } from '@/utils/messaging/protocol';
import { ImportPanel } from './ImportPanel';
import type { LibraryExportFormat } from './BulkBar';

const FORMATS: { format: LibraryExportFormat; label: string; hint: string }[] = [
  { format: 'factmark-bundle', label: 'Factmark bundle (.json)', hint: 'Everything, losslessly, including deletions — for another Factmark.' },
  { format: 'web-annotation', label: 'W3C Web Annotations (.jsonld)', hint: 'For other annotation tools.' },
  { format: 'claim-review', label: 'ClaimReview (.jsonld)', hint: 'Graded verdicts as schema.org ClaimReview, for publishing.' },
  { format: 'markdown', label: 'Markdown report (.md)', hint: 'Grouped by page, for a document or an email.' },
];

export function SharePanel({ onExport }: { onExport?: (format: LibraryExportFormat, notes: Awaited<ReturnType<typeof listEverything>>) => Promise<void> | void }) {
  const [status, setStatus] = useState('');
  const exportAll = async (format: LibraryExportFormat) => {
    if (!onExport) return;
    const all = await listEverything(getDb());
    // Only the native bundle carries tombstones; the open formats describe live notes.
    const notes = format === 'factmark-bundle' ? all : all.filter((n) => !n.deleted);
    await onExport(format, notes);
    setStatus(`Exported ${notes.length} note${notes.length === 1 ? '' : 's'}.`);
  };
  return (
    <div class="fm-share">
      <section aria-labelledby="fm-export-title">
        <h2 id="fm-export-title">Export everything</h2>
        <ul class="fm-share__formats">
          {FORMATS.map(({ format, label, hint }) => (
            <li key={format}>
              <button type="button" onClick={() => void exportAll(format)} disabled={!onExport} data-export={format}>
                {label}
              </button>{' '}
              <span class="fm-hint">{hint}</span>
            </li>
          ))}
        </ul>
        <p role="status" aria-live="polite">
          {status}
        </p>
      </section>
      <ImportPanel
        onImported={(pageUrls) =>
          void browser.runtime.sendMessage({ tag: PROTOCOL_TAG, type: 'notes/announce-changes', data: { pageUrls } }).catch(() => undefined)
        }
      />
    </div>
  );
}
