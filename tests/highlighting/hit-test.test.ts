import { describe, expect, it, vi } from 'vitest';
import { HitTester, boundsOf, pointInRect, type RectLike } from '@/utils/highlighting/hit-test';

const rect = (left: number, top: number, right: number, bottom: number): RectLike => ({ left, top, right, bottom });

describe('pointInRect', () => {
  it.each([
    [15, 15, 0, true],
    [10, 10, 0, true], // edges are inside
    [20, 20, 0, true],
    [9, 15, 0, false],
    [21, 15, 0, false],
    [9, 15, 1, true], // slop grows the rect
    [15, 22, 1, false],
  ])('(%d, %d) slop %d → %s', (x, y, slop, inside) => {
    expect(pointInRect(x, y, rect(10, 10, 20, 20), slop)).toBe(inside);
  });
});

describe('boundsOf', () => {
  it('spans every non-empty rect and skips empty ones', () => {
    expect(boundsOf([rect(50, 10, 300, 30), rect(0, 0, 0, 0), rect(20, 32, 120, 52)])).toEqual(rect(20, 10, 300, 52));
  });
  it('is null for nothing', () => {
    expect(boundsOf([])).toBeNull();
    expect(boundsOf([rect(5, 5, 5, 5)])).toBeNull();
  });
});

describe('HitTester', () => {
  // A note wrapping over two lines, and a short note inside its first line.
  const RECTS: Record<string, RectLike[]> = {
    long: [rect(300, 100, 800, 120), rect(40, 122, 260, 142)],
    short: [rect(400, 100, 480, 120)],
  };

  it('hits a range on any of its line boxes, not in the gap of its bounding box', () => {
    const t = new HitTester<string>((k) => RECTS[k]);
    t.setKeys(['long']);
    expect(t.hit(310, 110)).toEqual(['long']);
    expect(t.hit(100, 130)).toEqual(['long']);
    // Inside the bounding box (40..800 × 100..142) but on no line of the range.
    expect(t.hit(100, 105)).toEqual([]);
    expect(t.hit(700, 135)).toEqual([]);
  });

  it('orders overlapping hits most specific (smallest area) first', () => {
    const t = new HitTester<string>((k) => RECTS[k]);
    t.setKeys(['long', 'short']);
    expect(t.hit(450, 110)).toEqual(['short', 'long']);
    expect(t.hit(600, 110)).toEqual(['long']);
  });

  it('reads rects once per cache generation; invalidate() and setKeys() start a new one', () => {
    const read = vi.fn((k: string) => RECTS[k]);
    let now = 0;
    const t = new HitTester<string>(read, { now: () => now, maxAgeMs: 1000 });
    t.setKeys(['long', 'short']);
    t.hit(1, 1);
    t.hit(450, 110);
    t.boundsOf('long');
    expect(read).toHaveBeenCalledTimes(2);
    t.invalidate();
    t.hit(450, 110);
    expect(read).toHaveBeenCalledTimes(4);
    t.setKeys(['short']);
    t.hit(450, 110);
    expect(read).toHaveBeenCalledTimes(5);
    // Layout may move without an event (fonts, images): the cache also expires.
    now = 999;
    t.hit(450, 110);
    expect(read).toHaveBeenCalledTimes(5);
    now = 1001;
    t.hit(450, 110);
    expect(read).toHaveBeenCalledTimes(6);
  });

  it('sees moved rects after invalidation (scroll)', () => {
    let dy = 0;
    const t = new HitTester<string>((k) => RECTS[k].map((r) => rect(r.left, r.top - dy, r.right, r.bottom - dy)));
    t.setKeys(['short']);
    expect(t.hit(450, 110)).toEqual(['short']);
    dy = 100;
    expect(t.hit(450, 10)).toEqual([]); // stale cache, as intended until invalidated
    t.invalidate();
    expect(t.hit(450, 10)).toEqual(['short']);
    expect(t.hit(450, 110)).toEqual([]);
  });

  it('treats a range whose rects cannot be read (detached) as never hit', () => {
    const t = new HitTester<string>((k) => {
      if (k === 'gone') throw new Error('detached');
      return RECTS[k];
    });
    t.setKeys(['gone', 'short']);
    expect(t.hit(450, 110)).toEqual(['short']);
    expect(t.boundsOf('gone')).toBeNull();
    expect(t.boundsOf('short')).toEqual(rect(400, 100, 480, 120));
  });
});
