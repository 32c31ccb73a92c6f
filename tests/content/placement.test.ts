import { describe, expect, it } from 'vitest';
import { placePanel, placeToolbar } from '@/components/page/placement';

const VP = { width: 1200, height: 800 };

describe('placePanel', () => {
  it('goes below text in the upper part of the viewport, scrolling within the room left', () => {
    expect(placePanel({ left: 100, top: 100, right: 600, bottom: 140 }, VP, 380)).toEqual({ left: 100, top: 148, maxHeight: 644 });
  });
  it('goes above text near the bottom, anchored by its bottom edge', () => {
    const p = placePanel({ left: 100, top: 700, right: 600, bottom: 740 }, VP, 380);
    expect(p).toEqual({ left: 100, bottom: 108, maxHeight: 684 });
    expect(p.top).toBeUndefined();
  });
  it('stays inside the viewport horizontally', () => {
    expect(placePanel({ left: 1100, top: 100, right: 1190, bottom: 120 }, VP, 380).left).toBe(1200 - 380 - 8);
    expect(placePanel({ left: -50, top: 100, right: 10, bottom: 120 }, VP, 380).left).toBe(8);
    expect(placePanel({ left: 0, top: 100, right: 10, bottom: 120 }, { width: 300, height: 800 }, 380).left).toBe(8);
  });
  it('without an anchor, sits in the top-right corner', () => {
    expect(placePanel(null, VP, 340)).toEqual({ left: 852, top: 8, maxHeight: 784 });
  });
});

describe('placeToolbar', () => {
  it('sits above the end of the selection, or below when there is no room', () => {
    expect(placeToolbar({ left: 100, top: 300, right: 400, bottom: 320 }, VP)).toEqual({ left: 340, top: 256 });
    expect(placeToolbar({ left: 100, top: 10, right: 400, bottom: 30 }, VP)).toEqual({ left: 340, top: 38 });
  });
});
