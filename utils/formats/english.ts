/**
 * English from catalogue entries, with chrome.i18n.getMessage's substitution rules ($NAME$ →
 * its placeholder's content → $1…$9), for text that is not UI: file content (the Markdown
 * report), Node tools, tests. The UI words notices with `t` (utils/i18n.ts) instead.
 *
 * Pure and catalogue-free: a caller passes the entries it needs. Bundled code should import
 * only those entries by name from the catalogue (Vite drops the rest); Node code may pass the
 * whole catalogue (tests/english-messages.ts).
 */
import type { MessageKey } from '../i18n';
import { renderNotice, type Notice } from './notice';

export interface CatalogueEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

/** One message with its substitutions; '' for a missing entry, as getMessage answers. */
export function fillMessage(entry: CatalogueEntry | undefined, subs: readonly (string | number)[]): string {
  if (!entry) return '';
  return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (__, i: string) => String(subs[Number(i) - 1] ?? ''));
  });
}

/** A notice renderer over `entries`. */
export function englishFrom(entries: Partial<Record<MessageKey, CatalogueEntry>>): (n: Notice) => string {
  const message = (key: MessageKey, ...subs: (string | number)[]) => fillMessage(entries[key], subs);
  return (n) => renderNotice(n, message);
}
