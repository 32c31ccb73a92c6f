/**
 * Exports a page's notes from the popup, loaded only when the reader asks: the same path as the
 * library's exports (components/share/export-file.ts, the file written in the export worker from
 * the notes' ids), named after the page's site.
 */
import type { ExportFormat } from '@/utils/formats/types';
import { filenameForPage } from '@/utils/formats/filename';
import { exportAndDownload } from './export-file';

/** Writes the notes with these ids as `format` and downloads the file; resolves with the records written (none: no download). */
export async function exportPageNotes(format: ExportFormat, ids: readonly string[], pageUrl: string): Promise<number> {
  const { count } = await exportAndDownload(format, { kind: 'ids', ids: [...ids] }, { rename: (name) => filenameForPage(name, pageUrl), downloadEmpty: false });
  return count;
}
