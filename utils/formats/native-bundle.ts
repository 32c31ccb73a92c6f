/**
 * The native bundle: every record, tombstones included, in the model's own shape. Export then
 * import into an empty profile gives identical records. Versioned so a later release can read
 * older bundles (and refuse newer ones with a clear message rather than guess).
 */
import type { Annotation } from '../model/annotation';
import { checkAnnotation } from './annotation-check';
import { ITEMS, jsonArrayStream, wholeFile, type ExportStream } from './export-stream';
import { notice, type Notice } from './notice';
import type { ExportResult, ExportSettings, ImportItemResult } from './types';
import { isObj, type Obj } from './values';

export const BUNDLE_FORMAT = 'factmark-bundle';
export const BUNDLE_VERSION = 1;
export const CLIENT_NAME = 'Factmark';

export interface NativeBundle {
  format: typeof BUNDLE_FORMAT;
  version: number;
  /** ISO 8601 time of the export. */
  exported: string;
  client: { name: string; version: string };
  annotations: Annotation[];
}

/** The model's fields in the model's order: stored records may carry stray keys, exports do not. */
export function canonicalAnnotation(a: Annotation): Annotation {
  return {
    id: a.id,
    pageUrl: a.pageUrl,
    pageTitle: a.pageTitle,
    selectors: a.selectors.map((s) =>
      s.type === 'TextQuoteSelector'
        ? { type: s.type, exact: s.exact, ...(s.prefix !== undefined && { prefix: s.prefix }), ...(s.suffix !== undefined && { suffix: s.suffix }) }
        : { type: s.type, start: s.start, end: s.end },
    ),
    claim: a.claim,
    verdict: a.verdict,
    note: a.note,
    sources: a.sources.map((s) => ({
      url: s.url,
      ...(s.title !== undefined && { title: s.title }),
      ...(s.excerpt !== undefined && { excerpt: s.excerpt }),
      ...(s.accessed !== undefined && { accessed: s.accessed }),
    })),
    tags: [...a.tags],
    ...(a.author !== undefined && { author: a.author }),
    created: a.created,
    updated: a.updated,
    deleted: a.deleted,
  };
}

export function dateStamp(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** The native bundle written a chunk at a time (utils/formats/export-stream.ts). */
export function nativeBundleStream(settings: ExportSettings = {}): ExportStream {
  const now = settings.now ?? Date.now();
  return jsonArrayStream({
    item: canonicalAnnotation,
    document: () => ({
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      exported: new Date(now).toISOString(),
      client: { name: CLIENT_NAME, version: settings.clientVersion ?? 'unknown' },
      annotations: ITEMS,
    }),
    // Indented for people who open small files; compact for big ones (a third smaller).
    indentUpTo: 1000,
    file: () => ({ filename: `factmark-${dateStamp(now)}.factmark.json`, mime: 'application/json' }),
  });
}

export function exportNativeBundle(annotations: readonly Annotation[], settings: ExportSettings = {}): ExportResult {
  return wholeFile(nativeBundleStream(settings), annotations);
}

export function isNativeBundle(doc: unknown): doc is Obj {
  return isObj(doc) && typeof doc.format === 'string' && doc.format === BUNDLE_FORMAT;
}

export interface BundleParse {
  /** Why the whole bundle is refused. */
  error?: Notice;
  annotations: Annotation[];
  items: ImportItemResult[];
  messages: Notice[];
}

export function parseNativeBundle(doc: Obj, maxItems: number, onItem?: (i: number, n: number) => void): BundleParse {
  const out: BundleParse = { annotations: [], items: [], messages: [] };
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ...out, error: notice('importBundleNoVersion') };
  }
  if (version > BUNDLE_VERSION) return { ...out, error: notice('importBundleNewer', version) };
  if (!Array.isArray(doc.annotations)) return { ...out, error: notice('importBundleNoList') };
  const list = doc.annotations;
  if (list.length > maxItems) return { ...out, error: notice('importBundleTooMany', list.length, maxItems) };
  for (let i = 0; i < list.length; i++) {
    const r = checkAnnotation(list[i], { foreign: false });
    const raw = list[i];
    const id = isObj(raw) && typeof raw.id === 'string' ? raw.id.slice(0, 64) : undefined;
    if (r.ok) {
      out.annotations.push(r.annotation);
      out.items.push({ index: i, kind: 'annotation', status: r.messages.length ? 'sanitised' : 'ok', id: r.annotation.id, messages: r.messages });
    } else {
      out.items.push({ index: i, kind: 'annotation', status: 'rejected', ...(id !== undefined && { id }), messages: r.messages });
    }
    onItem?.(i + 1, list.length);
  }
  return out;
}
