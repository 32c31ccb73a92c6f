/**
 * Selectors → offsets on a TextIndex: the position hint checked against the quote, then matchQuote.
 * Strings only; make Ranges just for the matches that get painted (Ranges are slow in jsdom).
 */
import type { Selector, TextPositionSelector, TextQuoteSelector } from '../model/annotation';
import { prefixSimilarity, suffixSimilarity } from './context-similarity';
import { matchQuote, type MatchQuoteOptions } from './match-quote';
import { normalizeText } from './text-index';

export interface Anchor {
  start: number;
  end: number;
  /** Match score in [0, 1] (1: exact quote, context and position). */
  score: number;
  /** True when the page text equals the stored quote; false → "the page changed since". */
  exact: boolean;
  /** The page text at [start, end), to show next to the stored quote when they differ. */
  matchedText: string;
}

/** Anything with the normalised text: a TextIndex, or a plain `{ text }` in string-only code. */
export interface IndexedText {
  readonly text: string;
}

/** A hint this close to the quote's context is taken without searching further. */
const HINT_CONTEXT = 0.9;

/**
 * Find where a note's selectors point in the page. Null means orphan: the quote is gone, too
 * changed, or ambiguous. A TextPositionSelector alone is never trusted (it cannot be verified).
 */
export function anchorSelectors(
  index: IndexedText,
  selectors: readonly Selector[],
  opts?: MatchQuoteOptions,
): Anchor | null {
  const quoteSel = selectors.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector');
  if (!quoteSel) return null;
  const posSel = selectors.find((s): s is TextPositionSelector => s.type === 'TextPositionSelector');
  const text = index.text;
  const { quote, prefix, suffix, lead } = normalizeQuote(quoteSel);
  if (!quote) return null;
  const validPos = posSel && Number.isInteger(posSel.start) && posSel.start >= 0 && posSel.start <= text.length;
  const hint = validPos ? posSel.start + lead : undefined;

  // Position hint: the quote is still where it was and so is its context.
  if (hint !== undefined && text.startsWith(quote, hint)) {
    const end = hint + quote.length;
    const p = prefix ? prefixSimilarity(text, hint, prefix) : 1;
    const s = suffix ? suffixSimilarity(text, end, suffix) : 1;
    if (p >= HINT_CONTEXT && s >= HINT_CONTEXT) {
      const score = (50 + 20 * p + 20 * s + 10) / 100;
      return { start: hint, end, score, exact: true, matchedText: quote };
    }
  }
  const m = matchQuote(text, quote, { prefix, suffix, hint }, opts);
  if (!m) return null;
  const matchedText = text.slice(m.start, m.end);
  return { start: m.start, end: m.end, score: m.score, exact: matchedText === quote, matchedText };
}

/**
 * Anchor many notes on one page: one shared text, each note independent (one orphan never blocks
 * another). The index is built once by the caller; nothing here touches the DOM.
 */
export function anchorMany(
  index: IndexedText,
  notes: readonly (readonly Selector[])[],
  opts?: MatchQuoteOptions,
): (Anchor | null)[] {
  return notes.map((selectors) => anchorSelectors(index, selectors, opts));
}

/**
 * Normalise a stored quote like the page text. Imported selectors may carry edge whitespace in
 * `exact`; it moves into the context so the quote itself is trimmed.
 */
function normalizeQuote(sel: TextQuoteSelector) {
  const raw = normalizeText(sel.exact, { trim: false });
  const quote = raw.trim();
  const lead = raw.length > 0 && raw.charCodeAt(0) === 32 && quote ? 1 : 0;
  const trail = raw.length > quote.length + lead ? ' ' : '';
  const prefix = normalizeText((sel.prefix ?? '') + (lead ? ' ' : ''), { trim: false }).slice(-64);
  const suffix = normalizeText(trail + (sel.suffix ?? ''), { trim: false }).slice(0, 64);
  return { quote, prefix, suffix, lead };
}
