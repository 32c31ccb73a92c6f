/**
 * schema.org ClaimReview: what fact-checking organisations publish, and what Fact Check Explorer
 * reads. Export: one ClaimReview per note with a graded verdict (true … false ↔ 5 … 1).
 * Import: ClaimReview / MediaReview nodes (single, arrays, @graph, mainEntity) and Google Fact
 * Check Tools API responses become *known claims*, not notes: they say what others concluded,
 * and are flagged wherever the claim text appears.
 *
 * Real markup is sloppy (see ../shared/claimreview-examples): itemReviewed missing or a
 * CreativeWork, ratings as strings, "Name" for "name", author arrays, URLs with spaces, a rating
 * number that contradicts its name. Each item is read leniently and every repair is reported.
 */
import * as v from 'valibot';
import { GRADED_RATING, VERDICT_LABELS, VERDICTS, type Annotation, type Verdict } from '../model/annotation';
import { foldForMatching } from '../known-claims/fold';
import { hashHex } from '../known-claims/hash';
import type { KnownClaim, KnownClaimOrigin } from '../known-claims/types';
import type { MessageKey } from '../i18n';
import { ITEMS, jsonArrayStream, wholeFile, type ExportStream } from './export-stream';
import { issuesNotice, says } from './issues';
import { IMPORT_LIMITS, LIMITS } from './limits';
import { dateStamp } from './native-bundle';
import { notice, pluralNotice, type Notice } from './notice';
import { verdictFromRatingName, verdictFromRatingValue } from './rating';
import type { ExportResult, ExportSettings, ImportItemResult } from './types';
import { checkHttpUrl, quote } from './urls';
import { asArray, hasType, isObj, num, prop, str, type Obj } from './values';

// ---------------------------------------------------------------------------------------------
// Export

export function claimReviewOf(a: Annotation, settings: ExportSettings = {}): Obj | undefined {
  const ratingValue = GRADED_RATING[a.verdict];
  if (a.deleted || ratingValue === undefined) return undefined;
  const author = a.author ?? settings.authorName;
  const page = checkHttpUrl(a.pageUrl, true);
  const sources = a.sources.filter((s) => checkHttpUrl(s.url, false).ok);
  return {
    '@type': 'ClaimReview',
    '@id': `urn:uuid:${a.id}`,
    claimReviewed: a.claim,
    itemReviewed: {
      '@type': 'Claim',
      ...(page.ok && {
        appearance: { '@type': 'CreativeWork', url: page.url, ...(a.pageTitle && { headline: a.pageTitle }) },
      }),
    },
    ...(author && { author: { '@type': 'Person', name: author } }),
    datePublished: new Date(a.created).toISOString(),
    ...(a.updated !== a.created && { dateModified: new Date(a.updated).toISOString() }),
    reviewRating: {
      '@type': 'Rating',
      ratingValue,
      bestRating: 5,
      worstRating: 1,
      alternateName: VERDICT_LABELS[a.verdict],
    },
    ...(a.note && { reviewBody: a.note }),
    ...(sources.length && {
      citation: sources.map((s) => ({
        '@type': 'CreativeWork',
        url: s.url,
        ...(s.title && { name: s.title }),
        ...(s.excerpt && { text: s.excerpt }),
      })),
    }),
    ...(a.tags.length && { keywords: a.tags.join(', ') }),
  };
}

/** The ClaimReview graph written a chunk at a time (utils/formats/export-stream.ts): graded live notes only. */
export function claimReviewStream(settings: ExportSettings = {}): ExportStream {
  const now = settings.now ?? Date.now();
  return jsonArrayStream({
    item: (a) => claimReviewOf(a, settings),
    document: () => ({ '@context': 'https://schema.org', '@graph': ITEMS }),
    indentUpTo: Infinity,
    file: () => ({ filename: `factmark-claimreview-${dateStamp(now)}.jsonld`, mime: 'application/ld+json' }),
  });
}

export function exportClaimReviews(annotations: readonly Annotation[], settings: ExportSettings = {}): ExportResult {
  return wholeFile(claimReviewStream(settings), annotations);
}

