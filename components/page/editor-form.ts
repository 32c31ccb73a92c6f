/**
 * The editor's rules, pure: what the reader typed → the fields of a note, or readable errors.
 * The background validates again (utils/model/schema.ts); these checks exist so the reader learns
 * what is wrong next to the field instead of after a round trip.
 */
import { LIMITS, NEEDS_SOURCE_MESSAGE } from '@/utils/model/schema';
import { VERDICTS, type Annotation, type Source, type Verdict } from '@/utils/model/annotation';

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
  if (!url) return 'Enter the source’s address';
  if (url.length > LIMITS.url) return `A source address is limited to ${LIMITS.url} characters`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return /^[\w-]+(\.[\w-]+)+([/?#]|$)/.test(url)
      ? `“${clip(url)}” needs its scheme: https://${clip(url)}`
      : `“${clip(url)}” is not a web address`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `Only http(s) addresses can be sources, not ${parsed.protocol}`;
  if (!parsed.hostname) return `“${clip(url)}” has no host name`;
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
  if (!(VERDICTS as readonly string[]).includes(values.verdict)) errors.push({ field: 'verdict', message: 'Choose a verdict' });

  const note = values.note.trim();
  if (note.length > LIMITS.note) errors.push({ field: 'note', message: `The note is limited to ${LIMITS.note} characters` });

  const sources: Source[] = [];
  values.sources.forEach((row, i) => {
    const url = row.url.trim();
    const title = row.title.trim();
    const excerpt = row.excerpt.trim();
    // A row left completely empty is just an unused slot.
    if (!url && !title && !excerpt) return;
    const problem = checkSourceUrl(url);
    if (problem) errors.push({ field: `source-url-${i}`, message: `Source ${i + 1}: ${problem}` });
    if (title.length > LIMITS.title) errors.push({ field: `source-title-${i}`, message: `Source ${i + 1}: the title is limited to ${LIMITS.title} characters` });
    if (excerpt.length > LIMITS.excerpt)
      errors.push({ field: `source-excerpt-${i}`, message: `Source ${i + 1}: the excerpt is limited to ${LIMITS.excerpt} characters` });
    if (problem) return;
    const accessed = row.accessed ?? now;
    sources.push({ url: new URL(url).href, ...(title ? { title } : {}), ...(excerpt ? { excerpt } : {}), ...(accessed !== undefined ? { accessed } : {}) });
  });
  if (sources.length > LIMITS.sources) errors.push({ field: 'sources', message: `At most ${LIMITS.sources} sources` });

  const hasSourceErrors = errors.some((e) => e.field.startsWith('source-'));
  if (values.verdict !== 'unrated' && sources.length === 0 && !hasSourceErrors) {
    errors.push({ field: 'source-url-0', message: `${NEEDS_SOURCE_MESSAGE}, or choose “Unrated”` });
  }

  const tags = parseTags(values.tags);
  const long = tags.find((t) => t.length > LIMITS.tag);
  if (long) errors.push({ field: 'tags', message: `Tag “${clip(long)}” is longer than ${LIMITS.tag} characters` });
  if (tags.length > LIMITS.tags) errors.push({ field: 'tags', message: `At most ${LIMITS.tags} tags` });

  return errors.length ? { ok: false, errors } : { ok: true, value: { verdict: values.verdict, note, sources, tags } };
}

function clip(s: string, n = 60): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
