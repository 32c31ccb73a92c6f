/**
 * The popup's start, in the order it happens: the tab is asked for its page while popup.html is
 * still being parsed (entrypoints/popup-ask.ts; not after a first render), the popup's scripts and
 * then the database chunk load meanwhile, and this page's live notes are read through it. The
 * tab's answer carries the notes it holds, which are painted first; otherwise notes are
 * `undefined` until the notes of exactly the current page keys are read, so the list never shows
 * another query's result, or the empty state, in between. What can wait (the detected claims)
 * waits until the notes are painted.
 */
import { useLayoutEffect, useState } from 'preact/hooks';
import type { Annotation } from '@/utils/model/annotation';
import { t } from '@/utils/i18n';
import { browser } from 'wxt/browser';
import type { ActivePage } from '@/components/hooks/use-active-page';
import type { Result } from '@/utils/messaging/protocol';
import type { PageInfo } from '@/entrypoints/article.content/session';
import { askTab, takeEarlyAnswer, type TabAnswer } from './first-page-info';

/** The tab's answer as the popup shows it: its keys, anchored notes and orphans, or why there is none. */
export function activePageOf(answer: TabAnswer): ActivePage {
  if (answer.tabId === undefined) return { state: 'unsupported', reason: t('popupNoTab') };
  const reply = 'reply' in answer ? (answer.reply as Result<PageInfo> | undefined) : undefined;
  // No content script there (a browser page, a store page) or it failed: the popup says why.
  if (!reply?.ok) return { state: 'unsupported', reason: t('popupUnsupported') };
  return { state: 'ready', tabId: answer.tabId, info: reply.value };
}

/** Asks the tab (again); the popup's first question may already be on its way (popup-ask.ts). */
export async function readActivePage(early?: Promise<TabAnswer>): Promise<ActivePage> {
  return activePageOf(await (early ?? askTab(browser, location.search)));
}

let firstPage: Promise<ActivePage> | undefined;
/** The popup's first question to the tab, shared by everything that needs it at start. */
export const firstActivePage = (): Promise<ActivePage> =>
  (firstPage ??= readActivePage(takeEarlyAnswer()).then((page) => {
    performance.mark('factmark:popup-page-info'); // read by bench/library-browser.ts
    return page;
  }));

let store: Promise<typeof import('./page-notes-store')> | undefined;
/** Loads the notes chunk and opens the database (once). */
export const loadNotesStore = () => (store ??= import('./page-notes-store'));

let notesShown: () => void = () => undefined;
/** Resolves once this page's notes (or the empty state) are painted: what can wait, waits for it. */
export const firstNotesShown = new Promise<void>((ok) => (notesShown = ok));

let marked = false;
/**
 * Called right after the notes (or the empty state) are committed to the DOM: marks the popup's
 * first paint once the frame that shows them is drawn (timed by bench/library-browser.ts) and lets
 * what waited for it go. Timed here, not from a Preact effect: an effect also runs early when the
 * component renders again before the frame (the settings arriving, say), which would mark a paint
 * that has not happened yet.
 */
export function markNotesShown(count: number): void {
  if (marked) return;
  marked = true;
  const painted = () => {
    clearTimeout(fallback);
    cancelAnimationFrame(frame);
    // A frame callback runs before that frame's paint; a task queued from it runs after.
    setTimeout(() => {
      performance.mark('factmark:popup-notes', { detail: { notes: count } });
      notesShown();
    });
  };
  // A page that draws no frames (hidden) still lets the claims load.
  const fallback = setTimeout(painted, 100);
  const frame = requestAnimationFrame(painted);
}

/** The active tab's page; each new `refreshKey` asks the tab again (the previous answer stays meanwhile). */
export function usePopupPage(refreshKey: number): ActivePage {
  const [page, setPage] = useState<ActivePage>({ state: 'loading' });
  useLayoutEffect(() => {
    let cancelled = false;
    void (refreshKey === 0 ? firstActivePage() : readActivePage()).then((p) => cancelled || setPage(p));
    return () => {
      cancelled = true;
    };
  }, [refreshKey]);
  return page;
}

const NO_NOTES: Annotation[] = [];

/**
 * The live notes of these page keys; until the database answers, the notes the tab reported with
 * the same keys (`fromTab`: the tab holds them already, so the list paints without waiting for
 * the database chunk to load and open); `undefined` when neither is there yet.
 */
export function usePageNotes(keys: readonly string[] | undefined, fromTab?: Annotation[]): Annotation[] | undefined {
  const key = keys?.join('\n');
  const [read, setRead] = useState<{ key: string; notes: Annotation[] } | undefined>(undefined);
  useLayoutEffect(() => {
    if (!key) return;
    let stop: (() => void) | undefined;
    let live = true;
    // With the tab's notes on screen, the database chunk (Dexie, two thirds of the popup's script)
    // loads after the first paint instead of competing with it; it then keeps the list live.
    void (fromTab ? firstNotesShown : Promise.resolve())
      .then(loadNotesStore)
      .then((s) => {
        if (live) stop = s.watchPageNotes(key.split('\n'), (notes) => {
          if (!performance.getEntriesByName('factmark:popup-notes-read').length) performance.mark('factmark:popup-notes-read');
          setRead({ key, notes });
        });
      });
    return () => {
      live = false;
      stop?.();
    };
  }, [key]);
  if (key === undefined) return undefined;
  if (key === '') return NO_NOTES;
  return read?.key === key ? read.notes : fromTab;
}