// ---------------------------------------------------------------------------------------------
// Import

const REVIEW_TYPES = ['ClaimReview', 'MediaReview'];

export function isClaimReviewNode(x: unknown): boolean {
  return isObj(x) && (hasType(x, ...REVIEW_TYPES) || (typeof x.claimReviewed === 'string' && !('target' in x)));
}

/** A Fact Check Tools API `claims:search` response (`claims[].claimReview[]`). */
export function isFactCheckToolsResponse(x: unknown): x is Obj {
  return isObj(x) && Array.isArray(x.claims) && x.claims.some((c) => isObj(c) && Array.isArray(c.claimReview));
}

/** Review nodes in document order: top level, arrays, @graph, mainEntity. */
export function collectReviewNodes(doc: unknown, max: number): unknown[] {
  const out: unknown[] = [];
  const walk = (x: unknown, depth: number) => {
    if (out.length >= max || depth > 6) return;
    if (Array.isArray(x)) {
      for (const item of x) walk(item, depth + 1);
    } else if (isObj(x)) {
      if (isClaimReviewNode(x)) out.push(x);
      else {
        if (x['@graph'] !== undefined) walk(x['@graph'], depth + 1);
        if (x.mainEntity !== undefined) walk(x.mainEntity, depth + 1);
      }
    }
  };
  walk(doc, 0);
  return out;
}

const KnownClaimSchema = v.object({
  id: v.pipe(v.string(), v.maxLength(80)),
  text: v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.claim, says('importClaimTooLong', LIMITS.claim))),
  verdict: v.picklist(VERDICTS),
  ratingName: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.title))),
  reviewUrl: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.url))),
  publisher: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.title))),
  claimant: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.title))),
  appearanceUrls: v.pipe(v.array(v.pipe(v.string(), v.maxLength(LIMITS.url))), v.maxLength(IMPORT_LIMITS.knownClaimUrls)),
  datePublished: v.optional(v.pipe(v.string(), v.maxLength(IMPORT_LIMITS.date))),
  language: v.optional(v.pipe(v.string(), v.maxLength(IMPORT_LIMITS.language))),
  origin: v.optional(v.picklist(['claim-review', 'media-review', 'fact-check-tools', 'note'])),
  updated: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
});

/**
 * Deterministic, so re-importing a file finds the same records: from the review's own @id when
 * it has one (then an edited re-export updates the claim), else from claim text + review URL
 * (or publisher).
 */
export function knownClaimId(text: string, reviewUrl: string | undefined, publisher: string | undefined, nodeId?: string): string {
  if (nodeId) return 'kc-' + hashHex('@id\u0000' + nodeId);
  return 'kc-' + hashHex(foldForMatching(text) + '\u0000' + (reviewUrl ?? publisher ?? ''));
}

interface Draft {
  text?: string;
  ratingName?: string;
  verdict?: Verdict;
  reviewUrl?: unknown;
  publisher?: string;
  claimant?: string;
  appearances: unknown[];
  datePublished?: string;
  dateModified?: string;
  language?: string;
  origin: KnownClaimOrigin;
  nodeId?: string;
}

/** Bounded text for optional fields: cut (with `shortened`, "<field> shortened to <max> characters") rather than lose the whole review. */
function bounded(s: string | undefined, max: number, shortened: MessageKey, messages: Notice[]): string | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  if (!t) return undefined;
  if (t.length <= max) return t;
  messages.push(notice(shortened, max));
  return t.slice(0, max);
}

