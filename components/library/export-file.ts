/**
 * The library page's exports: the file is written in a worker (components/library/export.worker.ts;
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
}

/** Exports `source` as `format` and downloads the file; resolves with the records written. */
export type ExportHandler = (format: ExportFormat, source: ExportSource, options?: ExportOptions) => Promise<{ count: number }>;

/** The worker, bundled by Vite from this URL pattern (it must stay literal). */
const createWorker = () => new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module', name: 'factmark-export' });

export const exportAndDownload: ExportHandler = async (format, source, { onProgress, signal } = {}) => {
  performance.mark('factmark:export-start');
  const { authorName } = await getSettings();
  const settings = { authorName: authorName || undefined, now: Date.now(), clientVersion: browser.runtime.getManifest().version };
  const file = await exportOffThread(
    { format, settings, source },
    { createWorker, inPage: (s, aborted) => readForExport(getDb(), s, aborted), onProgress, signal },
  );
  performance.mark('factmark:export-ready', { detail: { bytes: file.blob.size, where: file.where } });
  signal?.throwIfAborted();
  downloadFile({ content: file.blob, filename: file.filename });
  return { count: file.count };
};
