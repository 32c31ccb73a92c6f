/**
 * Range → TextQuote (exact + 32 chars of context) and TextPosition selectors over the index's
 * normalised text, so anchoring reads them back with the same normalisation. Own code: slices.
 */
import type { Selector, TextPositionSelector, TextQuoteSelector } from '../model/annotation';
import type { RangeLike, TextIndex } from './text-index';

/** Context kept on each side of the quote (the W3C examples and Hypothesis use 32). */
export const CONTEXT_LENGTH = 32;

/**
 * Selectors for a user selection or any DOM range. Whitespace at either edge is dropped; a range
 * with no visible text (collapsed, or inside a hidden subtree) gives [].
 */
export function describeRange(index: TextIndex, range: RangeLike): Selector[] {
  const { start, end } = index.fromRange(range);
  return describeOffsets(index.text, start, end);
}

/** Selectors for [start, end) of a normalised text (e.g. a claim sentence found in `index.text`). */
export function describeOffsets(
  text: string,
  start: number,
  end: number,
): [TextQuoteSelector, TextPositionSelector] | [] {
  let s = Math.max(0, start);
  let e = Math.min(text.length, end);
  while (s < e && text.charCodeAt(s) === 32) s++;
  while (e > s && text.charCodeAt(e - 1) === 32) e--;
  if (e <= s) return [];
  return [
    {
      type: 'TextQuoteSelector',
      exact: text.slice(s, e),
      prefix: text.slice(Math.max(0, s - CONTEXT_LENGTH), s),
      suffix: text.slice(e, e + CONTEXT_LENGTH),
    },
    { type: 'TextPositionSelector', start: s, end: e },
  ];
}
