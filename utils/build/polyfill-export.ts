/**
 * The `browser` every bundle imports (swapped in for @wxt-dev/webextension-polyfill/browser by
 * browser-polyfill.ts): a `require`, so the bundle keeps the polyfill's module.exports as it is,
 * with no namespace copy of the extension APIs.
 */
import type Browser from 'webextension-polyfill';

declare const require: (id: 'webextension-polyfill') => typeof Browser;

export const browser = require('webextension-polyfill');
