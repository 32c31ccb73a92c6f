/**
 * The popup with the tab's detected and already fact-checked claims: asks the tab's content
 * script ('tab/claims') and turns "Fact-check", "Dismiss" and "Show in page" into requests to that tab.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { PROTOCOL_TAG } from '@/utils/messaging/protocol-tag';
import type { Result } from '@/utils/messaging/protocol';
import { firstActivePage, firstNotesShown } from '@/components/popup/use-page-notes';
import type { DetectedClaim } from '@/components/popup/DetectedClaims';
import type { ClaimsReply } from '@/entrypoints/article.content/session';
import type { SkipWhy } from '@/entrypoints/article.content/claims-layer';
import { t } from '@/utils/i18n';
import { App } from './App';

async function tabRequest<T>(tabId: number, type: string, data: object = {}): Promise<T> {
  const reply = (await browser.tabs.sendMessage(tabId, { tag: PROTOCOL_TAG, type, data })) as Result<T> | undefined;
  if (!reply?.ok) throw new Error(reply ? reply.error.message : 'no reply');
  return reply.value;
}

export function PopupWithClaims() {
  const [tabId, setTabId] = useState<number | undefined>(undefined);
  const [reply, setReply] = useState<ClaimsReply | null>(null);

  const refresh = useCallback(async (id: number) => {
    try {
      setReply(await tabRequest<ClaimsReply>(id, 'tab/claims'));
    } catch {
      setReply(null); // no content script here: the notes section says why
    }
  }, []);

  // Claims come after the page's notes: ask once those are on screen.
  useEffect(() => {
    void Promise.all([firstActivePage(), firstNotesShown]).then(([page]) => {
      if (page.state !== 'ready') return;
      setTabId(page.tabId);
      void refresh(page.tabId);
    });
  }, []);

  // Detection finishes at idle time; ask again while it is still running.
  useEffect(() => {
    if (tabId === undefined || reply?.status.state !== 'pending') return;
    const timer = setTimeout(() => void refresh(tabId), 300);
    return () => clearTimeout(timer);
  }, [reply, tabId]);

  const status = reply?.status;
  const claimsNote = status?.state === 'skipped' ? skipNote(status.why) : undefined;
  return (
    <App
      detectedClaims={status?.state === 'done' ? reply!.claims : undefined}
      knownClaims={status && status.state !== 'pending' ? reply!.known : undefined}
      onShowKnownClaim={(item) => {
        if (tabId === undefined) return;
        // As "Show in page" of a note: the page scrolls to the sentence, flashes it and pins its card.
        void tabRequest(tabId, 'tab/show-known', { id: item.id }).catch(() => undefined);
      }}
      claimsNote={claimsNote}
      onFactCheckClaim={(claim: DetectedClaim) => {
        if (tabId === undefined) return;
        // The editor opens in the page; the popup closes so the reader can use it.
        void tabRequest(tabId, 'tab/fact-check-claim', { id: claim.id }).then(() => window.close());
      }}
      onDismissClaim={(claim: DetectedClaim) => {
        if (tabId === undefined) return;
        void tabRequest(tabId, 'tab/dismiss-claim', { id: claim.id }).then(() => refresh(tabId));
      }}
    />
  );
}

/** Why no claims are highlighted, in the reader's language. */
export function skipNote(why: SkipWhy): string {
  switch (why.code) {
    case 'site-off':
      return t('claimsSkippedSite', why.host);
    case 'detection-off':
      return t('claimsSkippedOff');
    case 'language': {
      const name = languageName(why.language);
      return name ? t('claimsSkippedLanguage', name) : t('claimsSkippedNotEnglish');
    }
    case 'not-article':
      return t('claimsSkippedNotArticle');
    case 'failed':
      return t('claimsSkippedFailed');
  }
}

/** "fr" → "French" (in the UI language); undefined for 'und' or a tag the browser cannot name. */
function languageName(tag: string): string | undefined {
  if (!tag || tag === 'und') return undefined;
  try {
    const name = new Intl.DisplayNames([browser.i18n.getUILanguage()], { type: 'language' }).of(tag);
    return name && name.toLowerCase() !== tag.toLowerCase() ? name : undefined;
  } catch {
    return undefined;
  }
}
