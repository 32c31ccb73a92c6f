/**
 * Per-page state of the content script: which page this is, its notes, where they anchored,
 * and what is painted. Re-reads notes on SPA navigation and when the background says they
 * changed; re-anchors orphans and damaged highlights when the page's DOM changes. Heavy work
 * waits for idle time so the page's own loading comes first.
 *
 *   selection ─▶ capture.ts ─▶ toolbar ─▶ editor ──notes/create──▶ background
 *   pointer ──▶ note-hover.ts (hit test) ─▶ note card ──notes/update|delete|restore──▶ background
 *   DOM changes ─▶ DomWatcher (≤ 1 pass / 500 ms) ─▶ reanchor()
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import * as v from 'valibot';
import type { Annotation } from '@/utils/model/annotation';
import { LIMITS } from '@/utils/model/schema';
import { sendRequest } from '@/utils/messaging/client';
import { PROTOCOL_TAG, TAB_REQUEST_SCHEMAS, isNotesChangedEvent, type KnownClaimSummary } from '@/utils/messaging/protocol';
import { Painter, highlightApi } from '@/utils/highlighting/painter';
import { EDITING_HIGHLIGHT, FLASH_HIGHLIGHT, noteHighlightName } from '@/utils/highlighting/names';
import { DomWatcher } from '@/utils/highlighting/dom-watcher';
import type { RectLike } from '@/utils/highlighting/hit-test';
import { normalizeText } from '@/utils/anchoring/text-index';
import { canonicalHref, isAnnotatableUrl, normalizePageUrl, pageKeys } from '@/utils/url/page-url';
import { emptyValues, valuesFromNote, type EditorFields } from '@/components/page/editor-form';
import { t } from '@/utils/i18n';
import { anchorNotes, buildPageIndex, captureRange, type AnchoredNote } from './anchor-notes';
import { PageUi } from './page-ui';
import { SelectionCapture, type FactCheckOutcome } from './capture';
import { NoteHover } from './note-hover';
import { isUiHost } from './ui-host';
import { pristine } from './pristine';
import { CLAIM_KEY_PREFIX, KNOWN_KEY_PREFIX, ClaimsController, type ClaimSummary, type ClaimsStatus } from './claims-controller';

export interface PageInfo {
  pageKeys: string[];
  title: string;
  anchored: { id: string; start: number; exact: boolean; matchedText: string }[];
  orphans: string[];
  /** The page's notes as this tab holds them: the popup paints these before its own database read. */
  notes: Annotation[];
  claims: ClaimsStatus;
  /** Time the last load spent indexing the page and anchoring its notes. */
  anchoring?: { notes: number; ms: number };
}

export interface ClaimsReply {
  status: ClaimsStatus;
  claims: ClaimSummary[];
  /** Sentences that repeat a reviewed claim. */
  known: KnownClaimSummary[];
}

/** Orphan retries back off on pages that keep mutating without bringing the text back. */
const ORPHAN_RETRY_MAX_MS = 8000;

export class PageSession {
  private readonly painter: Painter | null;
  private keys: string[] = [];
  private notes: Annotation[] = [];
  private anchored = new Map<string, AnchoredNote>();
  private orphans: string[] = [];
  private loading: Promise<void> | null = null;
  private readonly ui = new PageUi();
  private readonly capture: SelectionCapture;
  private readonly hover: NoteHover;
  private readonly watcher: DomWatcher;
  private orphanRetryMs = 500;
  private readonly claims: ClaimsController;
  private anchoringTiming: PageInfo['anchoring'];

  constructor(private readonly ctx: ContentScriptContext) {
    const api = highlightApi();
    this.painter = api ? new Painter(api) : null;
    this.claims = new ClaimsController(
      this.painter,
      () => {
        this.refreshHover();
        void this.reportStatus();
      },
      (noteId) => this.anchored.get(noteId)?.range,
    );
    this.capture = new SelectionCapture(
      ctx,
      this.ui,
      (range) => this.openCreateEditor(range),
      () => this.claims.articleRoot,
    );
    this.hover = new NoteHover(ctx, this.ui, (id) => this.rangeOf(id), (id, anchor, pinned) =>
      this.showCard(id, anchor, { pinned, autoFocus: false }),
    );
    this.watcher = new DomWatcher({
      root: document.documentElement,
      onChange: () => this.reanchor(),
      isOwnNode: isUiHost,
    });
  }

