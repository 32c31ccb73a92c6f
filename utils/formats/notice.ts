/**
 * What the import says to the reader, in no language yet: a catalogue key and its substitutions
 * (public/_locales/en/messages.json). The pure modules here give notices; the page words them
 * with `t` (utils/i18n.ts), and Node code, tests and file content with `english`
 * (./english.ts). A notice is a plain object, so it crosses postMessage as it is.
 *
 * Values from the file (a field name, a bad URL's scheme) are substitutions, never part of a
 * key. A substitution may itself be a notice ("source 2 dropped: <why>"), worded first.
 */
import type { MessageKey, PluralBase } from '../i18n';

export type NoticeSub = string | number | Notice;

export interface Notice {
  key: MessageKey;
  subs?: NoticeSub[];
}

/** Looks a message up with its substitutions: `t` in the UI, `english` elsewhere. */
export type MessageFn = (key: MessageKey, ...subs: (string | number)[]) => string;

export function notice(key: MessageKey, ...subs: NoticeSub[]): Notice {
  return subs.length ? { key, subs } : { key };
}

/** The `_one` or `_other` message of a plural pair, with the count as its first substitution. */
export function pluralNotice(base: PluralBase, n: number, ...subs: NoticeSub[]): Notice {
  return notice(`${base}_${n === 1 ? 'one' : 'other'}` as MessageKey, n, ...subs);
}

/** The notice in words: nested notices first, then the message with their text substituted. */
export function renderNotice(n: Notice, message: MessageFn): string {
  return message(n.key, ...(n.subs ?? []).map((s) => (typeof s === 'object' ? renderNotice(s, message) : s)));
}

/** Several notices as one line ("no target; tag 2 dropped: empty tag"). */
export function renderNotices(list: readonly Notice[], message: MessageFn, separator = '; '): string {
  return list.map((n) => renderNotice(n, message)).join(separator);
}

/** A stable identity for grouping equal notices. */
export const noticeId = (n: Notice): string => JSON.stringify(n);
