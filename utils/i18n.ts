/**
 * UI text through `browser.i18n`, so a translation is a new `public/_locales/<lang>/messages.json`
 * and no code change. Keys are typed from the English catalogue; a missing key or a context
 * without the i18n API (unit tests) falls back to the key itself, never to a crash.
 */
import { browser } from 'wxt/browser';
import type catalogue from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof catalogue;

/**
 * Messages as looked up once: the UI language cannot change while a page lives, and a page renders
 * the same labels hundreds of times (getMessage through the polyfill was the largest script cost
 * of a popup paint, and ~10 % of a library page's render, in Chromium profiles). A message with
 * substitutions is kept as a template: looked up with marker strings in place of `$1`…`$9`, which
 * are replaced in one pass (so a substituted value is never itself substituted).
 */
const plain = new Map<string, string>();
/** A message with substitutions, split at its markers: text parts and the index of the value between them. */
const templates = new Map<string, (string | number)[]>();
const MARKER = /\u0001(\d)\u0002/;
const marker = (i: number) => `\u0001${i}\u0002`;

/** "Edit note: \u00011\u0002" → ["Edit note: ", 1] (split with a capture group keeps the indexes at odd places). */
function splitTemplate(text: string): (string | number)[] {
  return text.split(MARKER).map((part, i) => (i % 2 === 1 ? Number(part) : part));
}

/** The message for `key` with `$1`…`$9` substituted (numbers are formatted for the UI language). */
export function t(key: MessageKey, ...subs: (string | number)[]): string {
  if (subs.length === 0) {
    const known = plain.get(key);
    if (known !== undefined) return known;
    const text = lookup(key, []);
    // A fallback (no i18n API yet) is not remembered.
    if (text !== null) plain.set(key, text);
    return text ?? key;
  }
  const id = `${key}#${subs.length}`;
  let parts = templates.get(id);
  if (parts === undefined) {
    const text = lookup(key, subs.map((_, i) => marker(i)));
    if (text === null) return key;
    templates.set(id, (parts = splitTemplate(text)));
  }
  // One pass over the parts: a substituted value is never itself substituted.
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') out += part;
    else {
      const value = subs[part];
      out += typeof value === 'number' ? value.toLocaleString() : value;
    }
  }
  return out;
}

/** The message, or null when there is no i18n API or no such message. */
function lookup(key: MessageKey, subs: string[]): string | null {
  try {
    // Typed loosely on purpose: WXT's generated overloads exist only after `wxt prepare`.
    const getMessage = browser.i18n.getMessage as (name: string, substitutions?: string[]) => string;
    const text = getMessage(key, subs);
    if (text) return text;
  } catch {
    // No i18n API in this context.
  }
  return null;
}

/** Keys that come in `_one` / `_other` pairs (browser.i18n has no plural rules). */
export type PluralBase = MessageKey extends infer K ? (K extends `${infer B}_one` ? B : never) : never;

/** `tn('notesCount', 3)` → the `notesCount_other` message with 3 substituted. */
export function tn(base: PluralBase, n: number, ...subs: (string | number)[]): string {
  return t(`${base}_${n === 1 ? 'one' : 'other'}` as MessageKey, n, ...subs);
}

/** The UI language as a BCP 47 tag for `<html lang>` ("en" when unknown). */
export function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}
