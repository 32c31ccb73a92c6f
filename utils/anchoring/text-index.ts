/**
 * One pass over the visible text under a root → one normalised string whose offsets map back to
 * text nodes. Own code: peers read textContent (incl. <script> copies of the article) or walk
 * Ranges, which jsdom makes slow (ARCHITECTURE.md, "Anchoring pitfalls").
 */
import { OffsetMap } from './offset-map';

/** Options for {@link buildTextIndex}. */
export interface TextIndexOptions {
  /**
   * Extra visibility test per element, e.g. `(el) => !el.checkVisibility()` in a browser. The index
   * already skips script/style/noscript/template/textarea/head…, `hidden` and inline
   * `display:none` subtrees without it; never pass a getComputedStyle-based hook in Node tests.
   */
  isHidden?: (el: Element) => boolean;
  /** Override block detection (default: a tag-name list); blocks get a word boundary around them. */
  isBlock?: (el: Element) => boolean;
  /**
   * The character between blocks (and at `<br>`): a space (default, what quotes are normalised
   * to) or "\n", for sentence segmentation, where a block boundary always ends a sentence.
   */
  blockSeparator?: ' ' | '\n';
}

/** A DOM boundary point inside a text node. */
export interface TextPoint {
  node: Text;
  offset: number;
}

/** The minimal boundary shape of a Range / StaticRange / Selection range. */
export interface RangeLike {
  startContainer: Node;
  startOffset: number;
  endContainer: Node;
  endOffset: number;
}

export interface TextIndex {
  readonly root: Node;
  /** Normalised visible text: single spaces, no soft hyphens or zero-width chars, trimmed. */
  readonly text: string;
  /** Text nodes that contribute to `text`, in document order. */
  readonly nodes: readonly Text[];
  /**
   * The boundary point for a text offset. `side: 'start'` (default) is the point before char
   * `offset`; `'end'` is the point after char `offset - 1`. Offsets are clamped to [0, length];
   * null only when the index is empty.
   */
  nodeAt(offset: number, side?: 'start' | 'end'): TextPoint | null;
  /** A DOM Range for [start, end) of `text`. Throws RangeError when the index is empty. */
  toRange(start: number, end: number, doc?: Document): Range;
  /**
   * Text offsets for a DOM range. Boundaries in element containers, in skipped (hidden, script…)
   * nodes or outside the root snap to the nearest indexed text; `end >= start` always.
   */
  fromRange(range: RangeLike): { start: number; end: number };
}

/** Subtrees whose text is never rendered as page text. */
const SKIPPED = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'head', 'title', 'iframe', 'object',
  'canvas', 'video', 'audio', 'select', 'datalist', 'desc', // title/desc: also SVG tooltips
]);

/** Elements that start a new line in normal flow: words on either side must not glue together. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details', 'dialog', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5',
  'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'option',
  'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
  // Not blocks, but their neighbours are separate words: cells, images, form controls.
  'img', 'input', 'button', 'br',
]);

// Whitespace (\s includes nbsp and the Unicode spaces) and characters that are removed outright:
// soft hyphen, zero-width space / non-joiner / joiner, word joiner, BOM / zero-width no-break space.
const SPECIAL_RUN = /[\s\u00AD\u200B-\u200D\u2060\uFEFF]+/g;
const REMOVED = /[\u00AD\u200B-\u200D\u2060\uFEFF]/;
const NOT_REMOVED = /[^\u00AD\u200B-\u200D\u2060\uFEFF]/;
/** A node needs the slow path if it has anything but single ASCII spaces between words. */
const NEEDS_SLOW = /[^\S ]|  |^ | $|[\u00AD\u200B-\u200D\u2060\uFEFF]/;
const ALL_SPACE = /^[\t\n\f\r ]*$/;
const DISPLAY_NONE = /display\s*:\s*none/i;
const REMOVED_ALL = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
const WS_ALL = /[\s\uFEFF]+/g;

/**
 * The normalisation `buildTextIndex` applies, for plain strings (quotes, claim sentences): soft
 * hyphens and zero-width chars removed, whitespace runs (incl. nbsp, newlines) → one space, trimmed
 * unless `trim: false` (for prefix/suffix context, whose edge spaces are significant).
 */
export function normalizeText(s: string, opts?: { trim?: boolean }): string {
  if (!NEEDS_SLOW.test(s)) return s; // already normal: the common case for stored quotes
  const out = s.replace(REMOVED_ALL, '').replace(WS_ALL, ' ');
  return opts?.trim === false ? out : out.trim();
}

