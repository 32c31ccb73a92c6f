/**
 * Hover and click on painted notes without touching the page DOM: highlights painted with the CSS
 * Custom Highlight API have no elements to put listeners on, so the pointer position is tested
 * against each painted range's client rects. Rects are read once and cached until something that
 * moves text happens (scroll, resize, a DOM change, a repaint); the caller invalidates.
 *
 * Pure geometry plus a small cache; the rect reader is injected so it is testable in Node and so
 * the content script can pass the pristine `Range.prototype.getClientRects`.
 */

export interface RectLike {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** True when (x, y) lies in `r`, grown by `slop` px on every side (edges inclusive). */
export function pointInRect(x: number, y: number, r: RectLike, slop = 0): boolean {
  return x >= r.left - slop && x <= r.right + slop && y >= r.top - slop && y <= r.bottom + slop;
}

/** The smallest rect containing all of `rects`, or null for none (empty rects are skipped). */
export function boundsOf(rects: Iterable<RectLike>): RectLike | null {
  let b: RectLike | null = null;
  for (const r of rects) {
    if (r.right - r.left <= 0 && r.bottom - r.top <= 0) continue;
    if (!b) b = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    else {
      b.left = Math.min(b.left, r.left);
      b.top = Math.min(b.top, r.top);
      b.right = Math.max(b.right, r.right);
      b.bottom = Math.max(b.bottom, r.bottom);
    }
  }
  return b;
}

const area = (rects: RectLike[]) => rects.reduce((s, r) => s + Math.max(0, r.right - r.left) * Math.max(0, r.bottom - r.top), 0);

interface Entry<K> {
  key: K;
  rects: RectLike[];
  bounds: RectLike | null;
  area: number;
}

/**
 * Which keys' ranges lie under a point. `readRects(key)` is called lazily, once per key per
 * cache generation; `invalidate()` starts a new generation. Results are ordered most specific
 * first (smallest painted area), so a short note inside a longer one wins the hover.
 */
export class HitTester<K> {
  private keys: K[] = [];
  private cache: Entry<K>[] | null = null;
  private readAt = 0;

  constructor(
    private readonly readRects: (key: K) => Iterable<RectLike>,
    private readonly options: { slop?: number; maxAgeMs?: number; now?: () => number } = {},
  ) {}

  /** Replaces the set of keys to test (e.g. after a repaint); invalidates the cache. */
  setKeys(keys: Iterable<K>): void {
    this.keys = [...keys];
    this.invalidate();
  }

  get size(): number {
    return this.keys.length;
  }

  invalidate(): void {
    this.cache = null;
  }

  hit(x: number, y: number): K[] {
    const entries = this.entries();
    const slop = this.options.slop ?? 1;
    const hits: Entry<K>[] = [];
    for (const e of entries) {
      if (!e.bounds || !pointInRect(x, y, e.bounds, slop)) continue;
      if (e.rects.some((r) => pointInRect(x, y, r, slop))) hits.push(e);
    }
    return hits.sort((a, b) => a.area - b.area).map((e) => e.key);
  }

  /** The cached bounding box of a key's rects (viewport coordinates), e.g. to place a card. */
  boundsOf(key: K): RectLike | null {
    return this.entries().find((e) => e.key === key)?.bounds ?? null;
  }

  private entries(): Entry<K>[] {
    const now = this.options.now?.() ?? Date.now();
    // Layout can also move without scroll/resize/mutation (web fonts, images): cap the cache age.
    const maxAge = this.options.maxAgeMs ?? 1000;
    if (this.cache && now - this.readAt <= maxAge) return this.cache;
    this.cache = this.keys.map((key) => {
      let rects: RectLike[] = [];
      try {
        rects = [...this.readRects(key)].map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom }));
      } catch {
        // A range whose nodes left the document: no rects, never hit.
      }
      return { key, rects, bounds: boundsOf(rects), area: area(rects) };
    });
    this.readAt = now;
    return this.cache;
  }
}
