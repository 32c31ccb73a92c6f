/**
 * The page the popup is about: the active tab (or `?tab=<id>`, which tests and the library use),
 * and what its content script reports — page keys, anchored notes, orphans.
 */
import { browser } from 'wxt/browser';
import type { Result } from '@/utils/messaging/protocol';
import type { PageInfo } from '@/entrypoints/article.content/session';

export type ActivePage =
  | { state: 'loading' }
  | { state: 'unsupported'; reason: string }
  | { state: 'ready'; tabId: number; info: PageInfo };

/** The content script's reply checked: its page info, or an error with its message. */
export function pageInfoFrom(reply: unknown): PageInfo {
  const result = reply as Result<PageInfo> | undefined;
  if (!result?.ok) throw new Error(result ? result.error.message : 'no reply');
  return result.value;
}
