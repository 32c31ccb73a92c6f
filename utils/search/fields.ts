/**
 * Fields derived from a note only so IndexedDB can index them. They are computed on every write
 * (the DBCore middleware in utils/storage/db.ts) and removed again on every read, so they never
 * leave the storage layer: replies, exports and UI only ever see the model's own fields.
 *
 * Search words are not among them since schema v5: they live in the packed search index
 * (utils/storage/search-index.ts). `words` is still stripped from reads, for records written by
 * versions 3–4 that an upgrade has not rewritten yet.
 */
import type { Annotation } from '../model/annotation';
import { memoizeByString } from '../memo';

export interface SearchFields {
  /** The page's site: host name, lower-case, without `www.` (index `[deleted+site+pageUrl+updated]`). */
  site: string;
}

/** The site of a page URL ('' when it does not parse); memoised, as lists show the same pages over and over. */
export const siteOf: (pageUrl: string) => string = memoizeByString((pageUrl) => {
  try {
    return new URL(pageUrl).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return '';
  }
});

export function searchFields(a: Annotation): SearchFields {
  return { site: siteOf(a.pageUrl) };
}

/** A copy of a stored record with its derived fields added (and no legacy `words`). */
export function withSearchFields<T extends Annotation>(a: T): T & SearchFields {
  const { words: _legacy, ...rest } = a as T & { words?: unknown };
  return { ...(rest as T), ...searchFields(a) };
}

/** A stored record without its derived fields (the same object when it has none). */
export function withoutSearchFields<T>(value: T): T {
  if (!value || typeof value !== 'object' || !('words' in value || 'site' in value)) return value;
  const { words: _w, site: _s, ...rest } = value as T & Partial<SearchFields> & { words?: unknown };
  return rest as T;
}
