import { browser } from 'wxt/browser';
import { getDb } from '@/utils/storage/db';
import { PROTOCOL_TAG, type NotesChangedEvent } from '@/utils/messaging/protocol';
import { handleMessage } from './handlers';
import { updateBadge } from './badge';
import { registerContextMenu } from './context-menu';
import { registerCommands } from './commands';

export default defineBackground(() => {
  registerContextMenu();
  registerCommands();
  browser.runtime.onMessage.addListener((message, sender) => {
    // Not ours (e.g. a tab-to-tab request): let other listeners answer.
    if (typeof message !== 'object' || message === null || (message as { tag?: unknown }).tag !== PROTOCOL_TAG) return undefined;
    if ('event' in (message as object)) return undefined;
    return handleMessage(message, {
      db: getDb(),
      runtimeId: browser.runtime.id,
      sender,
      onNotesChanged: broadcastNotesChanged,
      onPageStatus: (tabId, status) => void updateBadge(tabId, status),
    });
  });
});

/** Tell every tab's content script (and open extension pages) that notes of these pages changed. */
async function broadcastNotesChanged(pageUrls: string[]): Promise<void> {
  const event: NotesChangedEvent = { tag: PROTOCOL_TAG, event: 'notes/changed', pageUrls };
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map((tab) => (tab.id === undefined ? undefined : browser.tabs.sendMessage(tab.id, event).catch(() => undefined))),
  );
}
