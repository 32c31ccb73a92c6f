/**
 * W3C Web Annotation (JSON-LD): what other annotation tools and services read and write.
 *
 * Export: an AnnotationCollection whose first AnnotationPage embeds every live note.
 *   target  {source: page, selector: [TextQuoteSelector, TextPositionSelector]} (page URL alone for a page note)
 *   body    TextualBody purpose "assessing" (the verdict's label) + SpecificResource purpose
 *           "classifying" whose source is the verdict's IRI (VERDICT_IRI + verdict, machine-readable);
 *           TextualBody "commenting" (the note); TextualBody "describing" (the claim, when it is
 *           not the quote); SpecificResource "linking" per source (excerpt as a TextQuoteSelector
 *           on it, accessed date as a TimeState); TextualBody "tagging" per tag.
 * Every annotation and the collection pass the MUST assertions of the W3C test suite
 * (tests/formats/web-annotation.test.ts). The page title has no place in the model, so it is
 * not exported (the native bundle is the lossless format).
 *
 * Import is lenient: a single Annotation, an array, an AnnotationCollection/AnnotationPage,
 * or a Hypothesis export (`{annotations: [...]}` rows with `uri`, `text`, `tags`, `target[]`).
 * `target` may be a string, an object or an array; selectors other than TextQuote/TextPosition
 * are searched for a TextQuote/TextPosition refinement and otherwise ignored.
 */
import { VERDICTS, VERDICT_LABELS, type Annotation, type Selector, type Source, type Verdict } from '../model/annotation';
import { uuidFromString } from '../known-claims/hash';
import { normalizePageUrl } from '../url/page-url';
import { checkAnnotation } from './annotation-check';
import { ITEMS, jsonArrayStream, wholeFile, type ExportStream } from './export-stream';
import { IMPORT_LIMITS, LIMITS } from './limits';
import { CLIENT_NAME, dateStamp } from './native-bundle';
import { notice, type Notice } from './notice';
import { verdictFromRatingName } from './rating';
import type { ExportResult, ExportSettings, ImportItemResult } from './types';
import { checkHttpUrl, quote } from './urls';
import { asArray, hasType, isObj, prop, str, typesOf, type Obj } from './values';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Machine-readable verdicts: `urn:factmark:verdict:mostly-false`. */
export const VERDICT_IRI = 'urn:factmark:verdict:';

const iso = (ms: number) => new Date(ms).toISOString();
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function href(url: string): string {
  const u = checkHttpUrl(url, true);
  return u.ok ? u.url : url;
}

// ---------------------------------------------------------------------------------------------
// Export

export function webAnnotationOf(a: Annotation, settings: ExportSettings = {}): Obj {
  const bodies: Obj[] = [];
  if (a.verdict !== 'unrated') {
    bodies.push({ type: 'TextualBody', purpose: 'assessing', value: VERDICT_LABELS[a.verdict], format: 'text/plain', language: 'en' });
    bodies.push({ type: 'SpecificResource', purpose: 'classifying', source: VERDICT_IRI + a.verdict });
  }
  if (a.note) bodies.push({ type: 'TextualBody', purpose: 'commenting', value: a.note, format: 'text/plain' });
  const quoteSel = a.selectors.find((s) => s.type === 'TextQuoteSelector');
  if (a.claim && a.claim !== quoteSel?.exact) {
    bodies.push({ type: 'TextualBody', purpose: 'describing', value: a.claim, format: 'text/plain' });
  }
  for (const s of a.sources) {
    const u = checkHttpUrl(s.url, true);
    if (!u.ok) continue;
    bodies.push({
      type: 'SpecificResource',
      purpose: 'linking',
      source: s.title ? { id: u.url, 'dc:title': s.title } : u.url,
      ...(s.excerpt && { selector: { type: 'TextQuoteSelector', exact: s.excerpt } }),
      ...(s.accessed !== undefined && { state: { type: 'TimeState', sourceDate: iso(s.accessed) } }),
    });
  }
  for (const t of a.tags) bodies.push({ type: 'TextualBody', purpose: 'tagging', value: t });
  const page = href(a.pageUrl);
  const selectors = a.selectors.map((s) =>
    s.type === 'TextQuoteSelector'
      ? { type: s.type, exact: s.exact, ...(s.prefix !== undefined && { prefix: s.prefix }), ...(s.suffix !== undefined && { suffix: s.suffix }) }
      : { type: s.type, start: s.start, end: s.end },
  );
  const author = a.author ?? settings.authorName;
  return {
    '@context': ANNO_CONTEXT,
    id: `urn:uuid:${a.id}`,
    type: 'Annotation',
    motivation: a.verdict !== 'unrated' ? 'assessing' : a.note ? 'commenting' : 'highlighting',
    created: iso(a.created),
    modified: iso(a.updated),
    ...(author && { creator: { type: 'Person', name: author } }),
    generator: { type: 'Software', name: CLIENT_NAME },
    ...(bodies.length === 1 && { body: bodies[0] }),
    ...(bodies.length > 1 && { body: bodies }),
    target: selectors.length ? { source: page, selector: selectors.length === 1 ? selectors[0] : selectors } : page,
  };
}

