/**
 * Runtime schemas (valibot) for the model: every record that arrives from another context is
 * checked against these before it is trusted. valibot rather than zod: it tree-shakes, and the
 * content script that carries these schemas runs on every page.
 */
import * as v from 'valibot';
import { LIMITS } from './limits';
import { VERDICTS } from './annotation';

export { LIMITS };

export const HttpUrlSchema = v.pipe(
  v.string(),
  v.maxLength(LIMITS.url, 'URL is too long'),
  v.url('Not a valid URL'),
  v.check((s) => /^https?:\/\//i.test(s), 'Only http(s) URLs are allowed'),
);

const TextQuoteSelectorSchema = v.strictObject({
  type: v.literal('TextQuoteSelector'),
  exact: v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.claim)),
  prefix: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.contextChars))),
  suffix: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.contextChars))),
});

const TextPositionSelectorSchema = v.pipe(
  v.strictObject({
    type: v.literal('TextPositionSelector'),
    start: v.pipe(v.number(), v.integer(), v.minValue(0)),
    end: v.pipe(v.number(), v.integer(), v.minValue(0)),
  }),
  v.check((s) => s.end >= s.start, 'Selector end is before its start'),
);

export const SelectorSchema = v.variant('type', [TextQuoteSelectorSchema, TextPositionSelectorSchema]);

export const SourceSchema = v.strictObject({
  url: HttpUrlSchema,
  title: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.title))),
  excerpt: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.excerpt))),
  accessed: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

export const VerdictSchema = v.picklist(VERDICTS, 'Unknown verdict');

const TagSchema = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(LIMITS.tag));

const editable = {
  claim: v.pipe(v.string(), v.maxLength(LIMITS.claim, `A claim is limited to ${LIMITS.claim} characters`)),
  verdict: VerdictSchema,
  note: v.pipe(v.string(), v.maxLength(LIMITS.note)),
  sources: v.pipe(v.array(SourceSchema), v.maxLength(LIMITS.sources)),
  tags: v.pipe(v.array(TagSchema), v.maxLength(LIMITS.tags)),
  selectors: v.pipe(v.array(SelectorSchema), v.maxLength(LIMITS.selectors)),
  pageTitle: v.pipe(v.string(), v.maxLength(LIMITS.title)),
};

/** Fact-checkers' principle: a verdict other than "unrated" must let readers follow the evidence. */
export const hasRequiredSource = (a: { verdict?: string; sources?: unknown[] }) =>
  a.verdict === undefined || a.verdict === 'unrated' || (a.sources?.length ?? 0) > 0;
const NEEDS_SOURCE_MESSAGE = 'A verdict other than "unrated" needs at least one http(s) source';

export const AnnotationDraftSchema = v.pipe(
  v.strictObject({
    id: v.optional(v.pipe(v.string(), v.uuid())),
    pageUrl: HttpUrlSchema,
    author: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.title))),
    ...editable,
  }),
  v.check((a) => hasRequiredSource(a), NEEDS_SOURCE_MESSAGE),
);

export const AnnotationPatchSchema = v.pipe(
  v.strictObject(Object.fromEntries(Object.entries(editable).map(([k, s]) => [k, v.optional(s)])) as {
    [K in keyof typeof editable]: v.OptionalSchema<(typeof editable)[K], undefined>;
  }),
  v.check((p) => Object.keys(p).length > 0, 'Nothing to change'),
);

export { NEEDS_SOURCE_MESSAGE };
