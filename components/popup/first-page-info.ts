/**
 * The popup's question to its tab ("which page are you, with which notes?"), written against the
 * browser's own promise-based `tabs` API so that it can also run without webextension-polyfill.
 *
 * Why: entrypoints/popup-ask.ts asks it from a classic script in popup.html's head, while the page
 * is still being parsed and before the popup's module scripts are evaluated, so the round trip to
 * the tab (browser, content script, back) overlaps their loading instead of following it. That
 * script must stay a few hundred bytes, so it passes `chrome` (Chromium) or `browser` (Firefox)
 * itself; the popup passes the polyfill's `browser` for every later question.
 */
import { PROTOCOL_TAG } from '@/utils/messaging/protocol-tag';

/** The part of `browser.tabs` the question needs (Chromium's MV3 `chrome.tabs` returns promises too). */
export interface TabsApi {
  tabs: {
    query(query: { active: boolean; currentWindow: boolean }): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
  };
}

/** The tab's answer as it came: `reply` is the content script's Result<PageInfo>, not yet checked. */
export type TabAnswer = { tabId: undefined } | { tabId: number; reply: unknown } | { tabId: number; unreachable: true };

/** `?tab=<id>` (tests and the library open the popup for a given tab), else the active tab. */
async function activeTabIdWith(api: TabsApi, search: string): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

const PAGE_INFO_REQUEST = { tag: PROTOCOL_TAG, type: 'tab/page-info', data: {} };

/** Asks the tab; never rejects (a tab without the content script is `unreachable`). */
export async function askTab(api: TabsApi, search: string): Promise<TabAnswer> {
  const tabId = await activeTabIdWith(api, search).catch(() => undefined);
  if (tabId === undefined) return { tabId };
  try {
    return { tabId, reply: await api.tabs.sendMessage(tabId, PAGE_INFO_REQUEST) };
  } catch {
    return { tabId, unreachable: true };
  }
}

const EARLY = Symbol.for('factmark.popup.firstAnswer');
type WithEarly = typeof globalThis & { [EARLY]?: Promise<TabAnswer> };

/** Called by the early script: starts the question and leaves its answer for the popup. */
export function askTabEarly(api: TabsApi, search: string): void {
  (globalThis as WithEarly)[EARLY] = askTab(api, search);
}

/** The early script's answer, once (later questions must ask again). */
export function takeEarlyAnswer(): Promise<TabAnswer> | undefined {
  const early = (globalThis as WithEarly)[EARLY];
  delete (globalThis as WithEarly)[EARLY];
  return early;
}
