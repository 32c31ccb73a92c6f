/**
 * Loaded by popup.html as a classic script in its head: asks the tab for its page while the popup's
 * module scripts are still loading (components/popup/first-page-info.ts says why). The browser's
 * own API, not the polyfill: this script is what the popup waits for before it can start.
 */
import { askTabEarly, type TabsApi } from '@/components/popup/first-page-info';

export default defineUnlistedScript(() => {
  const api = (globalThis as { browser?: TabsApi; chrome?: TabsApi }).browser ?? (globalThis as { chrome?: TabsApi }).chrome;
  if (api?.tabs) askTabEarly(api, location.search);
});