/** Build the index of the visible text under `root` (an element, document or fragment). */
export function buildTextIndex(root: Node, opts: TextIndexOptions = {}): TextIndex {
  const b = new Builder(opts.blockSeparator ?? ' ');
  const isHidden = opts.isHidden;
  const isBlock = opts.isBlock ?? ((el: Element) => BLOCKS.has(el.localName));
  // Iterative pre-order walk (pages nest 20+ deep); the stack says which open elements are blocks.
  const blockStack: boolean[] = [];
  let node: Node | null = root.firstChild;
  while (node) {
    const type = node.nodeType;
    if (type === 3 || type === 4) {
      b.addText(node as Text);
    } else if (type === 1 && !isSkipped(node as Element, isHidden)) {
      const block = isBlock(node as Element);
      if (block) b.boundary();
      const child: Node | null = node.firstChild;
      if (child) {
        blockStack.push(block);
        node = child;
        continue;
      }
    }
    // Next sibling, or climb (closing a block adds a boundary after it).
    for (;;) {
      const next: Node | null = node!.nextSibling;
      if (next) {
        node = next;
        break;
      }
      node = node!.parentNode;
      if (!node || node === root || blockStack.length === 0) {
        node = null;
        break;
      }
      if (blockStack.pop()) b.boundary();
    }
  }
  return b.finish(root);
}

function isSkipped(el: Element, isHidden?: (el: Element) => boolean): boolean {
  if (SKIPPED.has(el.localName)) return true;
  // One getAttributeNames() call is ~2x cheaper in jsdom than hasAttribute + getAttribute.
  const names = el.getAttributeNames();
  if (names.length > 0) {
    if (names.includes('hidden') && el.getAttribute('hidden') !== 'until-found') return true;
    if (names.includes('style') && DISPLAY_NONE.test(el.getAttribute('style')!)) return true;
  }
  return isHidden ? isHidden(el) : false;
}

/**
 * Accumulates text and the run table. A run is a stretch of `text` that maps linearly onto one
 * text node (char i ↔ raw offset rawStart + i); collapsed whitespace and removed chars start a new
 * run. A synthetic run (a block/`<br>` boundary space) has zero width in the DOM.
 */
class Builder {
  text = '';
  runNorm: number[] = [];
  runNode: number[] = [];
  runRaw: number[] = [];
  runSynthetic: number[] = [];
  nodes: Text[] = [];
  /** Index of the current node in `nodes`, or -1 if it has no run yet. */
  private curNode: Node | null = null;
  private curIdx = -1;
  /** Pending real whitespace (first whitespace char of a run), emitted before the next char. */
  private spaceNode: Text | null = null;
  private spaceRaw = 0;
  private pendingBoundary = false;

  constructor(private readonly separator: ' ' | '\n') {}

  boundary(): void {
    this.pendingBoundary = true;
  }

  addText(node: Text): void {
    const s = node.data;
    if (s.length === 0) return;
    if (!NEEDS_SLOW.test(s)) {
      this.emit(node, 0, s);
      return;
    }
    if (ALL_SPACE.test(s)) {
      if (!this.spaceNode) {
        this.spaceNode = node;
        this.spaceRaw = 0;
      }
      return;
    }
    let last = 0;
    SPECIAL_RUN.lastIndex = 0;
    for (let m = SPECIAL_RUN.exec(s); m; m = SPECIAL_RUN.exec(s)) {
      const i = m.index;
      const run = m[0];
      if (i > last) this.emit(node, last, s.slice(last, i));
      last = i + run.length;
      if (this.spaceNode) continue;
      // Whitespace collapses to one space mapped to its first char; removed chars just vanish.
      const ws = run === ' ' || !REMOVED.test(run) ? 0 : run.search(NOT_REMOVED);
      if (ws >= 0) {
        this.spaceNode = node;
        this.spaceRaw = i + ws;
      }
    }
    if (last < s.length) this.emit(node, last, s.slice(last));
  }

  /** Append `chars` (no whitespace inside except single spaces) read from node at `raw`. */
  private emit(node: Text, raw: number, chars: string): void {
    if (this.text.length > 0 && (this.spaceNode || this.pendingBoundary)) {
      const sep = this.pendingBoundary ? this.separator : ' ';
      if (this.spaceNode) this.push(this.spaceNode, this.spaceRaw, sep, 0);
      else this.push(node, raw, sep, 1);
    }
    this.spaceNode = null;
    this.pendingBoundary = false;
    this.push(node, raw, chars, 0);
  }

  private push(node: Text, raw: number, chars: string, synthetic: number): void {
    if (node !== this.curNode) {
      this.curNode = node;
      this.curIdx = this.nodes.length;
      this.nodes.push(node);
    }
    const n = this.runNorm.length;
    const norm = this.text.length;
    const contiguous =
      synthetic === 0 &&
      n > 0 &&
      this.runSynthetic[n - 1] === 0 &&
      this.runNode[n - 1] === this.curIdx &&
      this.runRaw[n - 1] + (norm - this.runNorm[n - 1]) === raw;
    if (!contiguous) {
      this.runNorm.push(norm);
      this.runNode.push(this.curIdx);
      this.runRaw.push(raw);
      this.runSynthetic.push(synthetic);
    }
    this.text += chars;
  }

  finish(root: Node): TextIndex {
    return new OffsetMap(
      root,
      this.text,
      this.nodes,
      Int32Array.from(this.runNorm),
      Int32Array.from(this.runNode),
      Int32Array.from(this.runRaw),
      Uint8Array.from(this.runSynthetic),
    );
  }
}