function finishDraft(d: Draft, messages: Notice[]): { ok: true; claim: KnownClaim } | { ok: false; messages: Notice[] } {
  if (d.text === undefined || !d.text.trim()) {
    return { ok: false, messages: [...messages, notice('importNoClaimText')] };
  }
  let reviewUrl: string | undefined;
  if (d.reviewUrl !== undefined) {
    const u = checkHttpUrl(d.reviewUrl, true);
    if (u.ok) reviewUrl = u.url;
    else messages.push(notice('importReviewUrlDropped', u.reason));
  }
  const appearanceUrls: string[] = [];
  for (const a of d.appearances) {
    const u = checkHttpUrl(a, true);
    if (!u.ok) messages.push(notice('importAppearanceUrlDropped', u.reason));
    else if (!appearanceUrls.includes(u.url)) appearanceUrls.push(u.url);
  }
  if (appearanceUrls.length > IMPORT_LIMITS.knownClaimUrls) {
    messages.push(notice('importAppearanceUrlsCut', IMPORT_LIMITS.knownClaimUrls));
    appearanceUrls.length = IMPORT_LIMITS.knownClaimUrls;
  }
  let datePublished = bounded(d.datePublished, IMPORT_LIMITS.date, 'importShortenedDate', messages);
  if (datePublished !== undefined && !Number.isFinite(Date.parse(datePublished))) {
    messages.push(notice('importDateInvalid', quote(datePublished, 30)));
    datePublished = undefined;
  }
  const modified = d.dateModified !== undefined ? Date.parse(d.dateModified) : NaN;
  const published = datePublished !== undefined ? Date.parse(datePublished) : NaN;
  const updated = Number.isFinite(modified) ? modified : Number.isFinite(published) ? published : 0;
  const text = d.text; // literal: not trimmed, decoded or escaped
  const publisher = bounded(d.publisher, LIMITS.title, 'importShortenedPublisher', messages);
  const candidate: KnownClaim = {
    id: knownClaimId(text, reviewUrl, publisher, d.nodeId),
    text,
    verdict: d.verdict ?? 'unrated',
    ...(d.ratingName !== undefined && { ratingName: bounded(d.ratingName, LIMITS.title, 'importShortenedRatingName', messages) }),
    ...(reviewUrl !== undefined && { reviewUrl }),
    ...(publisher !== undefined && { publisher }),
    ...(d.claimant !== undefined && { claimant: bounded(d.claimant, LIMITS.title, 'importShortenedClaimant', messages) }),
    appearanceUrls,
    ...(datePublished !== undefined && { datePublished }),
    ...(d.language !== undefined && { language: bounded(d.language, IMPORT_LIMITS.language, 'importShortenedLanguage', messages) }),
    origin: d.origin,
    updated: Math.max(0, Math.trunc(updated)),
  };
  for (const k of Object.keys(candidate) as (keyof KnownClaim)[]) if (candidate[k] === undefined) delete candidate[k];
  const r = v.safeParse(KnownClaimSchema, candidate);
  if (!r.success) return { ok: false, messages: [...messages, issuesNotice(r.issues)] };
  return { ok: true, claim: r.output as KnownClaim };
}

/** A person's or organisation's name: a string, {name|Name|legalName}, the host of its url, or a list. */
export function agentName(x: unknown): string | undefined {
  const names: string[] = [];
  for (const a of asArray(x, 10)) {
    let n: string | undefined;
    if (typeof a === 'string') n = a;
    else if (isObj(a)) {
      n = str(prop(a, 'name')) ?? str(prop(a, 'legalName')) ?? str(prop(a, 'alternateName'));
      if (!n) {
        const u = checkHttpUrl(str(prop(a, 'url')) ?? str(prop(a, 'sameAs')), true);
        if (u.ok) n = new URL(u.url).hostname.replace(/^www\./, '');
      }
    }
    if (n?.trim() && !names.includes(n.trim())) names.push(n.trim());
  }
  return names.length ? names.join(', ') : undefined;
}

function urlsOf(x: unknown, keys: string[]): unknown[] {
  const out: unknown[] = [];
  for (const item of asArray(x, IMPORT_LIMITS.perItemList)) {
    if (typeof item === 'string') out.push(item);
    else if (isObj(item)) for (const k of keys) if (str(item[k]) !== undefined) { out.push(str(item[k])); break; }
  }
  return out;
}

