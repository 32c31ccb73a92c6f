/**
 * The text fold used to compare claims. Stronger than the anchoring normalisation
 * (utils/anchoring/text-index.ts, which must keep offsets): here only the words matter, so
 * case, diacritics, ligatures, punctuation, quote styles and thousands separators all go.
 *
 *   "More than 3,000 homicides were committed by “illegal aliens”!"
 *     → "more than 3000 homicides were committed by illegal aliens"
 */

/** Letters that NFKD does not decompose into a base letter + combining mark. */
const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', þ: 'th', ł: 'l', ı: 'i', ħ: 'h', ŋ: 'n', ſ: 's',
};
const SPECIAL_RE = /[ßæœøđðþłıħŋſ]/g;
const MARKS_RE = /\p{M}+/gu;
/** 3,000 / 3.000 / 3 000 (nbsp, thin space) / 3'000 → 3000; a plain space is not a separator ("2019 300 people"). */
const THOUSANDS_RE = /(\p{N})[,.'’\u00a0\u202f\u2009](?=\p{N}{3}(?!\p{N}))/gu;
/** Apostrophes inside words vanish (don't → dont), so contractions stay one word. */
const APOSTROPHE_RE = /(\p{L})['’ʼ‘`´](?=\p{L})/gu;
const NON_WORD_RE = /[^\p{L}\p{N}]+/gu;

/** ASCII fast path (most claims): same result as the Unicode path, about 5× faster. */
const ASCII_RE = /^[\x00-\x7f]*$/;
const ASCII_THOUSANDS_RE = /(\d)[,.'](?=\d{3}(?!\d))/g;
const ASCII_APOSTROPHE_RE = /([a-z])['`](?=[a-z])/g;
const ASCII_NON_WORD_RE = /[^a-z0-9]+/g;

export function foldForMatching(text: string): string {
  if (ASCII_RE.test(text)) {
    return text
      .toLowerCase()
      .replace(ASCII_THOUSANDS_RE, '$1')
      .replace(ASCII_APOSTROPHE_RE, '$1')
      .replace(ASCII_NON_WORD_RE, ' ')
      .trim();
  }
  // Thousands separators first: NFKD turns a no-break space into a plain one.
  let s = text.replace(THOUSANDS_RE, '$1').normalize('NFKD').toLowerCase();
  s = s.replace(MARKS_RE, '');
  s = s.replace(SPECIAL_RE, (c) => SPECIAL_LETTERS[c] ?? c);
  s = s.replace(APOSTROPHE_RE, '$1');
  return s.replace(NON_WORD_RE, ' ').trim();
}

/** The folded words of a text (empty for a text without letters or digits). */
export function foldedWords(text: string): string[] {
  const f = foldForMatching(text);
  return f ? f.split(' ') : [];
}
