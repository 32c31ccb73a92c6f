/**
 * The one gate every imported annotation passes, whatever format it came from: drop what can be
 * dropped with a reason (a javascript: source, an unknown selector, an empty tag), refuse what
 * cannot (no valid id or page, a text over the editor's limit, a wrong type), and validate the
 * result with valibot. Text is never decoded, trimmed or escaped here: it is stored literally and
 * rendered as text.
 */
import * as v from 'valibot';
import { VERDICTS, type Annotation } from '../model/annotation';
import { LIMITS } from './limits';
import { checkHttpUrl, quote } from './urls';
import { isObj, type Obj } from './values';

const Str = (max: number) => v.pipe(v.string(), v.maxLength(max, `longer than ${max} characters`));
const Time = v.pipe(v.number(), v.safeInteger('not a whole number'), v.minValue(0), v.maxValue(8.64e15));
const Int = v.pipe(v.number(), v.safeInteger('not a whole number'), v.minValue(0));

const TextQuoteSchema = v.object({
  type: v.literal('TextQuoteSelector'),
  exact: v.pipe(v.string(), v.minLength(1, 'empty quote'), v.maxLength(LIMITS.claim, `quote longer than ${LIMITS.claim} characters`)),
  prefix: v.optional(Str(LIMITS.contextChars)),
  suffix: v.optional(Str(LIMITS.contextChars)),
});
const TextPositionSchema = v.pipe(
  v.object({ type: v.literal('TextPositionSelector'), start: Int, end: Int }),
  v.check((s) => s.end >= s.start, 'end is before start'),
);
export const SelectorImportSchema = v.variant('type', [TextQuoteSchema, TextPositionSchema], 'not a TextQuote or TextPosition selector');

const SourceImportSchema = v.object({
  url: v.string(),
  title: v.optional(Str(LIMITS.title)),
  excerpt: v.optional(Str(LIMITS.excerpt)),
  accessed: v.optional(Time),
});

const TagImportSchema = v.pipe(v.string(), v.minLength(1, 'empty tag'), v.maxLength(LIMITS.tag, `tag longer than ${LIMITS.tag} characters`));

/** Key order here is the order of the exported JSON (the model's order). */
export const AnnotationImportSchema = v.object({
  id: v.pipe(v.string(), v.uuid('id is not a UUID')),
  pageUrl: v.string(),
  pageTitle: Str(LIMITS.title),
  selectors: v.pipe(v.array(SelectorImportSchema), v.maxLength(LIMITS.selectors, `more than ${LIMITS.selectors} selectors`)),
  claim: Str(LIMITS.claim),
  verdict: v.picklist(VERDICTS, 'unknown verdict'),
  note: Str(LIMITS.note),
  sources: v.pipe(v.array(SourceImportSchema), v.maxLength(LIMITS.sources, `more than ${LIMITS.sources} sources`)),
  tags: v.pipe(v.array(TagImportSchema), v.maxLength(LIMITS.tags, `more than ${LIMITS.tags} tags`)),
  author: v.optional(Str(LIMITS.title)),
  created: Time,
  updated: Time,
  deleted: Time,
});

const KNOWN_KEYS = new Set(Object.keys(AnnotationImportSchema.entries));

export type CheckResult =
  | { ok: true; annotation: Annotation; messages: string[] }
  | { ok: false; messages: string[] };

export interface CheckOptions {
  /** Foreign formats: URLs are normalised, tags trimmed. Our own bundles stay byte-identical. */
  foreign: boolean;
}

/** Validates and sanitises one candidate annotation. Never throws. */
export function checkAnnotation(raw: unknown, options: CheckOptions): CheckResult {
  const messages: string[] = [];
  if (!isObj(raw)) return { ok: false, messages: ['not an object'] };
  const input: Obj = {};
  const unknown: string[] = [];
  for (const k of Object.keys(raw)) {
    if (KNOWN_KEYS.has(k)) input[k] = raw[k];
    else unknown.push(k);
  }
  if (unknown.length) {
    messages.push(`ignored unknown field${unknown.length > 1 ? 's' : ''}: ${unknown.slice(0, 5).map((k) => quote(k, 30)).join(', ')}${unknown.length > 5 ? ', …' : ''}`);
  }

  const page = checkHttpUrl(input.pageUrl, options.foreign);
  if (!page.ok) return { ok: false, messages: [...messages, `page URL: ${page.reason}`] };
  input.pageUrl = page.url;

  if (Array.isArray(input.sources) && input.sources.length <= LIMITS.sources) {
    const kept: unknown[] = [];
    input.sources.forEach((s, i) => {
      if (!isObj(s)) return messages.push(`source ${i + 1} dropped: not an object`);
      const url = checkHttpUrl(s.url, options.foreign);
      if (!url.ok) return messages.push(`source ${i + 1} dropped: ${url.reason}`);
      kept.push({ ...s, url: url.url });
    });
    input.sources = kept;
  }

  if (Array.isArray(input.selectors) && input.selectors.length <= LIMITS.selectors) {
    const kept: unknown[] = [];
    input.selectors.forEach((s, i) => {
      const r = v.safeParse(SelectorImportSchema, s);
      if (r.success) kept.push(r.output);
      else messages.push(`selector ${i + 1} dropped: ${issueText(r.issues)}`);
    });
    input.selectors = kept;
  }

  if (Array.isArray(input.tags) && input.tags.length <= LIMITS.tags) {
    const kept: string[] = [];
    input.tags.forEach((t, i) => {
      const tag = options.foreign && typeof t === 'string' ? t.trim() : t;
      const r = v.safeParse(TagImportSchema, tag);
      if (r.success) kept.push(r.output);
      else messages.push(`tag ${i + 1} dropped: ${issueText(r.issues)}`);
    });
    input.tags = kept;
  }

  const r = v.safeParse(AnnotationImportSchema, input);
  if (!r.success) return { ok: false, messages: [...messages, ...r.issues.slice(0, 3).map(issueLine)] };
  const annotation = r.output as Annotation;
  if (!annotation.deleted && annotation.verdict !== 'unrated' && annotation.sources.length === 0) {
    messages.push(`verdict "${annotation.verdict}" has no http(s) source, so it was imported as "unrated" (a verdict must let readers follow the evidence)`);
    annotation.verdict = 'unrated';
  }
  return { ok: true, annotation, messages };
}

function issueLine(issue: v.BaseIssue<unknown>): string {
  const path = v.getDotPath(issue);
  return `${path ? quote(path, 40) + ': ' : ''}${quote(issue.message, 160)}`;
}

export function issueText(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues.slice(0, 2).map(issueLine).join('; ');
}
