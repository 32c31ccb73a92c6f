/**
 * The popup's first question to its tab, asked by popup-ask.js before the popup's modules run:
 * which tab (`?tab=` or the active one), the answer kept for the popup exactly once, and every
 * way the question can fail mapped to what the popup says.
 */
import { describe, expect, it, vi } from 'vitest';
import { askTab, askTabEarly, takeEarlyAnswer, type TabsApi } from '@/components/popup/first-page-info';
import { activePageOf } from '@/components/popup/use-page-notes';
import { PROTOCOL_TAG } from '@/utils/messaging/protocol-tag';
import { t } from '@/utils/i18n';

const info = { pageKeys: ['https://news.example/a'], anchored: [], orphans: [], notes: [] };

function fakeTabs({ active = 7 as number | null, reply = { ok: true, value: info } as unknown, query = undefined as Error | undefined, send = undefined as Error | undefined } = {}) {
  const api: TabsApi = {
    tabs: {
      query: vi.fn(async () => {
        if (query) throw query;
        return active === null ? [] : [{ id: active }];
      }),
      sendMessage: vi.fn(async () => {
        if (send) throw send;
        return reply;
      }),
    },
  };
  return api;
}

describe('the popup asks its tab', () => {
  it('asks the active tab of its window for its page, with the protocol tag', async () => {
    const api = fakeTabs();
    expect(await askTab(api, '')).toEqual({ tabId: 7, reply: { ok: true, value: info } });
    expect(api.tabs.query).toHaveBeenCalledWith({ active: true, currentWindow: true });
    expect(api.tabs.sendMessage).toHaveBeenCalledWith(7, { tag: PROTOCOL_TAG, type: 'tab/page-info', data: {} });
  });

  it('asks the tab named by ?tab= without looking for the active one', async () => {
    const api = fakeTabs();
    expect(await askTab(api, '?tab=42')).toMatchObject({ tabId: 42 });
    expect(api.tabs.query).not.toHaveBeenCalled();
    // Not a tab id: falls back to the active tab.
    expect(await askTab(fakeTabs(), '?tab=abc')).toMatchObject({ tabId: 7 });
  });

  it('never rejects: no active tab, a failing query and an unreachable tab are answers', async () => {
    expect(await askTab(fakeTabs({ active: null }), '')).toEqual({ tabId: undefined });
    expect(await askTab(fakeTabs({ query: new Error('no window') }), '')).toEqual({ tabId: undefined });
    expect(await askTab(fakeTabs({ send: new Error('Could not establish connection') }), '')).toEqual({ tabId: 7, unreachable: true });
  });

  it('keeps the early answer for the popup once; a second take finds none', async () => {
    const api = fakeTabs();
    askTabEarly(api, '?tab=3');
    const early = takeEarlyAnswer();
    expect(early).toBeInstanceOf(Promise);
    expect(await early).toMatchObject({ tabId: 3 });
    expect(takeEarlyAnswer()).toBeUndefined();
    expect(api.tabs.sendMessage).toHaveBeenCalledTimes(1);
  });
});

describe("the tab's answer as the popup shows it", () => {
  it('a page info reply is the ready page', () => {
    expect(activePageOf({ tabId: 7, reply: { ok: true, value: info } })).toEqual({ state: 'ready', tabId: 7, info });
  });

  it('no tab, no content script, an error reply or no reply say why there is nothing', () => {
    expect(activePageOf({ tabId: undefined })).toEqual({ state: 'unsupported', reason: t('popupNoTab') });
    for (const answer of [
      { tabId: 7, unreachable: true as const },
      { tabId: 7, reply: { ok: false, error: { code: 'internal', message: 'boom' } } },
      { tabId: 7, reply: undefined },
    ]) {
      expect(activePageOf(answer)).toEqual({ state: 'unsupported', reason: t('popupUnsupported') });
    }
  });
});