const MEDIA_CATEGORY: Record<string, Verdict> = {
  DecontextualizedContent: 'misleading',
  EditedOrCroppedContent: 'misleading',
  TransformedContent: 'misleading',
  StagedContent: 'misleading',
  SatireOrParodyContent: 'unrated',
  OriginalMediaContent: 'unrated',
};

function ratingOf(node: Obj, d: Draft, messages: Notice[]): void {
  const rating = asArray(prop(node, 'reviewRating'), 5).find(isObj);
  const name = rating ? str(prop(rating, 'alternateName')) ?? str(prop(rating, 'name')) : undefined;
  const byName = verdictFromRatingName(name);
  const value = rating ? num(prop(rating, 'ratingValue')) : undefined;
  const best = rating ? num(prop(rating, 'bestRating')) ?? 5 : 5;
  const worst = rating ? num(prop(rating, 'worstRating')) ?? 1 : 1;
  const byValue = verdictFromRatingValue(value, best, worst);
  d.ratingName = name;
  if (byName) {
    d.verdict = byName;
    if (byValue && GRADED_RATING[byName] !== undefined && byValue !== byName) {
      messages.push(notice('importRatingDisagrees', value ?? '?', worst, best, quote(name ?? '', 40)));
    }
  } else if (byValue) {
    d.verdict = byValue;
    if (name) messages.push(notice('importRatingNameUnknown', quote(name, 40), value ?? '?', worst, best));
  } else if (hasType(node, 'MediaReview') && typeof node.mediaAuthenticityCategory === 'string') {
    const cat = node.mediaAuthenticityCategory.replace(/^(https?:\/\/schema\.org\/|schema:)/, '');
    d.verdict = MEDIA_CATEGORY[cat] ?? 'unrated';
    d.ratingName ??= quote(cat.replace(/([a-z])([A-Z])/g, '$1 $2'), 80);
  } else {
    d.verdict = 'unrated';
    messages.push(unrecognised(name));
  }
}

/** A rating that gives no verdict: "rating "Satire" not recognised; …", or "no rating; …". */
const unrecognised = (name: string | undefined): Notice => (name ? notice('importRatingUnknown', quote(name, 40)) : notice('importNoRating'));

/** One ClaimReview or MediaReview node → a known claim. Never throws. */
export function knownClaimFromReview(node: Obj): { ok: true; claim: KnownClaim; messages: Notice[] } | { ok: false; messages: Notice[] } {
  const messages: Notice[] = [];
  const isMedia = hasType(node, 'MediaReview');
  const item = asArray(prop(node, 'itemReviewed'), 5).find(isObj);
  const d: Draft = { appearances: [], origin: isMedia ? 'media-review' : 'claim-review' };
  d.text = str(prop(node, 'claimReviewed'));
  const nodeId = str(node['@id']);
  if (nodeId && nodeId.length <= LIMITS.url && !nodeId.startsWith('_:')) d.nodeId = nodeId;
  if (item) {
    const claimNode = isMedia ? asArray(prop(item, 'interpretedAsClaim'), 5).find(isObj) : item;
    if (d.text === undefined && claimNode && (isMedia || hasType(claimNode, 'Claim'))) {
      d.text = str(prop(claimNode, 'description')) ?? str(prop(claimNode, 'text')) ?? str(prop(claimNode, 'name'));
    }
    d.claimant = agentName(prop(item, 'author')) ?? agentName(prop(item, 'creator'));
    d.appearances.push(
      ...urlsOf(prop(item, 'appearance'), ['url', '@id']),
      ...urlsOf(prop(item, 'firstAppearance'), ['url', '@id']),
      ...urlsOf(prop(item, 'mediaItemAppearance'), ['contentUrl', 'url']),
    );
    if (!hasType(item, 'Claim') && str(prop(item, 'url'))) d.appearances.push(str(prop(item, 'url')));
  }
  d.reviewUrl = str(prop(node, 'url'));
  d.publisher = agentName(prop(node, 'author')) ?? agentName(prop(node, 'publisher'));
  d.datePublished = str(prop(node, 'datePublished'));
  d.dateModified = str(prop(node, 'dateModified'));
  const lang = prop(node, 'inLanguage');
  d.language = str(lang) ?? (isObj(lang) ? str(prop(lang, 'alternateName')) ?? str(prop(lang, 'name')) : undefined);
  ratingOf(node, d, messages);
  const r = finishDraft(d, messages);
  return r.ok ? { ok: true, claim: r.claim, messages } : r;
}

