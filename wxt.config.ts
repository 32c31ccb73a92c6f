import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { claimWeightsInComment } from './utils/claims/weights-plugin';
import { inlineStylesheets } from './utils/build/inline-stylesheets';
import { browserPolyfillAsIs } from './utils/build/browser-polyfill';
import { criticalPathGroup } from './utils/build/popup-chunk';

const POPUP_PAGE = resolve(import.meta.dirname, 'entrypoints/popup/index.html');
const POPUP_MAIN = resolve(import.meta.dirname, 'entrypoints/popup/main.tsx');

// See README "Permissions" for why each permission is needed.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // The claim weights ride in a comment, not a string literal: see utils/claims/weights-source.ts.
  // FM_NOMINIFY=1 builds unminified bundles, for readable CPU profiles.
  // The popup's stylesheets are inlined into popup.html: see utils/build/inline-stylesheets.ts;
  // its scripts before first paint in one chunk: see utils/build/popup-chunk.ts.
  vite: () => ({
    plugins: [preact(), browserPolyfillAsIs(), claimWeightsInComment(), inlineStylesheets(['entrypoints/popup/index.html'])],
    build: {
      ...(process.env.FM_NOMINIFY ? { minify: false } : {}),
      rolldownOptions: { output: { codeSplitting: { groups: [criticalPathGroup(POPUP_PAGE, POPUP_MAIN, 'popup-start')] } } },
    },
  }),
  hooks: {
    // WXT takes the toolbar icon's tooltip from popup.html's <title>; the reader's language instead.
    'build:manifestGenerated': (_wxt, manifest) => {
      const action = manifest.action ?? manifest.browser_action;
      if (action) action.default_title = '__MSG_actionTitle__';
    },
  },
  manifest: ({ browser }) => ({
    // Text from public/_locales/<lang>/messages.json, so a translation needs no code change.
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['contextMenus', 'storage'],
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 96: 'icon/96.png', 128: 'icon/128.png' },
    commands: {
      'fact-check-selection': {
        suggested_key: { default: 'Alt+Shift+F' },
        description: '__MSG_commandFactCheck__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'factmark@factmark.app',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : { minimum_chrome_version: '120' }),
  }),
});
