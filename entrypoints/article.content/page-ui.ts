/**
 * The in-page UI surfaces: a toolbar over the selection and one panel (the editor or a note card).
 * Hosts are created on first use, so a page where the reader never selects anything pays nothing
 * but the module's code. Focus goes into the editor when it opens and back to where it was when
 * it closes.
 */
import { h } from 'preact';
import { Toolbar } from '@/components/page/Toolbar';
import { Editor, type EditorProps } from '@/components/page/Editor';
import { NoteCard, type NoteCardProps } from '@/components/page/NoteCard';
import { ClaimCard, type ClaimCardProps } from '@/components/page/ClaimCard';
import { placePanel, placeToolbar } from '@/components/page/placement';
import type { RectLike } from '@/utils/highlighting/hit-test';
import { UiHost, isUiHost } from './ui-host';

const EDITOR_WIDTH = 380;
const CARD_WIDTH = 340;

export type PanelKind = 'editor' | 'card';

export class PageUi {
  private toolbarHost: UiHost | null = null;
  private panelHost: UiHost | null = null;
  private kind: PanelKind | null = null;
  private cardNoteId: string | null = null;
  private cardPinned = false;
  private returnFocus: Element | null = null;
  private noticeTimer: ReturnType<typeof setTimeout> | null = null;

  get panel(): PanelKind | null {
    return this.panelHost?.visible ? this.kind : null;
  }

  get card(): { id: string; pinned: boolean } | null {
    return this.panel === 'card' && this.cardNoteId ? { id: this.cardNoteId, pinned: this.cardPinned } : null;
  }

  /** True when the pointer or focus is on one of our hosts. */
  isOwn(node: EventTarget | Node | null | undefined): boolean {
    return isUiHost(node as Node);
  }

  get toolbarVisible(): boolean {
    return !!this.toolbarHost?.visible;
  }

  showToolbar(anchor: RectLike, message: string | null, onFactCheck: () => void): void {
    this.clearNoticeTimer();
    this.toolbarHost ??= new UiHost('toolbar');
    const pos = placeToolbar(anchor, viewport(), message ? { width: 300, height: 60 } : undefined);
    this.toolbarHost.show(h(Toolbar, { message, onFactCheck }), pos);
  }

  /** A short message near the top of the viewport (keyboard command or menu without a usable selection). */
  showNotice(message: string, ms = 4000): void {
    const vp = viewport();
    this.showToolbar({ left: vp.width / 2, right: vp.width / 2 + 150, top: 60, bottom: 60 }, message, () => undefined);
    this.noticeTimer = setTimeout(() => this.hideToolbar(), ms);
  }

  hideToolbar(): void {
    this.clearNoticeTimer();
    this.toolbarHost?.clear();
  }

  private clearNoticeTimer(): void {
    if (this.noticeTimer !== null) clearTimeout(this.noticeTimer);
    this.noticeTimer = null;
  }

  private ensurePanelHost(): UiHost {
    if (!this.panelHost) {
      this.panelHost = new UiHost('panel');
      // Touching a hover card (to delete, to follow a link) keeps it open until closed.
      this.panelHost.host.addEventListener('pointerdown', () => {
        if (this.kind === 'card') this.cardPinned = true;
      });
    }
    return this.panelHost;
  }

  openEditor(anchor: RectLike | null, props: Omit<EditorProps, 'maxHeight'>): void {
    this.hideToolbar();
    this.rememberFocus();
    const host = this.ensurePanelHost();
    const place = placePanel(anchor, viewport(), EDITOR_WIDTH);
    this.kind = 'editor';
    this.cardNoteId = null;
    // A fresh key: reopening always starts from `initial`.
    host.show(h(Editor, { ...props, maxHeight: place.maxHeight, key: `editor-${Date.now()}` }), { ...place, width: Math.min(EDITOR_WIDTH, viewport().width - 16) });
  }

  openCard(anchor: RectLike | null, props: Omit<NoteCardProps, 'maxHeight'>, opts: { pinned: boolean }): void {
    if (this.panel === 'editor') return;
    if (props.autoFocus) this.rememberFocus();
    const host = this.ensurePanelHost();
    const place = placePanel(anchor, viewport(), CARD_WIDTH);
    this.kind = 'card';
    this.cardNoteId = props.note.id;
    this.cardPinned = opts.pinned;
    host.show(h(NoteCard, { ...props, maxHeight: place.maxHeight, key: props.note.id }), { ...place, width: Math.min(CARD_WIDTH, viewport().width - 16) });
  }

  /** A detected or known claim's card; `id` is the hover key ("claim:…", "known:…"). */
  openClaimCard(anchor: RectLike | null, id: string, props: Omit<ClaimCardProps, 'maxHeight'>, opts: { pinned: boolean }): void {
    if (this.panel === 'editor') return;
    if (props.autoFocus) this.rememberFocus();
    const host = this.ensurePanelHost();
    const place = placePanel(anchor, viewport(), CARD_WIDTH);
    this.kind = 'card';
    this.cardNoteId = id;
    this.cardPinned = opts.pinned;
    host.show(h(ClaimCard, { ...props, maxHeight: place.maxHeight, key: id }), { ...place, width: Math.min(CARD_WIDTH, viewport().width - 16) });
  }

  closePanel(): void {
    if (!this.panelHost) return;
    const active = document.activeElement;
    // Focus inside the panel, or lost to <body> (a disabled Save button drops it): give it back.
    const giveBack = this.panelHost.hasFocus || (this.kind === 'editor' && (!active || active === document.body));
    this.panelHost.clear();
    this.kind = null;
    this.cardNoteId = null;
    this.cardPinned = false;
    if (giveBack) this.restoreFocus();
    this.returnFocus = null;
  }

  destroy(): void {
    this.clearNoticeTimer();
    this.toolbarHost?.destroy();
    this.panelHost?.destroy();
    this.toolbarHost = this.panelHost = null;
  }

  private rememberFocus(): void {
    const active = document.activeElement;
    if (active && !this.isOwn(active)) this.returnFocus = active;
  }

  private restoreFocus(): void {
    const target = this.returnFocus as HTMLElement | null;
    if (target && target.isConnected && target !== document.body && typeof target.focus === 'function') {
      target.focus({ preventScroll: true });
      if (document.activeElement === target) return;
    }
    // Nothing focusable to go back to: leave our (now hidden) host so focus is on the page again.
    const active = document.activeElement as HTMLElement | null;
    if (active && this.isOwn(active)) active.blur();
  }
}

function viewport(): { width: number; height: number } {
  return { width: document.documentElement.clientWidth || innerWidth, height: innerHeight };
}