export interface ReviewParse {
  knownClaims: KnownClaim[];
  items: ImportItemResult[];
  messages: Notice[];
}

export function parseClaimReviews(doc: unknown, maxItems: number, onItem?: (i: number, n: number) => void): ReviewParse {
  const out: ReviewParse = { knownClaims: [], items: [], messages: [] };
  const nodes = collectReviewNodes(doc, maxItems + 1);
  if (nodes.length > maxItems) out.messages.push(notice('importFirstReviewsOnly', maxItems));
  const top = Array.isArray(doc) ? doc : isObj(doc) && Array.isArray(doc['@graph']) ? doc['@graph'] : [];
  const others = top.filter((x) => !isClaimReviewNode(x) && !(isObj(x) && (x['@graph'] !== undefined || x.mainEntity !== undefined))).length;
  if (others) out.messages.push(pluralNotice('importOtherNodes', others));
  nodes.slice(0, maxItems).forEach((node, i) => {
    const r = knownClaimFromReview(node as Obj);
    if (r.ok) {
      out.knownClaims.push(r.claim);
      out.items.push({ index: i, kind: 'known-claim', status: r.messages.length ? 'sanitised' : 'ok', id: r.claim.id, messages: r.messages });
    } else out.items.push({ index: i, kind: 'known-claim', status: 'rejected', messages: r.messages });
    onItem?.(i + 1, nodes.length);
  });
  return out;
}

/** Google Fact Check Tools API: each claim's reviews become one known claim per review. */
export function parseFactCheckTools(doc: Obj, maxItems: number, onItem?: (i: number, n: number) => void): ReviewParse {
  const out: ReviewParse = { knownClaims: [], items: [], messages: [] };
  const claims = asArray(doc.claims);
  let index = 0;
  let truncated = false;
  for (let c = 0; c < claims.length && !truncated; c++) {
    if (index >= maxItems) {
      truncated = true;
      break;
    }
    const claim = claims[c];
    const reviews = isObj(claim) ? asArray(claim.claimReview, IMPORT_LIMITS.perItemList) : [];
    if (!isObj(claim) || reviews.length === 0) {
      out.items.push({ index: index++, kind: 'known-claim', status: 'rejected', messages: [notice('importClaimNoReview', c + 1)] });
      continue;
    }
    for (const review of reviews) {
      if (index >= maxItems) {
        truncated = true;
        break;
      }
      const messages: Notice[] = [];
      if (!isObj(review)) {
        out.items.push({ index: index++, kind: 'known-claim', status: 'rejected', messages: [notice('importReviewNotObject')] });
        continue;
      }
      const publisher = isObj(review.publisher) ? str(review.publisher.name) ?? str(review.publisher.site) : str(review.publisher);
      const d: Draft = {
        text: str(claim.text),
        ratingName: str(review.textualRating),
        reviewUrl: str(review.url),
        publisher,
        claimant: str(claim.claimant),
        appearances: [],
        datePublished: str(review.reviewDate),
        language: str(review.languageCode),
        origin: 'fact-check-tools',
      };
      d.verdict = verdictFromRatingName(d.ratingName);
      if (!d.verdict) messages.push(unrecognised(d.ratingName));
      const r = finishDraft(d, messages);
      if (r.ok) {
        out.knownClaims.push(r.claim);
        out.items.push({ index: index++, kind: 'known-claim', status: messages.length ? 'sanitised' : 'ok', id: r.claim.id, messages });
      } else out.items.push({ index: index++, kind: 'known-claim', status: 'rejected', messages: r.messages });
    }
    onItem?.(c + 1, claims.length);
  }
  if (truncated) out.messages.push(notice('importFirstReviewsOnly', maxItems));
  return out;
}

