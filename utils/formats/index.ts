/**
 * Sharing formats: pure functions from records to files and back. No browser, WXT or Dexie API
 * here (utils/storage/import.ts applies an import to the database).
 */
import type { Annotation } from '../model/annotation';
import { exportClaimReviews } from './claim-review';
import { exportMarkdown } from './markdown';
import { exportNativeBundle } from './native-bundle';
import type { ExportFormat, ExportResult, ExportSettings } from './types';
import { exportWebAnnotations } from './web-annotation';

export function exportAs(format: ExportFormat, annotations: readonly Annotation[], settings: ExportSettings = {}): ExportResult {
  switch (format) {
    case 'factmark-bundle': return exportNativeBundle(annotations, settings);
    case 'web-annotation': return exportWebAnnotations(annotations, settings);
    case 'claim-review': return exportClaimReviews(annotations, settings);
    case 'markdown': return exportMarkdown(annotations, settings);
  }
}

export { exportNativeBundle, exportWebAnnotations, exportClaimReviews, exportMarkdown };
export { parseImport, parseImportFile, detectFormat, describeParse, summarizeImport, type ImportSummary } from './import';
export { planMerge, summarizePlan, skipReasons, type ImportPlan, type MergePlan, type SkippedItem } from './merge';
export { escapeMarkdownInline, escapeMarkdownBlock } from './markdown';
export { IMPORT_LIMITS } from './limits';
export type * from './types';
