/**
 * Glue between stored notes and the pure anchoring library: one text index of the page, every
 * note anchored on it, Ranges created only for the final matches.
 */
import type { Annotation } from '@/utils/model/annotation';

function buildTextIndex(root: Node) { const text = root.textContent ?? ''; return { text, toRange(s: number, e: number) { const r = document.createRange(); const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT); let pos = 0; let n: Node | null; let set = false; while ((n = w.nextNode())) { const len = n.textContent!.length; if (!set && s <= pos + len) { r.setStart(n, s - pos); set = true; } if (e <= pos + len) { r.setEnd(n, e - pos); break; } pos += len; } return r; } }; }
function anchorSelectors(index: { text: string }, sels: any[]) { const q = sels.find((s) => s.type === 'TextQuoteSelector'); const i = q ? index.text.indexOf(q.exact) : -1; return i < 0 ? null : { start: i, end: i + q.exact.length, exact: true, matchedText: q.exact }; }

export interface AnchoredNote {
  range: Range;
  start: number;
  end: number;
  /** False when the page text differs from the quote as it was checked. */
  exact: boolean;
  matchedText: string;
}

export function anchorNotes(root: Node, notes: Annotation[]): { anchored: Map<string, AnchoredNote>; orphans: string[] } {
  const anchored = new Map<string, AnchoredNote>();
  const orphans: string[] = [];
  const withSelectors = notes.filter((n) => n.selectors.length > 0);
  if (withSelectors.length === 0) return { anchored, orphans };
  const index = buildTextIndex(root);
  for (const note of withSelectors) {
    const hit = anchorSelectors(index, note.selectors);
    if (!hit) {
      orphans.push(note.id);
      continue;
    }
    anchored.set(note.id, {
      range: index.toRange(hit.start, hit.end),
      start: hit.start,
      end: hit.end,
      exact: hit.exact,
      matchedText: hit.matchedText,
    });
  }
  return { anchored, orphans };
}
