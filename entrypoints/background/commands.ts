/**
 * The keyboard command `fact-check-selection` (declared in wxt.config.ts, Alt+Shift+F by
 * default): asks the active tab's content script to open the editor for its selection.
 * `tabs.query` for the active tab needs no `tabs` permission (only url/title would).
 */
import { browser } from 'wxt/browser';
import { askTabToFactCheck } from './context-menu';

export const FACT_CHECK_COMMAND = 'fact-check-selection';

export function registerCommands(): void {
  browser.commands?.onCommand.addListener((command, tab) => {
    if (command !== FACT_CHECK_COMMAND) return;
    void factCheckActiveTab(tab?.id);
  });
}

export async function factCheckActiveTab(tabId?: number): Promise<boolean> {
  let id = tabId;
  if (id === undefined) {
    const [active] = await browser.tabs.query({ active: true, currentWindow: true });
    id = active?.id;
  }
  return id === undefined ? false : askTabToFactCheck(id);
}
