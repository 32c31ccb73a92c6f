/** The export formats a reader picks from (library selection, popup page export), with their labels. */
import { t } from '@/utils/i18n';
import type { ExportFormat } from '@/utils/formats/types';

export const EXPORT_FORMATS = ['factmark-bundle', 'web-annotation', 'claim-review', 'markdown'] as const satisfies readonly ExportFormat[];

export function exportFormatLabel(f: ExportFormat): string {
  return t(f === 'factmark-bundle' ? 'formatBundle' : f === 'web-annotation' ? 'formatWebAnnotation' : f === 'claim-review' ? 'formatClaimReview' : 'formatMarkdown');
}