/** The AnnotationCollection written a chunk at a time (utils/formats/export-stream.ts): live notes only. */
export function webAnnotationStream(settings: ExportSettings = {}): ExportStream {
  const now = settings.now ?? Date.now();
  // The collection's id is derived from every note's id, so it is made at the end.
  const ids: string[] = [];
  return jsonArrayStream({
    item: (a) => (a.deleted ? undefined : webAnnotationOf(a, settings)),
    seen: (a) => void ids.push(a.id),
    document: (total) => {
      const id = uuidFromString(`collection:${now}:${ids.join(',')}`);
      return {
        '@context': ANNO_CONTEXT,
        id: `urn:uuid:${id}`,
        type: 'AnnotationCollection',
        label: 'Factmark annotations',
        ...(settings.authorName && { creator: { type: 'Person', name: settings.authorName } }),
        created: iso(now),
        total,
        first: { id: `urn:uuid:${uuidFromString(`${id}:page:0`)}`, type: 'AnnotationPage', startIndex: 0, items: ITEMS },
      };
    },
    indentUpTo: 1000,
    file: () => ({ filename: `factmark-annotations-${dateStamp(now)}.jsonld`, mime: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"' }),
  });
}

export function exportWebAnnotations(annotations: readonly Annotation[], settings: ExportSettings = {}): ExportResult {
  return wholeFile(webAnnotationStream(settings), annotations);
}

// ---------------------------------------------------------------------------------------------
// Import

/** An annotation from any tool: W3C (type Annotation, or target + body) or a Hypothesis row. */
export function isAnnotationLike(x: unknown): x is Obj {
  if (!isObj(x)) return false;
  if (hasType(x, 'Annotation')) return true;
  return x.target !== undefined && (x.body !== undefined || x.bodyValue !== undefined || x.uri !== undefined || x.text !== undefined || x.motivation !== undefined);
}

export function isWebAnnotationContainer(x: unknown): x is Obj {
  return isObj(x) && (hasType(x, 'AnnotationCollection', 'AnnotationPage') || isHypothesisExport(x));
}

/** The Hypothesis client's export: `{export_date, client_version, annotations: [...]}`. */
export function isHypothesisExport(x: unknown): x is Obj {
  return isObj(x) && Array.isArray(x.annotations) && x.format === undefined && x.annotations.some(isAnnotationLike);
}

/** Annotation items in document order, following embedded pages (never fetching by URL). */
export function collectAnnotations(doc: unknown, max: number, messages: Notice[]): unknown[] {
  const out: unknown[] = [];
  const seen = new Set<unknown>();
  const walk = (x: unknown, depth: number): void => {
    if (out.length > max || depth > 8 || seen.has(x)) return;
    if (Array.isArray(x)) {
      for (const item of x) {
        if (out.length > max) return;
        if (Array.isArray(item) || isWebAnnotationContainer(item)) walk(item, depth + 1);
        else out.push(item);
      }
      return;
    }
    if (!isObj(x)) return;
    seen.add(x);
    if (hasType(x, 'AnnotationCollection')) {
      const first = x.first;
      if (isObj(first)) walk(first, depth + 1);
      else if (typeof first === 'string' || (Array.isArray(first) && typeof first[0] === 'string')) {
        messages.push(notice('importPagesByUrl'));
      }
      if (Array.isArray(x.items)) walk(x.items, depth + 1);
    } else if (hasType(x, 'AnnotationPage')) {
      walk(asArray(x.items), depth + 1);
      if (isObj(x.next)) walk(x.next, depth + 1);
      else if (typeof x.next === 'string') messages.push(notice('importNextPageByUrl'));
    } else if (isHypothesisExport(x)) {
      walk(x.annotations, depth + 1);
    } else out.push(x);
  };
  walk(doc, 0);
  return out;
}

interface Found {
  quote?: Selector;
  position?: Selector;
}

function findSelectors(sel: unknown, found: Found, depth = 0): void {
  for (const s of asArray(sel, 20)) {
    if (!isObj(s) || depth > 4) continue;
    if (hasType(s, 'TextQuoteSelector') && !found.quote && typeof s.exact === 'string') {
      const q: Selector = { type: 'TextQuoteSelector', exact: s.exact };
      if (typeof s.prefix === 'string') q.prefix = s.prefix.slice(-LIMITS.contextChars);
      if (typeof s.suffix === 'string') q.suffix = s.suffix.slice(0, LIMITS.contextChars);
      found.quote = q;
    } else if (hasType(s, 'TextPositionSelector') && !found.position) {
      found.position = { type: 'TextPositionSelector', start: s.start as number, end: s.end as number };
    }
    if (s.refinedBy !== undefined) findSelectors(s.refinedBy, found, depth + 1);
  }
}

function sourceUrlOf(x: unknown): string | undefined {
  if (typeof x === 'string') return x;
  if (isObj(x)) return str(x.id) ?? str(x['@id']);
  return undefined;
}

function idOf(raw: Obj): string {
  const id = str(raw.id) ?? str(raw['@id']);
  if (id !== undefined) {
    const m = /^urn:uuid:(.+)$/i.exec(id);
    const bare = m ? m[1] : id;
    if (UUID_RE.test(bare)) return bare.toLowerCase();
    return uuidFromString('annotation:' + id);
  }
  // No id: derive one from the content, so importing the same file twice does not duplicate it.
  return uuidFromString('annotation-content:' + JSON.stringify([raw.target, raw.body, raw.bodyValue, raw.text, raw.created]));
}

function timeOf(x: unknown): number | undefined {
  const s = str(x);
  if (s === undefined) return undefined;
  const t = Date.parse(s);
  return Number.isFinite(t) && t >= 0 ? t : undefined;
}

function authorOf(raw: Obj): string | undefined {
  for (const c of asArray(raw.creator, 5)) {
    if (typeof c === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(c)) return c;
    if (isObj(c)) {
      const n = str(prop(c, 'name')) ?? str(prop(c, 'nickname'));
      if (n) return n;
    }
  }
  // Hypothesis: "acct:alice@hypothes.is"
  const user = str(raw.user);
  const m = user ? /^acct:([^@]+)@/.exec(user) : null;
  return m ? m[1] : undefined;
}

interface BodyState {
  notes: string[];
  tags: unknown[];
  sources: Source[];
  claim?: string;
  verdictByIri?: Verdict;
  verdictText?: string;
  messages: Notice[];
}

function readBody(b: unknown, motivation: string[], st: BodyState, depth: number): void {
  if (depth > 3) return;
  if (typeof b === 'string') {
    const u = checkHttpUrl(b, true);
    if (u.ok) st.sources.push({ url: u.url });
    else st.messages.push(notice('importBodyLinkDropped', u.reason));
    return;
  }
  if (!isObj(b)) return;
  const types = typesOf(b);
  const purposes = [...asArray(b.purpose, 5), ...(b.purpose === undefined ? motivation : [])].filter((p): p is string => typeof p === 'string').map((p) => p.replace(/^oa:/, ''));
  if (types.includes('Choice')) {
    const first = asArray(b.items, 1)[0];
    if (first !== undefined) readBody(first, motivation, st, depth + 1);
    return;
  }
  if (types.some((t) => ['Composite', 'List', 'Independents'].includes(t))) {
    for (const item of asArray(b.items, IMPORT_LIMITS.perItemList)) readBody(item, motivation, st, depth + 1);
    return;
  }
  const value = str(b.value) ?? str(b['rdf:value']);
  const isSpecific = b.source !== undefined;
  if (value !== undefined && !isSpecific) {
    if (purposes.includes('tagging')) st.tags.push(value);
    else if (purposes.includes('assessing') || purposes.includes('classifying')) st.verdictText ??= value;
    else if (purposes.includes('describing') && st.claim === undefined) st.claim = value;
    else st.notes.push(value);
    return;
  }
  const url = isSpecific ? sourceUrlOf(b.source) : sourceUrlOf(b);
  if (url === undefined) return;
  if (url.startsWith(VERDICT_IRI)) {
    const v = url.slice(VERDICT_IRI.length) as Verdict;
    if ((VERDICTS as readonly string[]).includes(v)) st.verdictByIri ??= v;
    return;
  }
  if (purposes.some((p) => ['tagging', 'classifying', 'identifying'].includes(p))) {
    // A semantic tag (an IRI naming a concept) is not evidence, and our tags are words.
    st.messages.push(notice('importSemanticTag', quote(url, 60)));
    return;
  }
  const u = checkHttpUrl(url, true);
  if (!u.ok) {
    st.messages.push(notice('importSourceDropped', u.reason));
    return;
  }
  const src: Source = { url: u.url };
  const title = isObj(b.source) ? str(b.source['dc:title']) ?? str(b.source.title) : undefined;
  if (title) src.title = title;
  const found: Found = {};
  findSelectors(b.selector, found);
  if (found.quote?.type === 'TextQuoteSelector' && found.quote.exact) src.excerpt = found.quote.exact;
  const accessed = isObj(b.state) ? timeOf(b.state.sourceDate) : undefined;
  if (accessed !== undefined) src.accessed = accessed;
  st.sources.push(src);
}

/** One W3C or Hypothesis annotation → a candidate Annotation (before checkAnnotation). */
export function annotationFromWeb(raw: Obj, now: number): { candidate?: Obj; messages: Notice[] } {
  const messages: Notice[] = [];
  // Target: the first one on an http(s) page.
  const targets = asArray(raw.target, IMPORT_LIMITS.perItemList);
  let page: string | undefined;
  let pageReason = notice('importNoTarget');
  const found: Found = {};
  let used = 0;
  for (const t of targets) {
    const source = typeof t === 'string' ? t : isObj(t) ? sourceUrlOf(t.source) ?? sourceUrlOf(t) ?? str(raw.uri) : undefined;
    const u = checkHttpUrl(source, true);
    if (!u.ok) {
      pageReason = notice('importTargetUrl', u.reason);
      continue;
    }
    const p = normalizePageUrl(u.url);
    if (page === undefined) page = p;
    if (p !== page) continue;
    used++;
    if (isObj(t)) findSelectors(t.selector, found);
  }
  if (page === undefined && typeof raw.uri === 'string') {
    const u = checkHttpUrl(raw.uri, true);
    if (u.ok) page = normalizePageUrl(u.url);
    else pageReason = notice('importUriUrl', u.reason);
  }
  if (page === undefined) return { messages: [notice('importNoPage', pageReason)] };
  if (targets.length > used && used > 0) messages.push(notice('importOtherTargets', targets.length - used));

  const motivation = asArray(raw.motivation, 5).filter((m): m is string => typeof m === 'string');
  const st: BodyState = { notes: [], tags: [], sources: [], messages };
  for (const b of asArray(raw.body, IMPORT_LIMITS.perItemList)) readBody(b, motivation, st, 0);
  if (raw.bodyValue !== undefined) {
    const bv = str(raw.bodyValue);
    if (bv !== undefined) st.notes.push(bv);
  }
  // Hypothesis rows.
  if (typeof raw.text === 'string' && raw.text) st.notes.push(raw.text);
  if (Array.isArray(raw.tags)) st.tags.push(...raw.tags.slice(0, IMPORT_LIMITS.perItemList));

  let verdict: Verdict = st.verdictByIri ?? 'unrated';
  if (!st.verdictByIri && st.verdictText !== undefined) {
    const v = verdictFromRatingName(st.verdictText);
    if (v) verdict = v;
    else messages.push(notice('importAssessmentUnknown', quote(st.verdictText, 40)));
  }
  const selectors: Selector[] = [];
  if (found.quote) selectors.push(found.quote);
  if (found.position) selectors.push(found.position);
  const created = timeOf(raw.created) ?? timeOf(raw.modified) ?? timeOf(raw.updated) ?? now;
  const updated = timeOf(raw.modified) ?? timeOf(raw.updated) ?? created;
  const documentTitle = isObj(raw.document) ? str(raw.document.title) : undefined;
  const author = authorOf(raw);
  const candidate: Obj = {
    id: idOf(raw),
    pageUrl: page,
    pageTitle: documentTitle !== undefined ? documentTitle.slice(0, LIMITS.title) : '',
    selectors,
    claim: st.claim ?? (found.quote?.type === 'TextQuoteSelector' ? found.quote.exact : ''),
    verdict,
    note: st.notes.join('\n\n'),
    sources: st.sources,
    tags: st.tags,
    ...(author !== undefined && { author: author.slice(0, LIMITS.title) }),
    created,
    updated: Math.max(created, updated),
    deleted: 0,
  };
  return { candidate, messages };
}

export interface WebParse {
  annotations: Annotation[];
  items: ImportItemResult[];
  messages: Notice[];
}

export function parseWebAnnotations(doc: unknown, maxItems: number, now: number, onItem?: (i: number, n: number) => void): WebParse {
  const out: WebParse = { annotations: [], items: [], messages: [] };
  const list = collectAnnotations(doc, maxItems, out.messages);
  if (list.length > maxItems) {
    out.messages.push(notice('importFirstAnnotationsOnly', maxItems));
    list.length = maxItems;
  }
  for (let i = 0; i < list.length; i++) {
    const raw = list[i];
    if (!isAnnotationLike(raw)) {
      out.items.push({ index: i, kind: 'unknown', status: 'rejected', messages: [notice('importNotAnnotation')] });
    } else {
      const { candidate, messages } = annotationFromWeb(raw, now);
      if (!candidate) out.items.push({ index: i, kind: 'annotation', status: 'rejected', messages });
      else {
        const r = checkAnnotation(candidate, { foreign: true });
        if (r.ok) {
          out.annotations.push(r.annotation);
          const all = [...messages, ...r.messages];
          out.items.push({ index: i, kind: 'annotation', status: all.length ? 'sanitised' : 'ok', id: r.annotation.id, messages: all });
        } else {
          out.items.push({ index: i, kind: 'annotation', status: 'rejected', id: candidate.id as string, messages: [...messages, ...r.messages] });
        }
      }
    }
    onItem?.(i + 1, list.length);
  }
  return out;
}
