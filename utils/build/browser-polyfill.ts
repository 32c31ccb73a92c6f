/**
 * `wxt/browser` as the extension's bundles get it: webextension-polyfill's export, handed over
 * untouched. The polyfill is CommonJS; imported as an ES module (what @wxt-dev/webextension-polyfill
 * does), the bundler's interop copied every property of the wrapped `chrome` object into a
 * namespace object, materialising each extension API binding on the way: ~2.5 ms of CPU on every
 * page the content script runs on, and in every popup open (Chromium CPU profiles, this machine).
 * A `require` returns module.exports as it is. Swapped in by `browserPolyfillAsIs` below (a Vite
 * plugin for the build; unit tests keep WXT's fake browser).
 */
import type { Plugin } from 'vite';
import { fileURLToPath } from 'node:url';

/** The module the bundles import for `wxt/browser` (see polyfill-export.ts). */
const EXPORT = fileURLToPath(new URL('./polyfill-export.ts', import.meta.url));

export function browserPolyfillAsIs(): Plugin {
  return {
    name: 'factmark:browser-polyfill-as-is',
    apply: 'build',
    enforce: 'pre',
    resolveId(id) {
      return id === '@wxt-dev/webextension-polyfill/browser' ? EXPORT : undefined;
    },
  };
}
