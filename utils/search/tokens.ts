/**
 * Search tokens for the library's full-text search. Pure (no Dexie, no browser API): the same
 * function folds the stored words (utils/storage/search-fields.ts computes them on every write)
 * and the reader's query, so "Ökonomie" finds "okonomie" and "econ" finds "economy".
 *
 *   "Ünïcödé UN-Vote, 3,000 people" → ["unicode", "un", "vote", "3000", "people"]
 *
 * Deliberately separate from utils/known-claims/fold.ts: that fold compares whole claims and may
 * change with the matcher; this one defines what is in the on-disk index, so changing it needs a
 * schema version that recomputes `words`.
 */
import type { Annotation } from '../model/annotation';

/** Longer tokens are cut (both when indexing and when searching, so prefixes still match). */
export const MAX_TOKEN_LENGTH = 40;
/** Bounds the index entries one huge note can add. */
export const MAX_WORDS_PER_NOTE = 1000;

const MARKS_RE = /\p{M}+/gu;
/** Letters NFD does not split into base letter + mark. */
const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', þ: 'th', ł: 'l', ı: 'i', ħ: 'h', ŋ: 'n', ſ: 's',
};
const SPECIAL_RE = /[ßæœøđðþłıħŋſ]/g;
/** 3,000 / 3.000 / 3'000 → 3000, so a figure is one token whichever way it was written. */
const THOUSANDS_RE = /(\p{N})[,.'’\u00a0\u202f](?=\p{N}{3}(?!\p{N}))/gu;
/** don't → dont: a contraction stays one token. */
const APOSTROPHE_RE = /(\p{L})['’ʼ](?=\p{L})/gu;
const SPLIT_RE = /[^\p{L}\p{N}]+/u;
const ASCII_RE = /^[\x00-\x7f]*$/;

/** Lower-case, diacritics removed (NFD + strip marks), a few letters spelled out. */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  if (ASCII_RE.test(lower)) return lower;
  return lower.normalize('NFD').replace(MARKS_RE, '').replace(SPECIAL_RE, (c) => SPECIAL_LETTERS[c] ?? c).normalize('NFC');
}

/** A token worth indexing: two characters or more, or any number ("5" in "5 percent"). */
const keep = (t: string) => t.length >= 2 || /\p{N}/u.test(t);

/** Folded tokens of a text, in order, duplicates kept. */
export function tokenize(text: string): string[] {
  if (!text) return [];
  const folded = foldText(text).replace(THOUSANDS_RE, '$1').replace(APOSTROPHE_RE, '$1');
  const out: string[] = [];
  for (const raw of folded.split(SPLIT_RE)) {
    if (raw && keep(raw)) out.push(raw.length > MAX_TOKEN_LENGTH ? raw.slice(0, MAX_TOKEN_LENGTH) : raw);
  }
  return out;
}

/**
 * English function words. They are in nearly every note, so indexing them would multiply the
 * size of the `*words` index (measured: about a third of a note's distinct words) for searches
 * nobody needs. Left out of prose fields only: host names and tags keep them ("who.int").
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  ('a an and are as at be been but by can could did do does for from had has have he her him his how i if in into is it its ' +
    'may me might more most my no not of on or our out over shall she should so some such than that the their them then there ' +
    'these they this those to too up us very was we were what when where which while who whom why will with would you your')
    .split(' '),
);
const prose = (text: string) => tokenize(text).filter((t) => !STOP_WORDS.has(t));

/**
 * URL words worth finding: host labels and path segments ("reuters", "2024", "inflation"). The
 * scheme, `www`, file extensions and the query string (tracking and paging parameters) are noise.
 */
const URL_NOISE = new Set(['http', 'https', 'www', 'html', 'htm', 'php', 'aspx']);
export function urlTokens(url: string): string[] {
  const rest = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/[?#].*$/s, '');
  return tokenize(safeDecode(rest)).filter((t) => !URL_NOISE.has(t));
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

type Searchable = Pick<Annotation, 'claim' | 'note' | 'sources' | 'tags'>;

/**
 * The distinct words of a note that search finds: claim, note, each source's title and URL, tags.
 * Sorted so the stored array is deterministic (imports compare records byte for byte).
 */
export function annotationWords(a: Searchable): string[] {
  const words = new Set<string>();
  const add = (tokens: string[]) => {
    for (const t of tokens) if (words.size < MAX_WORDS_PER_NOTE) words.add(t);
  };
  add(prose(a.claim ?? ''));
  for (const tag of a.tags ?? []) add(tokenize(tag));
  for (const s of a.sources ?? []) {
    add(prose(s?.title ?? ''));
    add(urlTokens(s?.url ?? ''));
  }
  add(prose(a.note ?? ''));
  return [...words].sort();
}

/**
 * The reader's query as distinct tokens; every one must prefix-match a word of the note. Function
 * words are dropped unless the query has nothing else (then they are searched as prefixes:
 * "who" still finds who.int and "whole").
 */
export function queryTokens(query: string): string[] {
  const all = [...new Set(tokenize(query))];
  const content = all.filter((t) => !STOP_WORDS.has(t));
  const tokens = content.length ? content : all;
  // A token that is a prefix of another adds nothing ("un union" ≡ "union" for AND-of-prefixes).
  return tokens.filter((t) => !tokens.some((o) => o !== t && o.startsWith(t)));
}

/** True when every query token is a prefix of some word (the same rule the index applies). */
export function matchesTokens(words: readonly string[], tokens: readonly string[]): boolean {
  return tokens.every((t) => words.some((w) => w.startsWith(t)));
}
