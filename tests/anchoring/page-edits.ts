/**
 * Edits a page's DOM around a quote the way real pages change between visits (a typo fixed, words
 * added, a paragraph moved or deleted, markup or whitespace changed), each with an exact undo so a
 * corpus suite can edit, re-index, anchor and restore instead of re-parsing a 1 MB page.
 */
import type { TextIndex } from '../../utils/anchoring/text-index';

export const EDIT_KINDS = ['typo', 'insert-before', 'move', 'split-markup', 'whitespace', 'delete'] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

export interface AppliedEdit {
  kind: EditKind;
  /** The text the note should now anchor to (normalised), or null when the quote is gone. */
  expected: string | null;
  /** Restore the DOM exactly; undo edits in the reverse order they were applied. */
  undo(): void;
}

/** Words inserted before the quote by 'insert-before'. */
export const INSERTED = 'Update, added after publication: ';

const LETTER = /\p{L}/u;
const BLOCK = new Set([
  'p', 'li', 'div', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'td', 'th', 'dd', 'dt',
  'figcaption', 'section', 'article', 'pre', 'header', 'footer', 'aside', 'caption', 'summary',
]);

/**
 * Apply one edit to the quote at [start, end) of `index.text` (the index must be current).
 * Returns null when the edit does not apply (e.g. a paragraph not wrapped in its own block element
 * cannot be moved or deleted as a whole).
 */
export function applyEdit(index: TextIndex, kind: EditKind, start: number, end: number): AppliedEdit | null {
  const text = index.text;
  const quote = text.slice(start, end);
  switch (kind) {
    case 'typo': {
      const m = findFrom(start, end, (i) => LETTER.test(text[i]) && rawCharIs(index, i, text[i]));
      if (m < 0) return null;
      const { node, offset } = index.nodeAt(m)!;
      const orig = node.data[offset];
      const repl = orig === 'x' ? 'q' : orig === 'X' ? 'Q' : orig === orig.toUpperCase() && orig !== orig.toLowerCase() ? 'X' : 'x';
      node.replaceData(offset, 1, repl);
      return {
        kind,
        expected: quote.slice(0, m - start) + repl + quote.slice(m - start + 1),
        undo: () => node.replaceData(offset, 1, orig),
      };
    }
    case 'insert-before': {
      const { node, offset } = index.nodeAt(start)!;
      node.insertData(offset, INSERTED);
      return { kind, expected: quote, undo: () => node.deleteData(offset, INSERTED.length) };
    }
    case 'split-markup': {
      // Two letters in the middle of a word, inside one text node, go into a <span>.
      const m = findFrom(start + 1, end - 3, (i) =>
        [i - 1, i, i + 1, i + 2].every((j) => LETTER.test(text[j]) && rawCharIs(index, j, text[j])) &&
        index.nodeAt(i)!.node === index.nodeAt(i + 2)!.node &&
        index.nodeAt(i + 2)!.offset === index.nodeAt(i)!.offset + 2,
      );
      if (m < 0) return null;
      const { node, offset } = index.nodeAt(m)!;
      const mid = node.splitText(offset);
      const rest = mid.splitText(2);
      const span = node.ownerDocument!.createElement('span');
      mid.parentNode!.insertBefore(span, mid);
      span.appendChild(mid);
      return {
        kind,
        expected: quote,
        undo: () => {
          node.appendData(mid.data + rest.data);
          span.remove();
          rest.remove();
        },
      };
    }
    case 'whitespace': {
      // Up to three single spaces become a mix of newline, tab, nbsp and spaces (last first, so
      // raw offsets of earlier ones in the same node stay valid).
      const spaces: number[] = [];
      for (let k = start + 1; k < end - 1; k++) if (text[k] === ' ' && rawCharIs(index, k, null)) spaces.push(k);
      if (spaces.length === 0) return null;
      const picks = [...new Set([0.8, 0.5, 0.2].map((f) => spaces[Math.floor(f * (spaces.length - 1))]))];
      const undos = picks.map((k) => {
        const { node, offset } = index.nodeAt(k)!;
        const orig = node.data[offset];
        const repl = ' \n\t\u00A0 ';
        node.replaceData(offset, 1, repl);
        return () => node.replaceData(offset, repl.length, orig);
      });
      return { kind, expected: quote, undo: () => undos.reverse().forEach((u) => u()) };
    }
    case 'move':
    case 'delete': {
      const el = wrappingBlock(index, start, end);
      if (!el) return null;
      const parent = el.parentNode!;
      const next = el.nextSibling;
      if (kind === 'move') el.ownerDocument.body.appendChild(el);
      else el.remove();
      return { kind, expected: kind === 'move' ? quote : null, undo: () => parent.insertBefore(el, next) };
    }
  }
}

/** The index of the first i in [from, to) — searching outwards from the middle — that passes. */
function findFrom(from: number, to: number, ok: (i: number) => boolean): number {
  const mid = (from + to) >> 1;
  for (let d = 0; mid - d >= from || mid + d < to; d++) {
    if (mid + d < to && ok(mid + d)) return mid + d;
    if (mid - d >= from && d > 0 && ok(mid - d)) return mid - d;
  }
  return -1;
}

/** Whether text char i maps to one raw char in the DOM (not a collapsed run or a boundary). */
function rawCharIs(index: TextIndex, i: number, ch: string | null): boolean {
  const a = index.nodeAt(i, 'start')!;
  const b = index.nodeAt(i + 1, 'end')!;
  if (a.node !== b.node || b.offset !== a.offset + 1) return false;
  const raw = a.node.data[a.offset];
  return ch === null ? /\s/.test(raw) : raw === ch;
}

/** The block element whose visible text is exactly [start, end), or null. */
function wrappingBlock(index: TextIndex, start: number, end: number): Element | null {
  const a = index.nodeAt(start)!.node;
  const b = index.nodeAt(end, 'end')!.node;
  const ancestors = new Set<Node>();
  for (let n: Node | null = a; n; n = n.parentNode) ancestors.add(n);
  let common: Node | null = b;
  while (common && !ancestors.has(common)) common = common.parentNode;
  for (let n: Node | null = common; n && n !== index.root; n = n.parentNode) {
    if (n.nodeType !== 1) continue;
    const el = n as Element;
    const r = index.fromRange({ startContainer: el, startOffset: 0, endContainer: el, endOffset: el.childNodes.length });
    const inner = index.text.slice(r.start, r.end).trim();
    if (r.start > start || r.end < end) return null; // cannot happen for an ancestor; be safe
    if (inner.length > end - start) return null; // the block holds more than this paragraph
    if (BLOCK.has(el.localName)) return el;
  }
  return null;
}
