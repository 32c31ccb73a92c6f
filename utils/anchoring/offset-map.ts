/**
 * The lookups of a TextIndex: text offsets ⇄ DOM boundary points, by binary search over the run
 * table that text-index.ts builds. Own code: three typed arrays and a lazy node → index map.
 */
import type { RangeLike, TextIndex, TextPoint } from './text-index';

export class OffsetMap implements TextIndex {
  private nodeIndex: Map<Node, number> | null = null;
  /** First run of each node (runs of one node are consecutive: nodes are visited in order). */
  private nodeFirstRun: Int32Array | null = null;

  constructor(
    readonly root: Node,
    readonly text: string,
    readonly nodes: readonly Text[],
    private readonly runNorm: Int32Array,
    private readonly runNode: Int32Array,
    private readonly runRaw: Int32Array,
    private readonly runSynthetic: Uint8Array,
  ) {}

  /** Last run whose start is <= offset (binary search). */
  private runAt(offset: number): number {
    const norm = this.runNorm;
    let lo = 0;
    let hi = norm.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (norm[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  nodeAt(offset: number, side: 'start' | 'end' = 'start'): TextPoint | null {
    const len = this.text.length;
    if (len === 0) return null;
    let o = Math.max(0, Math.min(len, Math.floor(offset)));
    // A start at the very end, or an end at the very start, has no char on its side: use the other.
    if (side === 'start' && o === len) return this.nodeAt(len, 'end');
    if (side === 'end' && o === 0) return this.nodeAt(0, 'start');
    const charIdx = side === 'start' ? o : o - 1;
    const r = this.runAt(charIdx);
    const node = this.nodes[this.runNode[r]];
    const raw = this.runRaw[r] + (this.runSynthetic[r] ? 0 : charIdx - this.runNorm[r]);
    const width = this.runSynthetic[r] ? 0 : 1;
    return { node, offset: side === 'start' ? raw : raw + width };
  }

  toRange(start: number, end: number, doc?: Document): Range {
    if (this.text.length === 0) throw new RangeError('Empty text index');
    const s = Math.max(0, Math.min(start, this.text.length));
    const e = Math.max(s, Math.min(end, this.text.length));
    const a = this.nodeAt(s, 'start')!;
    const b = e > s ? this.nodeAt(e, 'end')! : a;
    const d = doc ?? a.node.ownerDocument!;
    const range = d.createRange();
    // selectNodeContents first: a fresh range sits at (document, 0), and jsdom's boundary checks in
    // setStart/setEnd would walk the whole document from there; from `a` they walk only to `b`.
    range.selectNodeContents(a.node);
    range.setStart(a.node, a.offset);
    range.setEnd(b.node, b.offset);
    return range;
  }

  fromRange(range: RangeLike): { start: number; end: number } {
    const start = this.pointToOffset(range.startContainer, range.startOffset, 'start');
    const end = this.pointToOffset(range.endContainer, range.endOffset, 'end');
    return { start, end: Math.max(start, end) };
  }

  private ensureNodeIndex(): Map<Node, number> {
    if (!this.nodeIndex) {
      this.nodeIndex = new Map(this.nodes.map((n, i) => [n, i]));
      const first = new Int32Array(this.nodes.length).fill(-1);
      for (let r = this.runNode.length - 1; r >= 0; r--) first[this.runNode[r]] = r;
      this.nodeFirstRun = first;
    }
    return this.nodeIndex;
  }

  private runEnd(r: number): number {
    return r + 1 < this.runNorm.length ? this.runNorm[r + 1] : this.text.length;
  }

  /** Offset for a boundary point; 'start' snaps forward to the next char, 'end' back to the last. */
  private pointToOffset(container: Node, offset: number, side: 'start' | 'end'): number {
    const map = this.ensureNodeIndex();
    const idx = map.get(container);
    if (idx !== undefined) return this.offsetInNode(idx, offset, side);
    if (!this.root.contains(container)) {
      // Outside the root: everything before it maps to 0, after it to the end.
      const pos = this.root.compareDocumentPosition(container);
      return pos & 2 /* PRECEDING */ ? 0 : this.text.length;
    }
    // Element container, or a text node that is not indexed (hidden, whitespace-only, script…).
    let n: Node | null;
    if (container.nodeType === 1 || container.nodeType === 9 || container.nodeType === 11) {
      const kids = container.childNodes;
      if (side === 'start') {
        n = offset < kids.length ? kids[offset] : this.afterSubtree(container);
      } else {
        n = offset > 0 ? lastDescendant(kids[offset - 1]) : this.beforeInPreorder(container);
      }
    } else {
      n = side === 'start' ? this.afterSubtree(container) : this.beforeInPreorder(container);
    }
    if (side === 'start') {
      for (; n; n = this.nextInPreorder(n)) {
        const i = map.get(n);
        if (i !== undefined) return this.offsetInNode(i, 0, 'start');
      }
      return this.text.length;
    }
    for (; n; n = this.beforeInPreorder(n)) {
      const i = map.get(n);
      if (i !== undefined) return this.offsetInNode(i, (n as Text).length, 'end');
    }
    return 0;
  }

  private offsetInNode(idx: number, raw: number, side: 'start' | 'end'): number {
    const first = this.nodeFirstRun![idx];
    let last = first;
    while (last + 1 < this.runNode.length && this.runNode[last + 1] === idx) last++;
    if (side === 'start') {
      for (let r = first; r <= last; r++) {
        if (this.runSynthetic[r]) continue;
        const len = this.runEnd(r) - this.runNorm[r];
        if (this.runRaw[r] + len > raw) return this.runNorm[r] + Math.max(0, raw - this.runRaw[r]);
      }
      return this.runEnd(last);
    }
    for (let r = last; r >= first; r--) {
      if (this.runSynthetic[r]) continue;
      if (this.runRaw[r] < raw) {
        const len = this.runEnd(r) - this.runNorm[r];
        return this.runNorm[r] + Math.min(len, raw - this.runRaw[r]);
      }
    }
    for (let r = first; r <= last; r++) if (!this.runSynthetic[r]) return this.runNorm[r];
    return this.runNorm[first];
  }

  private nextInPreorder(n: Node): Node | null {
    if (n.firstChild) return n.firstChild;
    return this.afterSubtree(n);
  }

  private afterSubtree(n: Node): Node | null {
    for (let cur: Node | null = n; cur && cur !== this.root; cur = cur.parentNode) {
      if (cur.nextSibling) return cur.nextSibling;
    }
    return null;
  }

  private beforeInPreorder(n: Node): Node | null {
    if (n === this.root) return null;
    if (n.previousSibling) return lastDescendant(n.previousSibling);
    const p = n.parentNode;
    return p && p !== this.root ? p : null;
  }
}

function lastDescendant(n: Node): Node {
  while (n.lastChild) n = n.lastChild;
  return n;
}
