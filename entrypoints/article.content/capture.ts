/**
 * Selection → toolbar. Watches the reader's selection (mouse, keyboard, select-all) and shows the
 * toolbar over it when it can be fact-checked; the keyboard command and the context menu go
 * straight to the editor. Listeners are registered through the WXT context, so they stop when the
 * extension is reloaded or updated.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { RectLike } from '@/utils/highlighting/hit-test';
import { t } from '@/utils/i18n';
import { checkSelection, mayUnblockSelection, type SelectionCheck } from './selection-rules';
import { pristine } from './pristine';
import type { PageUi } from './page-ui';

/** Keyboard selections settle before the toolbar appears (no flicker while extending one). */
const SETTLE_MS = 200;

export type FactCheckOutcome = 'opened' | 'too-long' | 'no-selection' | 'ignored' | 'busy';

export class SelectionCapture {
  private pointerDown = false;
  private settle: number | null = null;
  /** The selection the toolbar stands for (kept: clicking the toolbar may clear the live one). */
  private current: { range: Range; text: string } | null = null;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly ui: PageUi,
    private readonly openEditor: (range: Range, text: string) => void,
    /** The article element claim detection found (null: none; undefined: not known yet). */
    private readonly articleRoot: () => Node | null | undefined = () => null,
  ) {}

  start(): void {
    const capture = { capture: true, passive: true };
    this.ctx.addEventListener(
      window,
      'pointerdown',
      (e) => {
        if (this.ui.isOwn(e.target)) return;
        this.pointerDown = true;
        if (this.ui.toolbarVisible) this.hide();
      },
      capture,
    );
    this.ctx.addEventListener(
      window,
      'pointerup',
      (e) => {
        this.pointerDown = false;
        if (this.ui.isOwn(e.target)) return;
        // The selection is final once this event has been handled.
        this.ctx.setTimeout(() => this.evaluate(), 0);
      },
      capture,
    );
    this.ctx.addEventListener(window, 'pointercancel', () => (this.pointerDown = false), capture);
    // Runs before the page's own handlers on the target (window, capture phase): a page that
    // cancels every selectstart would otherwise make its article impossible to quote.
    this.ctx.addEventListener(
      window,
      'selectstart',
      (e) => {
        // Until detection has found the article (it runs at idle), the whole page counts as article.
        const root = this.articleRoot();
        if (mayUnblockSelection(e.target, root === undefined ? document.documentElement : root, (n) => this.ui.isOwn(n))) e.stopImmediatePropagation();
      },
      { capture: true },
    );
    this.ctx.addEventListener(document, 'selectionchange', () => {
      if (this.pointerDown) return;
      if (this.settle !== null) clearTimeout(this.settle);
      this.settle = this.ctx.setTimeout(() => {
        this.settle = null;
        this.evaluate();
      }, SETTLE_MS);
    });
    this.ctx.addEventListener(window, 'scroll', () => this.reposition(), capture);
    this.ctx.addEventListener(window, 'resize', () => this.reposition(), { passive: true });
    this.ctx.addEventListener(
      window,
      'keydown',
      (e) => {
        if (e.key === 'Escape' && this.ui.toolbarVisible) this.hide();
      },
      { capture: true },
    );
  }

  check(): SelectionCheck {
    return checkSelection(pristine().getSelection(), {
      activeElement: document.activeElement,
      isOwnNode: (n) => this.ui.isOwn(n),
      designMode: document.designMode,
    });
  }

  /** Shows, updates or hides the toolbar for the current selection. */
  evaluate(): void {
    if (this.ui.panel === 'editor') return;
    const c = this.check();
    if (c.kind === 'ok') {
      this.current = { range: c.range, text: c.text };
      this.showButton();
    } else if (c.kind === 'too-long') {
      this.current = null;
      this.ui.showToolbar(this.anchorRect(pristine().getSelection()!.getRangeAt(0)), c.message, () => undefined);
    } else {
      this.hide();
    }
  }

  /** The keyboard command and the context menu: the editor for the selection, or a message. */
  factCheckNow(): FactCheckOutcome {
    if (this.ui.panel === 'editor') return 'busy';
    const c = this.check();
    switch (c.kind) {
      case 'ok':
        this.hide();
        this.openEditor(c.range, c.text);
        return 'opened';
      case 'too-long':
        this.ui.showToolbar(this.anchorRect(pristine().getSelection()!.getRangeAt(0)), c.message, () => undefined);
        return 'too-long';
      case 'ignored':
        if (c.reason === 'editable') this.ui.showNotice(t('pageSelectionEditable'));
        return 'ignored';
      default:
        this.ui.showNotice(t('pageSelectionNone'));
        return 'no-selection';
    }
  }

  hide(): void {
    this.current = null;
    this.ui.hideToolbar();
  }

  private showButton(): void {
    if (this.current) this.ui.showToolbar(this.anchorRect(this.current.range), null, this.onToolbarClick);
  }

  private readonly onToolbarClick = (): void => {
    const c = this.current;
    this.hide();
    if (c) this.openEditor(c.range, c.text);
  };

  /** The toolbar is fixed in the viewport: follow the selection when the page scrolls. */
  private reposition(): void {
    if (this.ui.toolbarVisible && this.current) this.showButton();
  }

  /** The last line of the selection (where the pointer let go), in viewport coordinates. */
  private anchorRect(range: Range): RectLike {
    const rects = pristine().clientRects(range);
    const last = rects.length ? rects[rects.length - 1] : pristine().boundingRect(range);
    return { left: last.left, top: last.top, right: last.right, bottom: last.bottom };
  }
}
