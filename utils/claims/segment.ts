/**
 * Sentence segmentation over normalised page text (the text index's `text`, or any plain string).
 *
 * The UAX #29 sentence rules (sentence-break.ts, the same boundaries as `Intl.Segmenter` without
 * its 30–90 ms of ICU start-up per page) do the splitting; on top of them:
 * - block boundaries always end a sentence: a line break in the text (the text index separates
 *   blocks with "\n") splits, so a heading never runs into the paragraph under it;
 * - UAX #29 (like ICU as browsers run it) does not suppress abbreviations, so "Dr. Smith", "Jan. 5", "U.S. Army"
 *   and "St. Louis" are re-joined here;
 * - fragments with fewer than `minWords` words (photo credits, "Advertisement", bylines) are dropped.
 * Offsets are UTF-16 indices into the input string, trimmed of surrounding whitespace.
 */
import { sentenceEnds } from './sentence-break';

export interface Sentence {
  text: string;
  start: number;
  end: number;
}

export interface SegmentOptions {
  /** Drop sentences with fewer words than this (default 4). */
  minWords?: number;
}

/** Abbreviations after which a full stop does not end the sentence. */
const ALWAYS_JOIN = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'lt', 'col', 'capt', 'sgt', 'cpl', 'adm',
  'rev', 'hon', 'pres', 'supt', 'det', 'insp', 'st', 'ft', 'mt', 'jr', 'sr', 'vs', 'etc', 'no', 'nos',
  'vol', 'fig', 'approx', 'inc', 'corp', 'co', 'ltd', 'dept', 'univ', 'assn', 'bros', 'e.g', 'i.e', 'cf',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'p', 'pp', 'ed',
]);
/** Abbreviations that may also end a sentence ("…based in the U.S. The company…"). */
const INITIALS_RE = /(?:^|[\s(“"])((?:[A-Za-z]\.){2,})$/;
const LAST_WORD_RE = /(?:^|[\s(“"'])([A-Za-z][A-Za-z.]*)\.$/;
const COMMON_OPENERS = new Set([
  'The', 'A', 'An', 'And', 'But', 'Or', 'So', 'I', 'We', 'He', 'She', 'It', 'They', 'You', 'This', 'That',
  'These', 'Those', 'There', 'In', 'On', 'At', 'For', 'If', 'As', 'When', 'Now', 'Yet', 'However', 'His',
  'Her', 'Their', 'Our', 'My', 'Its', 'After', 'Before', 'While', 'Since', 'According', 'Some', 'Many',
  'Most', 'Officials', 'What', 'Why', 'How', 'Who',
]);

function wordCount(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const isWordChar = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 191;
    if (isWordChar && !inWord) n++;
    inWord = isWordChar;
  }
  return n;
}

/** Should the piece ending in `prev` be joined with the next piece starting `next`? */
function joins(prev: string, next: string): boolean {
  const p = prev.trimEnd();
  if (!p.endsWith('.')) return false;
  const nextWord = /^\s*([^\s]+)/.exec(next)?.[1] ?? '';
  const initials = INITIALS_RE.exec(p)?.[1];
  if (initials) {
    // "U.S. Army" joins; "in the U.S. The next day" does not.
    return !COMMON_OPENERS.has(nextWord.replace(/[^A-Za-z]/g, ''));
  }
  const last = LAST_WORD_RE.exec(p)?.[1]?.toLowerCase();
  if (!last) return false;
  if (last === 'no' || last === 'p' || last === 'pp' || last === 'vol' || last === 'fig') return /^\d/.test(nextWord);
  if (['mar', 'may', 'jun', 'dec', 'co', 'ed', 'etc'].includes(last)) return /^(\d|[a-z])/.test(nextWord);
  return ALWAYS_JOIN.has(last);
}

export function segmentSentences(text: string, opts: SegmentOptions = {}): Sentence[] {
  const minWords = opts.minWords ?? 4;
  const out: Sentence[] = [];
  // Blocks first: a line break always ends a sentence.
  const blockRe = /[^\n]+/g;
  let block: RegExpExecArray | null;
  while ((block = blockRe.exec(text))) {
    const base = block.index;
    const pieces: { start: number; end: number }[] = [];
    let from = 0;
    for (const to of sentenceEnds(block[0])) {
      const start = base + from;
      const end = base + to;
      const prev = pieces[pieces.length - 1];
      if (prev && joins(text.slice(prev.start, prev.end), block[0].slice(from, to))) prev.end = end;
      else pieces.push({ start, end });
      from = to;
    }
    for (const p of pieces) {
      let { start, end } = p;
      while (start < end && /\s/.test(text[start])) start++;
      while (end > start && /\s/.test(text[end - 1])) end--;
      if (end <= start) continue;
      const sentence = text.slice(start, end);
      if (wordCount(sentence) < minWords) continue;
      out.push({ text: sentence, start, end });
    }
  }
  return out;
}
