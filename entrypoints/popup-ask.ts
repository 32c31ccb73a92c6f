/**
 * Loaded by popup.html as a classic script in its head: asks the tab for its page while the popup's
 * module scripts are still loading (components/popup/first-page-info.ts says why). The browser's
 * own API, not the polyfill: this script runs before everything else on the page, so it stays small.
 */
import { askTabEarly, type TabsApi } from '@/components/popup/first-page-info';

export default defineUnlistedScript(() => {
  const api = (globalThis as { browser?: TabsApi; chrome?: TabsApi }).browser ?? (globalThis as { chrome?: TabsApi }).chrome;
  if (api?.tabs) askTabEarly(api, location.search);
});
