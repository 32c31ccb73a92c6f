/**
 * Import, the pure half: text → parse (bounded, prototype-safe) → detect the format → read and
 * validate every item → candidate annotations and known claims, with a result per item.
 * Nothing here touches the database; utils/storage/import.ts applies a merge plan atomically.
 *
 * parseImport never throws: a file that cannot be read at all comes back with ok: false and
 * the reason; a bad item is rejected with its reasons while the rest of the file goes on.
 */
import { isClaimReviewNode, isFactCheckToolsResponse, collectReviewNodes, parseClaimReviews, parseFactCheckTools } from './claim-review';
import { IMPORT_LIMITS, type ImportLimits } from './limits';
import { isNativeBundle, parseNativeBundle } from './native-bundle';
import { notice, pluralNotice, type Notice } from './notice';
import { parseJsonSafely, tooLarge } from './safe-json';
import type { ImportFormat, ImportItemResult, ItemStatus, ParseOptions, ParsedImport } from './types';
import { isAnnotationLike, isHypothesisExport, isWebAnnotationContainer, parseWebAnnotations } from './web-annotation';
import { quote } from './urls';
import { isObj } from './values';
import type { ImportPlan, SkippedItem } from './merge';

/** Which reader a parsed document needs, from its content alone (file names lie). */
export function detectFormat(doc: unknown): ImportFormat | undefined {
  if (isObj(doc) && typeof doc.format === 'string' && /^factmark/i.test(doc.format)) return 'factmark-bundle';
  if (isFactCheckToolsResponse(doc)) return 'fact-check-tools';
  if (isHypothesisExport(doc)) return 'hypothesis';
  if (isWebAnnotationContainer(doc) || isAnnotationLike(doc)) return 'web-annotation';
  if (isClaimReviewNode(doc)) return 'claim-review';
  if (isObj(doc) && (doc['@graph'] !== undefined || doc.mainEntity !== undefined) && collectReviewNodes(doc, 1).length) return 'claim-review';
  if (Array.isArray(doc)) {
    // The first recognisable element decides; the reader then judges each element.
    for (const x of doc.slice(0, 100)) {
      if (isAnnotationLike(x) || isWebAnnotationContainer(x)) return isObj(x) && x.uri !== undefined && !x.type ? 'hypothesis' : 'web-annotation';
      if (isClaimReviewNode(x) || (isObj(x) && x['@graph'] !== undefined)) return 'claim-review';
    }
  }
  return undefined;
}

function refuse(error: Notice, messages: Notice[] = []): ParsedImport {
  return { ok: false, annotations: [], knownClaims: [], items: [], messages: [...messages, error] };
}

/** Parses and validates an import file's text. */
export function parseImport(text: string, options: ParseOptions = {}): ParsedImport {
  try {
    return parseImportUnsafe(text, options);
  } catch (e) {
    // Defence in depth: the readers are written not to throw; if one does, the file is refused.
    return refuse(e instanceof Error ? notice('importFileUnreadableDetail', e.message.slice(0, 120)) : notice('importFileUnreadable'));
  }
}

