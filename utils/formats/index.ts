/**
 * Sharing formats: pure functions from records to files and back. No browser, WXT or Dexie API
 * here (utils/storage/import.ts applies an import to the database).
 */
import type { Annotation } from '../model/annotation';
import { claimReviewStream, exportClaimReviews } from './claim-review';
import type { ExportStream } from './export-stream';
import { exportMarkdown, markdownStream } from './markdown';
import { exportNativeBundle, nativeBundleStream } from './native-bundle';
import type { ExportFormat, ExportResult, ExportSettings } from './types';
import { exportWebAnnotations, webAnnotationStream } from './web-annotation';

export function exportAs(format: ExportFormat, annotations: readonly Annotation[], settings: ExportSettings = {}): ExportResult {
  switch (format) {
    case 'factmark-bundle': return exportNativeBundle(annotations, settings);
    case 'web-annotation': return exportWebAnnotations(annotations, settings);
    case 'claim-review': return exportClaimReviews(annotations, settings);
    case 'markdown': return exportMarkdown(annotations, settings);
  }
}

/** The same file a chunk at a time (utils/formats/export-stream.ts): what the export worker writes. */
export function exportStream(format: ExportFormat, settings: ExportSettings = {}): ExportStream {
  switch (format) {
    case 'factmark-bundle': return nativeBundleStream(settings);
    case 'web-annotation': return webAnnotationStream(settings);
    case 'claim-review': return claimReviewStream(settings);
    case 'markdown': return markdownStream(settings);
  }
}

export type { ExportStream, ExportEnd } from './export-stream';
export { exportNativeBundle, exportWebAnnotations, exportClaimReviews, exportMarkdown };
export { parseImport, parseImportFile, detectFormat, describeParse, summarizeImport, type ImportSummary } from './import';
export { planMerge, summarizePlan, skipReasons, type ImportPlan, type MergePlan, type SkippedItem } from './merge';
export { escapeMarkdownInline, escapeMarkdownBlock } from './markdown';
export { IMPORT_LIMITS } from './limits';
export { notice, renderNotice, renderNotices, type Notice, type NoticeSub, type MessageFn } from './notice';
export type * from './types';
