/**
 * The page the popup is about, as the popup holds it: the tab's id and what its content script
 * reports (page keys, anchored notes, orphans), or why there is none. The question itself is in
 * components/popup/first-page-info.ts.
 */
import type { PageInfo } from '@/entrypoints/article.content/session';

export type ActivePage =
  | { state: 'loading' }
  | { state: 'unsupported'; reason: string }
  | { state: 'ready'; tabId: number; info: PageInfo };
