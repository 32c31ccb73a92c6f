/**
 * Fields derived from a note only so IndexedDB can index them. They are computed on every write
 * (the DBCore middleware in utils/storage/db.ts) and removed again on every read, so they never
 * leave the storage layer: replies, exports and UI only ever see the model's own fields.
 */
import type { Annotation } from '../model/annotation';
import { annotationWords } from './tokens';

/** A search word and the note's `updated`: the `*words` index then lists each word's notes newest first. */
export type WordKey = [word: string, updated: number];

export interface SearchFields {
  /** [folded search token, updated] pairs (multi-entry index `*words`); empty for a tombstone. */
  words: WordKey[];
  /** The page's site: host name, lower-case, without `www.` (index `[deleted+site+pageUrl+updated]`). */
  site: string;
}

export const DERIVED_KEYS = ['words', 'site'] as const;

export function siteOf(pageUrl: string): string {
  try {
    return new URL(pageUrl).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return '';
  }
}

export function searchFields(a: Annotation): SearchFields {
  return {
    // Tombstones are never searched: leaving them out keeps the index (and every search) smaller.
    words: a.deleted ? [] : annotationWords(a).map((w): WordKey => [w, a.updated]),
    site: siteOf(a.pageUrl),
  };
}

/** A copy of a stored record with its derived fields added. */
export function withSearchFields<T extends Annotation>(a: T): T & SearchFields {
  return { ...a, ...searchFields(a) };
}

/** A stored record without its derived fields (the same object when it has none). */
export function withoutSearchFields<T>(value: T): T {
  if (!value || typeof value !== 'object' || !('words' in value || 'site' in value)) return value;
  const { words: _w, site: _s, ...rest } = value as T & Partial<SearchFields>;
  return rest as T;
}
