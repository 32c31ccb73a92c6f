/**
 * Glue between stored notes and the pure anchoring library: one text index of the page, every
 * note anchored on it, Ranges created only for the final matches. Capture uses the same index
 * (same root, same visibility rule), so what is described now is what is found on the next visit.
 */
import type { Annotation, Selector } from '@/utils/model/annotation';
import { buildTextIndex, normalizeText, type TextIndex } from '@/utils/anchoring/text-index';
import { anchorSelectors } from '@/utils/anchoring/anchor';
import { describeOffsets } from '@/utils/anchoring/describe';
import { snapToWords } from '@/utils/anchoring/word-snap';

export interface AnchoredNote {
  range: Range;
  start: number;
  end: number;
  /** False when the page text differs from the quote as it was checked. */
  exact: boolean;
  matchedText: string;
  /** The range's own text when painted (normalised): a later difference means the DOM changed under it. */
  rangeText: string;
}

/**
 * Hidden subtrees (display:none, closed <details>, content-visibility) hold no readable text.
 * `checkVisibility()` is false for `display: contents` too, whose children *are* rendered, so
 * that case is let through. Only used in a browser; Node tests rely on the index's own rules.
 */
function isHiddenInBrowser(el: Element): boolean {
  if (typeof el.checkVisibility !== 'function' || el.checkVisibility()) return false;
  return getComputedStyle(el).display !== 'contents';
}

/** The text index of the page's visible text (our UI hosts hang off <html>, outside <body>). */
export function buildPageIndex(doc: Document = document): TextIndex {
  return buildTextIndex(doc.body ?? doc.documentElement, {
    isHidden: typeof window !== 'undefined' && typeof Element.prototype.checkVisibility === 'function' ? isHiddenInBrowser : undefined,
  });
}

export function anchorNotes(index: TextIndex, notes: Annotation[]): { anchored: Map<string, AnchoredNote>; orphans: string[] } {
  const anchored = new Map<string, AnchoredNote>();
  const orphans: string[] = [];
  for (const note of notes) {
    if (note.selectors.length === 0) continue; // a page note: nothing to attach
    const hit = index.text ? anchorSelectors(index, note.selectors) : null;
    if (!hit || hit.end <= hit.start) {
      orphans.push(note.id);
      continue;
    }
    const range = index.toRange(hit.start, hit.end);
    anchored.set(note.id, {
      range,
      rangeText: normalizeText(range.toString()),
      start: hit.start,
      end: hit.end,
      exact: hit.exact,
      matchedText: hit.matchedText,
    });
  }
  return { anchored, orphans };
}

export interface CapturedSelection {
  selectors: Selector[];
  /** The quote as the page shows it (normalised, trimmed): the claim text stored with the note. */
  quote: string;
  /** The selection snapped to the indexed text, for the `factmark-editing` highlight. */
  range: Range;
}

/** Selectors for a reader's selection (widened to whole words), or null when it covers no visible text. */
export function captureRange(index: TextIndex, range: Range): CapturedSelection | null {
  const selected = index.fromRange(range);
  const { start, end } = snapToWords(index.text, selected.start, selected.end);
  const selectors = describeOffsets(index.text, start, end);
  const quote = selectors.find((s) => s.type === 'TextQuoteSelector');
  const pos = selectors.find((s) => s.type === 'TextPositionSelector');
  if (!quote || quote.type !== 'TextQuoteSelector' || !pos || pos.type !== 'TextPositionSelector') return null;
  return { selectors, quote: quote.exact, range: index.toRange(pos.start, pos.end) };
}
