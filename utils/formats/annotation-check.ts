/**
 * The one gate every imported annotation passes, whatever format it came from: drop what can be
 * dropped with a reason (a javascript: source, an unknown selector, an empty tag), refuse what
 * cannot (no valid id or page, a text over the editor's limit, a wrong type), and validate the
 * result with valibot. Text is never decoded, trimmed or escaped here: it is stored literally and
 * rendered as text.
 */
import * as v from 'valibot';
import { VERDICTS, type Annotation } from '../model/annotation';
import { issueNotice, issuesNotice, says } from './issues';
import { LIMITS } from './limits';
import { notice, type Notice } from './notice';
import { checkHttpUrl, quote } from './urls';
import { isObj, type Obj } from './values';

const Str = (max: number) => v.pipe(v.string(), v.maxLength(max, says('importTooLong', max)));
const Time = v.pipe(v.number(), v.safeInteger(says('importNotWholeNumber')), v.minValue(0), v.maxValue(8.64e15));
const Int = v.pipe(v.number(), v.safeInteger(says('importNotWholeNumber')), v.minValue(0));

const TextQuoteSchema = v.object({
  type: v.literal('TextQuoteSelector'),
  exact: v.pipe(v.string(), v.minLength(1, says('importEmptyQuote')), v.maxLength(LIMITS.claim, says('importQuoteTooLong', LIMITS.claim))),
  prefix: v.optional(Str(LIMITS.contextChars)),
  suffix: v.optional(Str(LIMITS.contextChars)),
});
const TextPositionSchema = v.pipe(
  v.object({ type: v.literal('TextPositionSelector'), start: Int, end: Int }),
  v.check((s) => s.end >= s.start, says('importEndBeforeStart')),
);
export const SelectorImportSchema = v.variant('type', [TextQuoteSchema, TextPositionSchema], says('importSelectorType'));

const SourceImportSchema = v.object({
  url: v.string(),
  title: v.optional(Str(LIMITS.title)),
  excerpt: v.optional(Str(LIMITS.excerpt)),
  accessed: v.optional(Time),
});

const TagImportSchema = v.pipe(v.string(), v.minLength(1, says('importEmptyTag')), v.maxLength(LIMITS.tag, says('importTagTooLong', LIMITS.tag)));

/** Key order here is the order of the exported JSON (the model's order). */
export const AnnotationImportSchema = v.object({
  id: v.pipe(v.string(), v.uuid(says('importIdNotUuid'))),
  pageUrl: v.string(),
  pageTitle: Str(LIMITS.title),
  selectors: v.pipe(v.array(SelectorImportSchema), v.maxLength(LIMITS.selectors, says('importTooManySelectors', LIMITS.selectors))),
  claim: Str(LIMITS.claim),
  verdict: v.picklist(VERDICTS, says('importUnknownVerdict')),
  note: Str(LIMITS.note),
  sources: v.pipe(v.array(SourceImportSchema), v.maxLength(LIMITS.sources, says('importTooManySources', LIMITS.sources))),
  tags: v.pipe(v.array(TagImportSchema), v.maxLength(LIMITS.tags, says('importTooManyTags', LIMITS.tags))),
  author: v.optional(Str(LIMITS.title)),
  created: Time,
  updated: Time,
  deleted: Time,
});

const KNOWN_KEYS = new Set(Object.keys(AnnotationImportSchema.entries));

export type CheckResult =
  | { ok: true; annotation: Annotation; messages: Notice[] }
  | { ok: false; messages: Notice[] };

export interface CheckOptions {
  /** Foreign formats: URLs are normalised, tags trimmed. Our own bundles stay byte-identical. */
  foreign: boolean;
}

/** Validates and sanitises one candidate annotation. Never throws. */
export function checkAnnotation(raw: unknown, options: CheckOptions): CheckResult {
  const messages: Notice[] = [];
  if (!isObj(raw)) return { ok: false, messages: [notice('importNotObject')] };
  const input: Obj = {};
  const unknown: string[] = [];
  for (const k of Object.keys(raw)) {
    if (KNOWN_KEYS.has(k)) input[k] = raw[k];
    else unknown.push(k);
  }
  if (unknown.length) {
    // The names are the file's: one substitution, listed as they are.
    const names = `${unknown.slice(0, 5).map((k) => quote(k, 30)).join(', ')}${unknown.length > 5 ? ', …' : ''}`;
    messages.push(notice(unknown.length > 1 ? 'importUnknownFields' : 'importUnknownField', names));
  }

  const page = checkHttpUrl(input.pageUrl, options.foreign);
  if (!page.ok) return { ok: false, messages: [...messages, notice('importPageUrl', page.reason)] };
  input.pageUrl = page.url;

  if (Array.isArray(input.sources) && input.sources.length <= LIMITS.sources) {
    const kept: unknown[] = [];
    input.sources.forEach((s, i) => {
      if (!isObj(s)) return messages.push(notice('importSourceNDropped', i + 1, notice('importNotObject')));
      const url = checkHttpUrl(s.url, options.foreign);
      if (!url.ok) return messages.push(notice('importSourceNDropped', i + 1, url.reason));
      kept.push({ ...s, url: url.url });
    });
    input.sources = kept;
  }

  if (Array.isArray(input.selectors) && input.selectors.length <= LIMITS.selectors) {
    const kept: unknown[] = [];
    input.selectors.forEach((s, i) => {
      const r = v.safeParse(SelectorImportSchema, s);
      if (r.success) kept.push(r.output);
      else messages.push(notice('importSelectorDropped', i + 1, issuesNotice(r.issues)));
    });
    input.selectors = kept;
  }

  if (Array.isArray(input.tags) && input.tags.length <= LIMITS.tags) {
    const kept: string[] = [];
    input.tags.forEach((t, i) => {
      const tag = options.foreign && typeof t === 'string' ? t.trim() : t;
      const r = v.safeParse(TagImportSchema, tag);
      if (r.success) kept.push(r.output);
      else messages.push(notice('importTagDropped', i + 1, issuesNotice(r.issues)));
    });
    input.tags = kept;
  }

  const r = v.safeParse(AnnotationImportSchema, input);
  if (!r.success) return { ok: false, messages: [...messages, ...r.issues.slice(0, 3).map(issueNotice)] };
  const annotation = r.output as Annotation;
  if (!annotation.deleted && annotation.verdict !== 'unrated' && annotation.sources.length === 0) {
    messages.push(notice('importVerdictNeedsSource', annotation.verdict));
    annotation.verdict = 'unrated';
  }
  return { ok: true, annotation, messages };
}
