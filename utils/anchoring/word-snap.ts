/**
 * A reader's drag often stops a letter short of a word or a letter into the next one ("…of
 * Ukraine o"); the quote then reads as a typo and anchors on a fragment. Offsets that cut a word
 * are widened to the whole word, as word processors and reading apps do. Scripts written without
 * spaces (Chinese, Japanese, Thai, Lao, Khmer, Burmese) have no word edges to find from the
 * characters alone, so selections there are kept as they are; so is a word longer than
 * MAX_WORD (a URL, a hash), which the reader may well mean to cut.
 */

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const NO_SPACES = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const MAX_WORD = 40;

/** Inside a word written with spaces between words. */
const isSnappable = (ch: string | undefined) => ch !== undefined && WORD_CHAR.test(ch) && !NO_SPACES.test(ch);

/** The word around the edge between `at - 1` and `at`, or null when it is longer than MAX_WORD. */
function wordAcross(text: string, at: number): { start: number; end: number } | null {
  let s = at;
  let e = at;
  while (s > 0 && isSnappable(text[s - 1])) if (at - --s > MAX_WORD) return null;
  while (e < text.length && isSnappable(text[e])) if (++e - s > MAX_WORD) return null;
  return { start: s, end: e };
}

/** [start, end) of `text` widened so it does not begin or end in the middle of a word. */
export function snapToWords(text: string, start: number, end: number): { start: number; end: number } {
  if (end <= start) return { start, end };
  const cutsWord = (at: number) => isSnappable(text[at - 1]) && isSnappable(text[at]);
  const first = cutsWord(start) ? wordAcross(text, start) : null;
  const last = cutsWord(end) ? wordAcross(text, end) : null;
  return { start: first?.start ?? start, end: last?.end ?? end };
}
