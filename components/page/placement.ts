/**
 * Where an in-page panel goes, pure: next to the text it is about, inside the viewport, without
 * measuring the panel first. Below the text when the text is in the upper part of the viewport,
 * above it otherwise (anchored by its bottom edge, so its height does not matter); the panel
 * scrolls inside `maxHeight` when it is taller than the room left.
 */
import type { RectLike } from '@/utils/highlighting/hit-test';

export interface Placement {
  left: number;
  /** Exactly one of top / bottom is set (px from that viewport edge). */
  top?: number;
  bottom?: number;
  maxHeight: number;
}

const GAP = 8;
const MARGIN = 8;

export function placePanel(anchor: RectLike | null, viewport: { width: number; height: number }, width: number): Placement {
  const w = Math.min(width, viewport.width - 2 * MARGIN);
  const minHeight = 120;
  if (!anchor) {
    // No text to point at (e.g. the range scrolled away): top-right corner, like a notification.
    return { left: Math.max(MARGIN, viewport.width - w - MARGIN), top: MARGIN, maxHeight: viewport.height - 2 * MARGIN };
  }
  const left = clamp(anchor.left, MARGIN, Math.max(MARGIN, viewport.width - w - MARGIN));
  const roomBelow = viewport.height - anchor.bottom - GAP - MARGIN;
  const roomAbove = anchor.top - GAP - MARGIN;
  if (roomBelow >= roomAbove || roomBelow >= 320) {
    const top = clamp(anchor.bottom + GAP, MARGIN, viewport.height - minHeight - MARGIN);
    return { left, top, maxHeight: Math.max(minHeight, viewport.height - top - MARGIN) };
  }
  const bottom = clamp(viewport.height - anchor.top + GAP, MARGIN, viewport.height - minHeight - MARGIN);
  return { left, bottom, maxHeight: Math.max(minHeight, viewport.height - bottom - MARGIN) };
}

/** A small toolbar just above the end of the selection (below it when there is no room above). */
export function placeToolbar(anchor: RectLike, viewport: { width: number; height: number }, size = { width: 120, height: 36 }): { left: number; top: number } {
  const left = clamp(anchor.right - size.width / 2, MARGIN, Math.max(MARGIN, viewport.width - size.width - MARGIN));
  const above = anchor.top - size.height - GAP;
  const top = above >= MARGIN ? above : Math.min(anchor.bottom + GAP, viewport.height - size.height - MARGIN);
  return { left, top: Math.max(MARGIN, top) };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(Math.max(v, lo), hi);
}
