/**
 * Hover cards and text selection: a card never opens over text the reader is selecting, even
 * when the pointer rested on a highlight just before the drag began (its show timer was already
 * running). The hit test is replaced by one that always finds the highlight under the pointer:
 * happy-dom has no layout, and what is tested here is the timing.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('@/utils/highlighting/hit-test', () => ({
  HitTester: class {
    size = 0;
    setKeys(ids: Iterable<string>) {
      this.size = [...ids].length;
    }
    hit() {
      return ['claim:c1'];
    }
    boundsOf() {
      return { left: 0, top: 0, right: 10, bottom: 10, width: 10, height: 10 };
    }
    invalidate() {}
  },
}));

const { NoteHover } = await import('@/entrypoints/article.content/note-hover');

function setup() {
  const shown: { id: string; pinned: boolean }[] = [];
  const ctx = {
    addEventListener: (target: EventTarget, type: string, handler: EventListener, options?: AddEventListenerOptions) => target.addEventListener(type, handler, options),
    setTimeout: (fn: () => void, ms: number) => window.setTimeout(fn, ms),
    requestAnimationFrame: (fn: FrameRequestCallback) => window.setTimeout(() => fn(performance.now()), 16),
  };
  const ui = { panel: null, card: null, isOwn: () => false, closePanel: vi.fn() };
  const hover = new NoteHover(ctx as never, ui as never, () => document.createRange(), (id, _anchor, pinned) => shown.push({ id, pinned }));
  hover.setNotes(['claim:c1']);
  return { shown };
}

const move = (x: number, y: number) => window.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y, pointerType: 'mouse' }));

describe('NoteHover and selections', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    document.body.innerHTML = '<p id="p">Russia launched an invasion of Ukraine on February 24.</p>';
    document.getSelection()?.removeAllRanges();
  });
  afterEach(() => {
    vi.useRealTimers();
    document.getSelection()?.removeAllRanges();
  });

  it('shows the card of the highlight under a resting pointer', () => {
    const { shown } = setup();
    move(5, 5);
    vi.advanceTimersByTime(500);
    expect(shown).toEqual([{ id: 'claim:c1', pinned: false }]);
  });

  it('does not open the card asked for just before a drag-selection began', () => {
    const { shown } = setup();
    move(5, 5);
    vi.advanceTimersByTime(20); // the move's frame ran: the card's show timer is running
    document.getSelection()!.selectAllChildren(document.getElementById('p')!); // the drag selects text
    vi.advanceTimersByTime(500);
    expect(shown).toEqual([]);
  });

  it('keeps quiet while text stays selected, and shows cards again once it is not', () => {
    const { shown } = setup();
    document.getSelection()!.selectAllChildren(document.getElementById('p')!);
    move(5, 5);
    vi.advanceTimersByTime(500);
    expect(shown).toEqual([]);
    document.getSelection()!.removeAllRanges();
    move(6, 6);
    vi.advanceTimersByTime(500);
    expect(shown).toEqual([{ id: 'claim:c1', pinned: false }]);
  });

  it('a click that ends a selection does not pin a card', () => {
    const { shown } = setup();
    document.getSelection()!.selectAllChildren(document.getElementById('p')!);
    window.dispatchEvent(new MouseEvent('click', { clientX: 5, clientY: 5 }));
    expect(shown).toEqual([]);
  });
});
