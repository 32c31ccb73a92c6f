/**
 * Exports (the library page's, and the popup's of one page): the file is written in a worker (components/share/export.worker.ts;
 * in the page itself when no worker starts) and only the finished Blob comes back, to be
 * downloaded. User Timing marks `factmark:export-start` and `factmark:export-ready` (detail:
 * bytes, where) let the benchmark time "click → Blob ready" (bench/share-browser.ts).
 */
import { browser } from 'wxt/browser';
import { exportOffThread, type ExportSource } from '@/utils/formats/export-worker-protocol';
import type { ExportFormat } from '@/utils/formats/types';
import { getSettings } from '@/utils/settings/settings';
import { readForExport } from '@/utils/storage/export-read';
import { getDb } from '@/utils/storage/db';
import { downloadFile } from './download';

export type { ExportSource };

export interface ExportOptions {
  /** 0–1. */
  onProgress?: (fraction: number) => void;
  /** Aborting stops the export: nothing is downloaded, the promise rejects with an AbortError. */
  signal?: AbortSignal;
  /** The downloaded file's name from the format's own (e.g. with the page's site in it). */
  rename?: (filename: string) => string;
  /** Whether to download a file that holds no record (default: yes, an empty export is still a file). */
  downloadEmpty?: boolean;
}

/** Exports `source` as `format` and downloads the file; resolves with the records written. */
export type ExportHandler = (format: ExportFormat, source: ExportSource, options?: ExportOptions) => Promise<{ count: number }>;

/** The worker, bundled by Vite from this URL pattern (it must stay literal). */
const createWorker = () => new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module', name: 'factmark-export' });

export const exportAndDownload: ExportHandler = async (format, source, { onProgress, signal, rename, downloadEmpty = true } = {}) => {
  performance.mark('factmark:export-start');
  const { authorName } = await getSettings();
  const settings = { authorName: authorName || undefined, now: Date.now(), clientVersion: browser.runtime.getManifest().version };
  const file = await exportOffThread(
    { format, settings, source },
    { createWorker, inPage: (s, aborted) => readForExport(getDb(), s, aborted), onProgress, signal },
  );
  performance.mark('factmark:export-ready', { detail: { bytes: file.blob.size, where: file.where } });
  signal?.throwIfAborted();
  if (file.count === 0 && !downloadEmpty) return { count: 0 };
  downloadFile({ content: file.blob, filename: rename ? rename(file.filename) : file.filename });
  return { count: file.count };
};
