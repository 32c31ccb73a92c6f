/**
 * The page the popup is about: the active tab (or `?tab=<id>`, which tests and the library use),
 * and what its content script reports — page keys, anchored notes, orphans.
 */
import { browser } from 'wxt/browser';
import { PROTOCOL_TAG } from '@/utils/messaging/protocol-tag';
import type { Result } from '@/utils/messaging/protocol';
import type { PageInfo } from '@/entrypoints/article.content/session';

export type ActivePage =
  | { state: 'loading' }
  | { state: 'unsupported'; reason: string }
  | { state: 'ready'; tabId: number; info: PageInfo };

export async function activeTabId(search = location.search): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

export async function requestPageInfo(tabId: number): Promise<PageInfo> {
  const reply = (await browser.tabs.sendMessage(tabId, { tag: PROTOCOL_TAG, type: 'tab/page-info', data: {} })) as
    | Result<PageInfo>
    | undefined;
  if (!reply?.ok) throw new Error(reply ? reply.error.message : 'no reply');
  return reply.value;
}
