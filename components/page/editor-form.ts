/**
 * The editor's rules, pure: what the reader typed → the fields of a note, or readable errors
 * (worded in the UI language, from the message catalogue).
 * The background validates again (utils/model/schema.ts); these checks exist so the reader learns
 * what is wrong next to the field instead of after a round trip.
 */
import { LIMITS } from '@/utils/model/limits';
import { VERDICTS, type Annotation, type Source, type Verdict } from '@/utils/model/annotation';
import { t } from '@/utils/i18n';

/** A limit in a message, as plain digits ("2048"): `t` would group a number's digits. */
const max = (n: number): string => String(n);

export interface SourceRow {
  url: string;
  title: string;
  excerpt: string;
  /** Kept from the stored source when editing; new sources get the save time. */
  accessed?: number;
}

/** What the form holds: strings as typed. */
export interface EditorValues {
  verdict: Verdict;
  note: string;
  sources: SourceRow[];
  /** Comma-separated. */
  tags: string;
}

export interface EditorFields {
  verdict: Verdict;
  note: string;
  sources: Source[];
  tags: string[];
}

/** Which input an error belongs to: `source-url-0` is the first source's URL. */
export interface FieldError {
  field: 'verdict' | 'note' | 'sources' | 'tags' | `source-url-${number}` | `source-title-${number}` | `source-excerpt-${number}`;
  message: string;
}

export type EditorResult = { ok: true; value: EditorFields } | { ok: false; errors: FieldError[] };

export const emptySource = (): SourceRow => ({ url: '', title: '', excerpt: '' });

export function emptyValues(): EditorValues {
  return { verdict: 'unrated', note: '', sources: [emptySource()], tags: '' };
}

export function valuesFromNote(note: Pick<Annotation, 'verdict' | 'note' | 'sources' | 'tags'>): EditorValues {
  return {
    verdict: note.verdict,
    note: note.note,
    sources: note.sources.length
      ? note.sources.map((s) => ({ url: s.url, title: s.title ?? '', excerpt: s.excerpt ?? '', ...(s.accessed !== undefined ? { accessed: s.accessed } : {}) }))
      : [emptySource()],
    tags: note.tags.join(', '),
  };
}

/**
 * Checks one source URL: null when fine, otherwise the reason. Only absolute http(s) URLs are
 * kept, so a source is always a link a reader can follow (and never `javascript:`).
 */
export function checkSourceUrl(raw: string): string | null {
  const url = raw.trim();
  if (!url) return t('pageErrorSourceUrlEmpty');
  if (url.length > LIMITS.url) return t('pageErrorSourceUrlTooLong', max(LIMITS.url));
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return /^[\w-]+(\.[\w-]+)+([/?#]|$)/.test(url) ? t('pageErrorSourceUrlNoScheme', clip(url)) : t('pageErrorSourceUrlInvalid', clip(url));
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return t('pageErrorSourceUrlScheme', parsed.protocol);
  if (!parsed.hostname) return t('pageErrorSourceUrlNoHost', clip(url));
  return null;
}

/** Tags from "a, b , #c": trimmed, leading '#' dropped, duplicates (case-insensitive) removed. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.split(/[,\n]/)) {
    const tag = part.trim().replace(/^#+/, '').trim().replace(/\s+/g, ' ');
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    out.push(tag);
  }
  return out;
}

/** `now` (epoch ms) becomes the `accessed` date of sources that have none. */
export function validateEditor(values: EditorValues, now?: number): EditorResult {
  const errors: FieldError[] = [];
  if (!(VERDICTS as readonly string[]).includes(values.verdict)) errors.push({ field: 'verdict', message: t('pageErrorVerdict') });

  const note = values.note.trim();
  if (note.length > LIMITS.note) errors.push({ field: 'note', message: t('pageErrorNoteTooLong', max(LIMITS.note)) });

  const sources: Source[] = [];
  values.sources.forEach((row, i) => {
    const url = row.url.trim();
    const title = row.title.trim();
    const excerpt = row.excerpt.trim();
    // A row left completely empty is just an unused slot.
    if (!url && !title && !excerpt) return;
    const problem = checkSourceUrl(url);
    if (problem) errors.push({ field: `source-url-${i}`, message: t('pageErrorSource', i + 1, problem) });
    if (title.length > LIMITS.title) errors.push({ field: `source-title-${i}`, message: t('pageErrorSourceTitleTooLong', i + 1, max(LIMITS.title)) });
    if (excerpt.length > LIMITS.excerpt)
      errors.push({ field: `source-excerpt-${i}`, message: t('pageErrorSourceExcerptTooLong', i + 1, max(LIMITS.excerpt)) });
    if (problem) return;
    const accessed = row.accessed ?? now;
    sources.push({ url: new URL(url).href, ...(title ? { title } : {}), ...(excerpt ? { excerpt } : {}), ...(accessed !== undefined ? { accessed } : {}) });
  });
  if (sources.length > LIMITS.sources) errors.push({ field: 'sources', message: t('pageErrorTooManySources', max(LIMITS.sources)) });

  const hasSourceErrors = errors.some((e) => e.field.startsWith('source-'));
  if (values.verdict !== 'unrated' && sources.length === 0 && !hasSourceErrors) {
    errors.push({ field: 'source-url-0', message: t('pageErrorNeedsSource') });
  }

  const tags = parseTags(values.tags);
  const long = tags.find((t) => t.length > LIMITS.tag);
  if (long) errors.push({ field: 'tags', message: t('pageErrorTagTooLong', clip(long), max(LIMITS.tag)) });
  if (tags.length > LIMITS.tags) errors.push({ field: 'tags', message: t('pageErrorTooManyTags', max(LIMITS.tags)) });

  return errors.length ? { ok: false, errors } : { ok: true, value: { verdict: values.verdict, note, sources, tags } };
}

function clip(s: string, n = 60): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
