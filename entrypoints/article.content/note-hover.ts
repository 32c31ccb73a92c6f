/**
 * Hover and click on painted notes. Highlights have no elements, so the pointer is hit-tested
 * against the notes' cached client rects (utils/highlighting/hit-test.ts); the cache is dropped
 * on scroll, resize and DOM changes. Listeners exist only while some note is painted, and a
 * pointer move costs one rect lookup per animation frame at most.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { HitTester, type RectLike } from '@/utils/highlighting/hit-test';
import { pristine } from './pristine';
import type { PageUi } from './page-ui';

const SHOW_DELAY_MS = 150;
const HIDE_DELAY_MS = 350;

export class NoteHover {
  private readonly tester: HitTester<string>;
  private listening = false;
  private showTimer: number | null = null;
  private hideTimer: number | null = null;
  private pendingId: string | null = null;
  private frame: number | null = null;
  private last: { x: number; y: number; target: EventTarget | null } | null = null;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly ui: PageUi,
    rangeOf: (id: string) => Range | undefined,
    private readonly showCard: (id: string, anchor: RectLike | null, pinned: boolean) => void,
  ) {
    this.tester = new HitTester<string>((id) => {
      const range = rangeOf(id);
      return range ? pristine().clientRects(range) : [];
    });
  }

  /** The notes that are painted now (call after every repaint). */
  setNotes(ids: Iterable<string>): void {
    this.tester.setKeys(ids);
    if (this.tester.size > 0 && !this.listening) this.listen();
  }

  invalidate(): void {
    this.tester.invalidate();
  }

  boundsOf(id: string): RectLike | null {
    return this.tester.boundsOf(id);
  }

  private listen(): void {
    this.listening = true;
    const passive = { capture: true, passive: true };
    this.ctx.addEventListener(
      window,
      'pointermove',
      (e) => {
        if (e.pointerType === 'touch') return;
        this.last = { x: e.clientX, y: e.clientY, target: e.target };
        this.frame ??= this.ctx.requestAnimationFrame(() => {
          this.frame = null;
          if (this.last) this.onMove(this.last.x, this.last.y, this.last.target);
        });
      },
      passive,
    );
    this.ctx.addEventListener(window, 'click', (e) => this.onClick(e), { capture: true });
    this.ctx.addEventListener(
      window,
      'scroll',
      () => {
        this.tester.invalidate();
        const card = this.ui.card;
        if (card && !card.pinned) this.ui.closePanel();
      },
      passive,
    );
    this.ctx.addEventListener(window, 'resize', () => this.tester.invalidate(), { passive: true });
    this.ctx.addEventListener(
      window,
      'keydown',
      (e) => {
        if (e.key === 'Escape' && this.ui.card && !this.ui.isOwn(e.target)) this.ui.closePanel();
      },
      { capture: true },
    );
  }

  private onMove(x: number, y: number, target: EventTarget | null): void {
    if (this.tester.size === 0 || this.ui.panel === 'editor') return;
    if (this.ui.isOwn(target)) {
      // On our card (or toolbar): keep the card.
      this.cancelHide();
      return;
    }
    // While the reader is selecting text, cards would cover what they select: not even one
    // asked for by the move that came just before the drag began.
    if (selecting()) {
      this.cancelShow();
      return;
    }
    const card = this.ui.card;
    const id = preferred(this.tester.hit(x, y));
    if (id) {
      this.cancelHide();
      if (card?.id === id || card?.pinned) return;
      if (this.pendingId !== id) {
        this.cancelShow();
        this.pendingId = id;
        this.showTimer = this.ctx.setTimeout(() => {
          this.showTimer = null;
          this.pendingId = null;
          if (this.ui.panel !== 'editor' && !selecting()) this.showCard(id, this.tester.boundsOf(id), false);
        }, SHOW_DELAY_MS);
      }
      return;
    }
    this.cancelShow();
    if (card && !card.pinned && this.hideTimer === null) {
      this.hideTimer = this.ctx.setTimeout(() => {
        this.hideTimer = null;
        const still = this.ui.card;
        if (still && !still.pinned) this.ui.closePanel();
      }, HIDE_DELAY_MS);
    }
  }

  private onClick(e: MouseEvent): void {
    if (this.tester.size === 0 || this.ui.isOwn(e.target) || this.ui.panel === 'editor') return;
    // A click that ends a drag-selection is about the selection, not the note under it.
    if (selecting()) return;
    const id = preferred(this.tester.hit(e.clientX, e.clientY)) ?? undefined;
    this.cancelShow();
    this.cancelHide();
    if (id) this.showCard(id, this.tester.boundsOf(id), true);
    else if (this.ui.card) this.ui.closePanel();
  }

  private cancelShow(): void {
    if (this.showTimer !== null) clearTimeout(this.showTimer);
    this.showTimer = null;
    this.pendingId = null;
  }

  private cancelHide(): void {
    if (this.hideTimer !== null) clearTimeout(this.hideTimer);
    this.hideTimer = null;
  }
}

/** The reader has text selected (or is selecting it). */
function selecting(): boolean {
  const sel = pristine().getSelection();
  return !!sel && !sel.isCollapsed;
}

/**
 * Of the highlights under the pointer: the reader's own note first, then a known review, then a
 * detected claim (keys "known:…" and "claim:…"; note ids are UUIDs); the smallest of a kind.
 */
function preferred(ids: string[]): string | null {
  return ids.find((k) => !k.includes(':')) ?? ids.find((k) => k.startsWith('known:')) ?? ids[0] ?? null;
}