function parseImportUnsafe(text: string, options: ParseOptions): ParsedImport {
  const limits: ImportLimits = { ...IMPORT_LIMITS, ...options.limits };
  const now = options.now ?? Date.now();
  const parsed = parseJsonSafely(text, limits.fileBytes, limits.depth, limits.containers);
  if (!parsed.ok) return refuse(parsed.error);
  const messages: Notice[] = [];
  if (parsed.droppedKeys) messages.push(pluralNotice('importForbiddenKeys', parsed.droppedKeys));
  const doc = parsed.value;
  const format = detectFormat(doc);
  if (!format) return refuse(notice('importFileUnknownFormat'), messages);
  const progress = options.onProgress;
  let lastReported = -1;
  const onItem = progress
    ? (i: number, n: number) => {
        // At most ~100 calls per file, and always the final 1.
        const step = Math.max(1, Math.floor(n / 100));
        if (i === n || i - lastReported >= step) {
          lastReported = i;
          progress(n ? i / n : 1);
        }
      }
    : undefined;

  const result: ParsedImport = { ok: true, format, annotations: [], knownClaims: [], items: [], messages };
  switch (format) {
    case 'factmark-bundle': {
      if (!isNativeBundle(doc)) return refuse(notice('importFileUnknownFactmarkFormat', quote(String((doc as { format: string }).format), 40)), messages);
      const r = parseNativeBundle(doc, limits.items, onItem);
      if (r.error) return refuse(r.error, messages);
      result.annotations = r.annotations;
      result.items = r.items;
      result.messages.push(...r.messages);
      break;
    }
    case 'web-annotation':
    case 'hypothesis': {
      const r = parseWebAnnotations(doc, limits.items, now, onItem);
      result.annotations = r.annotations;
      result.items = r.items;
      result.messages.push(...r.messages);
      break;
    }
    case 'claim-review': {
      const r = parseClaimReviews(doc, limits.items, onItem);
      result.knownClaims = r.knownClaims;
      result.items = r.items;
      result.messages.push(...r.messages);
      break;
    }
    case 'fact-check-tools': {
      const r = parseFactCheckTools(doc as Record<string, unknown>, limits.items, onItem);
      result.knownClaims = r.knownClaims;
      result.items = r.items;
      result.messages.push(...r.messages);
      break;
    }
  }
  if (result.items.length === 0) result.messages.push(notice('importNoItems'));
  progress?.(1);
  return result;
}

/** Reads a File/Blob after checking its size, so an oversized file is never loaded into memory. */
export async function parseImportFile(file: Blob, options: ParseOptions = {}): Promise<ParsedImport> {
  const max = options.limits?.fileBytes ?? IMPORT_LIMITS.fileBytes;
  if (file.size > max) return refuse(tooLarge(file.size, max));
  let text: string;
  try {
    text = await file.text();
  } catch {
    return refuse(notice('importFileUnreadable'));
  }
  return parseImport(text, options);
}

export interface ImportSummary {
  /** "N added, M updated, K skipped, R rejected". */
  line: Notice;
  added: number;
  updated: number;
  skipped: SkippedItem[];
  rejected: { index: number; id?: string; reasons: Notice[] }[];
  /** Items imported with something dropped or repaired, and what. */
  repaired: { index: number; id?: string; changes: Notice[] }[];
}

/** The outcome for the reader: the parse's refusals and repairs plus the merge's decisions. */
export function summarizeImport(parsed: Pick<ParsedImport, 'items'>, plan: ImportPlan): ImportSummary {
  const added = plan.annotations.add.length + plan.knownClaims.add.length;
  const updated = plan.annotations.update.length + plan.knownClaims.update.length;
  const skipped = [...plan.annotations.skip, ...plan.knownClaims.skip];
  const rejected = parsed.items.filter((i) => i.status === 'rejected').map((i) => ({ index: i.index, ...(i.id !== undefined && { id: i.id }), reasons: i.messages }));
  const repaired = parsed.items.filter((i) => i.status === 'sanitised').map((i) => ({ index: i.index, ...(i.id !== undefined && { id: i.id }), changes: i.messages }));
  const line = rejected.length
    ? notice('importSummaryRejected', added, updated, skipped.length, rejected.length)
    : notice('importSummary', added, updated, skipped.length);
  return { line, added, updated, skipped, rejected, repaired };
}

/** One line for the reader: "12 items: 10 ready, 1 repaired, 1 rejected", or why the file was refused. */
export function describeParse(p: Pick<ParsedImport, 'ok' | 'items' | 'messages'> & { counts?: Record<ItemStatus, number> }): Notice {
  if (!p.ok) return p.messages[p.messages.length - 1] ?? notice('importFileRefused');
  const counts = p.counts ?? countItems(p.items);
  const total = counts.ok + counts.sanitised + counts.rejected;
  return notice('importItemCounts', pluralNotice('importItems', total), counts.ok, counts.sanitised, counts.rejected);
}

/** Items per status. */
export function countItems(items: readonly ImportItemResult[]): Record<ItemStatus, number> {
  const counts: Record<ItemStatus, number> = { ok: 0, sanitised: 0, rejected: 0 };
  for (const i of items) counts[i.status]++;
  return counts;
}
