/**
 * The page the popup is about: the active tab (or `?tab=<id>`, which tests and the library use),
 * and what its content script reports — page keys, anchored notes, orphans.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { PROTOCOL_TAG, type Result } from '@/utils/messaging/protocol';
import { t } from '@/utils/i18n';
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

export function useActivePage(refreshKey: unknown = 0): ActivePage {
  const [page, setPage] = useState<ActivePage>({ state: 'loading' });
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const tabId = await activeTabId();
      if (tabId === undefined) return setPage({ state: 'unsupported', reason: t('popupNoTab') });
      try {
        const info = await requestPageInfo(tabId);
        if (!cancelled) setPage({ state: 'ready', tabId, info });
      } catch {
        if (!cancelled)
          setPage({
            state: 'unsupported',
            reason: t('popupUnsupported'),
          });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [refreshKey]);
  return page;
}