  async start(): Promise<void> {
    if (!isAnnotatableUrl(location.href)) return;
    browser.runtime.onMessage.addListener(this.onMessage);
    this.ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(this.onMessage);
      this.watcher.stop();
      this.claims.dispose();
      this.ui.destroy();
      this.painter?.dispose();
    });
    this.ctx.addEventListener(window, 'wxt:locationchange', () => {
      void this.reload().then(() => this.detectClaims());
    });
    const onStorage = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && 'settings' in changes) void this.detectClaims();
    };
    browser.storage.onChanged.addListener(onStorage);
    this.ctx.onInvalidated(() => browser.storage.onChanged.removeListener(onStorage));
    this.capture.start();
    await this.reload();
    await this.detectClaims();
  }

  /** Claims come after the reader's own notes: detection waits for idle slices of its own. */
  private detectClaims(): Promise<void> {
    return this.claims.detect(this.keys[0] ?? normalizePageUrl(location.href));
  }

  private rangeOf(key: string): Range | undefined {
    if (key.startsWith(CLAIM_KEY_PREFIX)) return this.claims.get(key)?.range;
    if (key.startsWith(KNOWN_KEY_PREFIX)) return this.claims.getKnown(key)?.range;
    return this.anchored.get(key)?.range;
  }

  /** Notes first: where a note and a detected claim cover the same words, the note's card wins. */
  private refreshHover(): void {
    this.hover.setNotes([...this.anchored.keys(), ...this.claims.keys]);
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
    // Most pages have no notes: then there is nothing to index, anchor or watch.
    let result: ReturnType<typeof anchorNotes> = { anchored: new Map(), orphans: [] };
    if (this.notes.some((n) => n.selectors.length > 0)) {
      await idle();
      const started = performance.now();
      result = anchorNotes(buildPageIndex(), this.notes);
      this.anchoringTiming = { notes: this.notes.length, ms: performance.now() - started };
    }
    this.anchored = result.anchored;
    this.orphans = result.orphans;
    this.orphanRetryMs = 500;
    this.paintNotes();
    this.updateWatcher();
    await this.reportStatus();
  }

  private reportStatus(): Promise<unknown> {
    const claims = this.claims.status.state === 'done' ? this.claims.status.count : 0;
    return sendRequest('page/status', { notes: this.notes.length, orphans: this.orphans.length, claims, known: this.claims.knownCount }).catch(() => undefined);
  }

  private paintNotes(): void {
    if (this.painter) {
      this.painter.removeAll('note:');
      for (const note of this.notes) {
        const hit = this.anchored.get(note.id);
        if (hit) this.painter.paint(`note:${note.id}`, noteHighlightName(note.verdict), [hit.range]);
      }
    }
    this.refreshHover();
  }

  /** Watch the DOM only while there is something to re-anchor: orphans, or painted ranges that may break. */
  private updateWatcher(): void {
    if (this.orphans.length > 0 || this.anchored.size > 0) this.watcher.start();
    else this.watcher.stop();
  }

  /**
   * One DomWatcher pass: painted ranges that collapsed, left the document or no longer hold their
   * text are re-anchored, and orphans are tried again. Builds the text index only when there is
   * such work. Returns the delay before the next pass may run.
   */
  private reanchor(): number | void {
    this.hover.invalidate();
    this.painter?.reassert();
    const damaged = [...this.anchored].filter(([, a]) => isDamaged(a)).map(([id]) => id);
    if (damaged.length === 0 && this.orphans.length === 0) {
      this.updateWatcher();
      return undefined;
    }
    const retry = new Set([...damaged, ...this.orphans]);
    const result = anchorNotes(buildPageIndex(), this.notes.filter((n) => retry.has(n.id)));
    for (const id of damaged) this.anchored.delete(id);
    for (const [id, a] of result.anchored) this.anchored.set(id, a);
    const before = this.orphans.length;
    this.orphans = result.orphans;
    this.paintNotes();
    this.updateWatcher();
    if (damaged.length > 0 || this.orphans.length !== before) void this.reportStatus();
    // Back off while orphans stay orphans; start over as soon as anything re-attached.
    const progress = result.anchored.size > 0;
    this.orphanRetryMs = progress ? 500 : Math.min(this.orphanRetryMs * 2, ORPHAN_RETRY_MAX_MS);
    return this.orphans.length > 0 ? this.orphanRetryMs : undefined;
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
      notes: this.notes,
      claims: this.claims.status,
      anchoring: this.anchoringTiming,
    };
  }

  // --- Editor ---------------------------------------------------------------------------------

  /** The editor for a new note on `selection`. */
  private openCreateEditor(selection: Range): void {
    const captured = captureRange(buildPageIndex(), selection);
    if (!captured) {
      this.ui.showNotice(t('pageSelectionNoText'));
      return;
    }
    if (captured.quote.length > LIMITS.claim) {
      this.ui.showNotice(t('pageSelectionTooLongShort', LIMITS.claim));
      return;
    }
    this.painter?.paint('editing', EDITING_HIGHLIGHT, [captured.range]);
    this.ui.openEditor(rectOf(captured.range), {
      mode: 'create',
      quote: captured.quote,
      initial: emptyValues(),
      onCancel: () => this.closeEditor(),
      onSave: async (fields) => {
        const created = await sendRequest('notes/create', {
          draft: {
            pageUrl: this.keys[0] ?? location.href,
            pageTitle: document.title.slice(0, LIMITS.title),
            selectors: captured.selectors,
            claim: captured.quote,
            ...fields,
          },
        });
        this.closeEditor();
        // Paint now; the background's change event re-reads the page's notes right after.
        const pos = captured.selectors.find((sel) => sel.type === 'TextPositionSelector');
        this.notes = [...this.notes.filter((n) => n.id !== created.id), created];
        this.anchored.set(created.id, {
          range: captured.range,
          start: pos?.type === 'TextPositionSelector' ? pos.start : 0,
          end: pos?.type === 'TextPositionSelector' ? pos.end : 0,
          exact: true,
          matchedText: captured.quote,
          rangeText: normalizeText(captured.range.toString()),
        });
        this.paintNotes();
        this.updateWatcher();
      },
    });
  }

  private openEditEditor(note: Annotation): void {
    const hit = this.anchored.get(note.id);
    if (hit) this.painter?.paint('editing', EDITING_HIGHLIGHT, [hit.range]);
    this.ui.closePanel();
    this.ui.openEditor(hit ? rectOf(hit.range) : null, {
      mode: 'edit',
      quote: note.claim,
      initial: valuesFromNote(note),
      onCancel: () => this.closeEditor(),
      onSave: async (fields: EditorFields) => {
        const updated = await sendRequest('notes/update', { id: note.id, patch: fields });
        this.closeEditor();
        this.notes = this.notes.map((n) => (n.id === updated.id ? updated : n));
        this.paintNotes();
      },
    });
  }

  private closeEditor(): void {
    this.painter?.remove('editing');
    this.ui.closePanel();
    // The old selection would bring the toolbar straight back; the highlight marks the place now.
    pristine().getSelection()?.removeAllRanges();
    this.capture.hide();
  }

  // --- Note card ------------------------------------------------------------------------------

  private showCard(id: string, anchor: RectLike | null, opts: { pinned: boolean; autoFocus: boolean }): void {
    if (id.startsWith(CLAIM_KEY_PREFIX) || id.startsWith(KNOWN_KEY_PREFIX)) return this.showClaimCard(id, anchor, opts);
    const note = this.notes.find((n) => n.id === id);
    if (!note) return;
    const hit = this.anchored.get(id);
    this.ui.openCard(
      anchor,
      {
        note,
        changedText: hit && !hit.exact ? hit.matchedText : null,
        autoFocus: opts.autoFocus,
        onClose: () => this.ui.closePanel(),
        onEdit: () => this.openEditEditor(note),
        onDelete: async () => {
          await sendRequest('notes/delete', { id });
        },
        onUndo: async () => {
          await sendRequest('notes/restore', { id });
        },
      },
      { pinned: opts.pinned },
    );
  }

  private showClaimCard(key: string, anchor: RectLike | null, opts: { pinned: boolean; autoFocus: boolean }): void {
    const known = this.claims.getKnown(key);
    if (known) {
      const { verdict, ratingName, reviewUrl, publisher } = known.hit.claim;
      this.ui.openClaimCard(
        anchor,
        key,
        {
          text: known.text,
          known: { verdict, ratingName, reviewUrl, publisher },
          autoFocus: opts.autoFocus,
          onClose: () => this.ui.closePanel(),
          onFactCheck: () => {
            this.ui.closePanel();
            this.openCreateEditor(known.range.cloneRange());
          },
        },
        { pinned: opts.pinned },
      );
      return;
    }
    const claim = this.claims.get(key);
    if (!claim) return;
    this.ui.openClaimCard(
      anchor,
      key,
      {
        text: claim.text,
        score: claim.score,
        reasons: claim.reasons,
        autoFocus: opts.autoFocus,
        onClose: () => this.ui.closePanel(),
        onFactCheck: () => this.factCheckClaim(key),
        onDismiss: () => {
          this.ui.closePanel();
          void this.claims.dismiss(key, this.keys[0] ?? location.href);
        },
      },
      { pinned: opts.pinned },
    );
  }

  /** The editor on a detected claim, as if the reader had selected the sentence. */
  private factCheckClaim(key: string): boolean {
    const claim = this.claims.get(key);
    if (!claim) return false;
    this.ui.closePanel();
    this.openCreateEditor(claim.range.cloneRange());
    return true;
  }

  /**
   * "Show in page" for a note or a sentence that repeats a reviewed claim ("known:…"): scrolls to
   * it, flashes it and pins its card.
   */
  private showInPage(key: string): boolean {
    const range = key.startsWith(KNOWN_KEY_PREFIX) ? this.claims.getKnown(key)?.range : this.anchored.get(key)?.range;
    if (!range || !this.painter) return false;
    range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
    this.painter.paint('flash', FLASH_HIGHLIGHT, [range]);
    this.ctx.setTimeout(() => this.painter?.remove('flash'), 1200);
    this.hover.invalidate();
    this.showCard(key, rectOf(range), { pinned: true, autoFocus: false });
    return true;
  }

  // --- Messages -------------------------------------------------------------------------------

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
    // Act on the selection now: waiting for a load could let the reader's selection change.
    if (type === 'tab/fact-check-selection') {
      const outcome: FactCheckOutcome = this.capture.factCheckNow();
      return Promise.resolve({ ok: true, value: outcome });
    }
    const wait = this.loading ?? Promise.resolve();
    return wait.then(() => {
      switch (type) {
        case 'tab/page-info':
          return { ok: true, value: this.pageInfo() };
        case 'tab/show-note':
          return { ok: true, value: this.showInPage((parsed.output as { id: string }).id) };
        case 'tab/claims':
          return { ok: true, value: { status: this.claims.status, claims: this.claims.list(), known: this.claims.listKnown() } satisfies ClaimsReply };
        case 'tab/dismiss-claim':
          return this.claims.dismiss((parsed.output as { id: string }).id, this.keys[0] ?? location.href).then((value) => ({ ok: true, value }));
        case 'tab/fact-check-claim':
          return { ok: true, value: this.factCheckClaim((parsed.output as { id: string }).id) };
        case 'tab/show-known':
          return { ok: true, value: this.showInPage((parsed.output as { id: string }).id) };
      }
    });
  };
}

/** A painted range broke: its text was removed, replaced or edited. */
function isDamaged(a: AnchoredNote): boolean {
  const r = a.range;
  if (r.collapsed || !r.startContainer.isConnected || !r.endContainer.isConnected) return true;
  return normalizeText(r.toString()) !== a.rangeText;
}

function rectOf(range: Range): RectLike | null {
  const rects = pristine().clientRects(range);
  if (!rects.length) return null;
  const first = rects[0];
  const b = pristine().boundingRect(range);
  // Point at the first line, spanning the range's width.
  return { left: first.left, top: b.top, right: b.right, bottom: b.bottom };
}

/** Resolves when the page is idle (or after a short bound, so notes never wait long). */
function idle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 500 });
    else setTimeout(resolve, 0);
  });
}
