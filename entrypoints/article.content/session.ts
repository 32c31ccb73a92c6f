/**
 * Per-page state of the content script: which page this is, its notes, where they anchored,
 * and what is painted. Re-reads notes on SPA navigation and when the background says they
 * changed. Heavy work waits for idle time so the page's own loading comes first.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import * as v from 'valibot';
import type { Annotation } from '@/utils/model/annotation';
import { sendRequest } from '@/utils/messaging/client';
import { PROTOCOL_TAG, TAB_REQUEST_SCHEMAS, isNotesChangedEvent } from '@/utils/messaging/protocol';
import { Painter, highlightApi } from '@/utils/highlighting/painter';
import { FLASH_HIGHLIGHT, noteHighlightName } from '@/utils/highlighting/names';
import { canonicalHref, isAnnotatableUrl, normalizePageUrl, pageKeys } from '@/utils/url/page-url';
import { anchorNotes, type AnchoredNote } from './anchor-notes';

export interface PageInfo {
  pageKeys: string[];
  title: string;
  anchored: { id: string; start: number; exact: boolean; matchedText: string }[];
  orphans: string[];
}

export class PageSession {
  private readonly painter: Painter | null;
  private keys: string[] = [];
  private notes: Annotation[] = [];
  private anchored = new Map<string, AnchoredNote>();
  private orphans: string[] = [];
  private loading: Promise<void> | null = null;

  constructor(private readonly ctx: ContentScriptContext) {
    const api = highlightApi();
    this.painter = api ? new Painter(api) : null;
  }

  async start(): Promise<void> {
    if (!isAnnotatableUrl(location.href)) return;
    browser.runtime.onMessage.addListener(this.onMessage);
    this.ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(this.onMessage);
      this.painter?.dispose();
    });
    this.ctx.addEventListener(window, 'wxt:locationchange', () => void this.reload());
    await this.reload();
  }

  /** Reads this page's notes from the background, anchors them and paints them. */
  reload(): Promise<void> {
    // Coalesce bursts (SPA navigation + change events) into one pass after the current one.
    this.loading = (this.loading ?? Promise.resolve()).then(() => this.load()).catch((error) => {
      console.warn('[factmark] could not load notes', error);
    });
    return this.loading;
  }

  private async load(): Promise<void> {
    this.keys = pageKeys(location.href, canonicalHref(document));
    this.notes = await sendRequest('notes/list-for-page', { pageKeys: this.keys });
    await idle();
    const result = anchorNotes(document.body, this.notes);
    this.anchored = result.anchored;
    this.orphans = result.orphans;
    this.paintNotes();
    await sendRequest('page/status', { notes: this.notes.length, orphans: this.orphans.length, claims: 0 });
  }

  private paintNotes(): void {
    if (!this.painter) return;
    this.painter.removeAll('note:');
    for (const note of this.notes) {
      const hit = this.anchored.get(note.id);
      if (hit) this.painter.paint(`note:${note.id}`, noteHighlightName(note.verdict), [hit.range]);
    }
  }

  pageInfo(): PageInfo {
    return {
      pageKeys: this.keys,
      title: document.title,
      anchored: [...this.anchored.entries()].map(([id, a]) => ({
        id,
        start: a.start,
        exact: a.exact,
        matchedText: a.matchedText,
      })),
      orphans: this.orphans,
    };
  }

  private showNote(id: string): boolean {
    const hit = this.anchored.get(id);
    if (!hit || !this.painter) return false;
    const target = hit.range.startContainer.parentElement;
    target?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    this.painter.paint('flash', FLASH_HIGHLIGHT, [hit.range]);
    this.ctx.setTimeout(() => this.painter?.remove('flash'), 1200);
    return true;
  }

  private readonly onMessage = (message: unknown, sender: { id?: string }): Promise<unknown> | undefined => {
    if (sender.id !== browser.runtime.id) return undefined;
    if (isNotesChangedEvent(message)) {
      const mine = new Set(this.keys.map(normalizePageUrl));
      if (message.pageUrls.some((u) => mine.has(u))) void this.reload();
      return undefined;
    }
    const m = message as { tag?: unknown; type?: unknown; data?: unknown };
    if (m?.tag !== PROTOCOL_TAG || typeof m.type !== 'string' || !Object.hasOwn(TAB_REQUEST_SCHEMAS, m.type)) return undefined;
    const type = m.type as keyof typeof TAB_REQUEST_SCHEMAS;
    const parsed = v.safeParse(TAB_REQUEST_SCHEMAS[type], m.data);
    if (!parsed.success) return Promise.resolve({ ok: false, error: { code: 'invalid-data', message: parsed.issues[0].message } });
    const wait = this.loading ?? Promise.resolve();
    return wait.then(() => {
      switch (type) {
        case 'tab/page-info':
          return { ok: true, value: this.pageInfo() };
        case 'tab/show-note':
          return { ok: true, value: this.showNote((parsed.output as { id: string }).id) };
      }
    });
  };
}

/** Resolves when the page is idle (or after a short bound, so notes never wait long). */
function idle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 500 });
    else setTimeout(resolve, 0);
  });
}
