/**
 * The main article element of a page, so that navigation, ads, related links, comments and footers
 * are never scanned for claims, and the page language (the model is English-only).
 *
 * Hand-rolled instead of running @mozilla/readability (issue 4). Readability rewrites the document
 * it reads, so it needs a clone of the page, and clone + parse is one task that cannot be sliced:
 * in Chromium 156 on this 2-core machine it took 110–280 ms (wall) on the largest corpus page
 * (yahoo-2, 1.6 MB; CPU profile: clone 29 ms, `_grabArticle` 96 ms) and 19–54 ms on the seed
 * article, against 50 ms for the whole claims pipeline. article-scorer.ts applies Readability's
 * own scoring to the live DOM, read-only and in steps of a few hundred elements: yahoo-2 ≈ 22 ms
 * CPU cold (trace thread time; no step over ~5 ms), 5–10× less than the clone in Node + linkedom.
 * Quality on the 95 corpus pages, same run (`npx tsx bench/article-root-quality.ts`): AEB 45 pages
 * scanned vs 44, 801/808 flagged sentences inside the ground truth (99.1 %) vs 765/775 (98.7 %),
 * ground-truth paragraphs recovered 963/973 vs 926/965; Readability pages 892/892 vs 882/882,
 * paragraphs 1602/1680 vs 1582/1680. The
 * Readability-based finder stays as readability-root.ts (Node only) for that comparison.
 *
 * Readability's own `isProbablyReaderable` gate is kept (a few native `textContent` reads, ~2 ms):
 * pages it does not think are articles (search results, apps, inboxes) get `null`. Its default
 * visibility check reads `node.style`, which builds a CSSStyleDeclaration per paragraph (1.5–2.4 ms
 * of thread time on yahoo-2 in Chromium traces); `inlineVisible` answers the same question from the
 * style attribute through the gate's `visibilityChecker` option.
 */
import isProbablyReaderable from '@mozilla/readability/Readability-readerable.js';
import { scoreArticle } from './article-scorer';
import { BLOCK, SKIP } from './block-text';

/** Inline `display` declarations (a custom property such as `--display` is not one); the last one counts. */
const INLINE_DISPLAY = /(?:^|;)\s*display\s*:([^;]*)/gi;

function inlineDisplayNone(style: string): boolean {
  let last: string | undefined;
  for (const m of style.matchAll(INLINE_DISPLAY)) last = m[1];
  return last !== undefined && /^\s*none\s*(?:!\s*important\s*)?$/i.test(last);
}

/**
 * Readability-readerable's `isNodeVisible` without `node.style`: hidden by an inline
 * `display: none`, the `hidden` attribute, or `aria-hidden="true"` (unless it is a
 * "fallback-image", as there).
 */
export function inlineVisible(node: Node): boolean {
  const el = node as Element;
  const style = el.getAttribute('style');
  if (style && style.includes('isplay') && inlineDisplayNone(style)) return false;
  if (el.hasAttribute('hidden')) return false;
  if (el.getAttribute('aria-hidden') !== 'true') return true;
  const cls = el.className;
  return typeof cls === 'string' && cls.includes('fallback-image');
}

export interface ArticleResult {
  /** The live article element, or null when the page is skipped. */
  root: Element | null;
  /** BCP 47 primary language subtag ('en', 'fr' …) or 'und'. */
  language: string;
  /** Why the page was skipped, when `root` is null. */
  skipped?: string;
  /**
   * Whether a text node (or element) under `root` belongs to the article. The root can hold
   * share bars, related-link lists, bylines, captions and forms, and (when the article is spread
   * over several siblings) the siblings that are not article; callers that scan `root` should
   * drop hits whose text node gives false (e.g. `includes(range.startContainer)`). Do not prune a
   * tree walk on an element's verdict: text directly in an element may be excluded while
   * deeper paragraphs are not.
   */
  includes: (node: Node) => boolean;
}

const NONE = () => false;

/** The main article element of `doc`, or null (not an article page, or not English). */
export function articleRoot(doc: Document): Element | null {
  return findArticle(doc).root;
}

export function findArticle(doc: Document, opts: { requireEnglish?: boolean } = {}): ArticleResult {
  const steps = findArticleSteps(doc, opts);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `findArticle` in steps: yields after every `unit` elements of each pass and between phases,
 * for `runSliced`. The page must not be changed by the caller in between; changes by the page
 * itself are tolerated (elements added meanwhile count as neutral, removed ones as absent).
 */
export function* findArticleSteps(
  doc: Document,
  opts: { requireEnglish?: boolean } = {},
  unit = 400,
): Generator<void, ArticleResult, void> {
  const requireEnglish = opts.requireEnglish ?? true;
  if (!doc.body) return { root: null, language: 'und', skipped: 'no document body', includes: NONE };
  if (!isProbablyReaderable(doc, { minContentLength: 140, minScore: 20, visibilityChecker: inlineVisible })) {
    return { root: null, language: pageLanguage(doc), skipped: 'not an article page (too little paragraph text)', includes: NONE };
  }
  yield;
  const found = yield* scoreArticle(doc.documentElement, unit);
  if (!found) return { root: null, language: pageLanguage(doc), skipped: 'no article found', includes: NONE };
  yield;
  const { root, includes } = found;
  const language = pageLanguage(doc, root, includes);
  if (requireEnglish && language !== 'en') {
    return { root: null, language, skipped: `page language is ${language}; the claim model is English-only`, includes: NONE };
  }
  return { root, language, includes };
}

// ---------------------------------------------------------------------------------------------
// Language

const EN_STOPWORDS = 'the of and to in a is that for it on was with as by at be this are from or have an has not but were which their they he she his her been who will would its more about after also said than into'.split(' ');
/** A space and a whole stopword (the space after it is looked at, not taken: it starts the next). */
const STOPWORD_RUN = new RegExp(` (?:${EN_STOPWORDS.join('|')})(?= |$)`, 'g');

/**
 * Share of English stopwords among the first ~1,500 Latin-script words of `text`, and the share of
 * letters that are Latin at all.
 */
export function englishEvidence(text: string): { stopwordShare: number; latinShare: number; words: number } {
  const sample = text.slice(0, 12000);
  // Counted with native regex scans rather than a loop over the 12,000 characters: this runs once
  // per page, in code that is still cold (the interpreted loop cost ~2 ms in Chromium). Same counts
  // as a per-UTF-16-unit loop: Latin letters; other letters are units above U+02AF, outside General
  // Punctuation, that `\p{L}` accepts (each unit tested alone, so surrogate halves never count).
  const latin = sample.length - sample.replace(LATIN_LETTERS, '').length;
  let letters = latin;
  const other = sample.match(MAYBE_LETTERS);
  if (other) for (const c of other) if (LETTER.test(c)) letters++;
  const words = sample.toLowerCase().match(/[a-z\u00c0-\u024f']+/g) ?? [];
  const n = Math.min(words.length, 1500);
  // Stopwords among the first n words, by one regex scan of them joined with spaces (words hold
  // no spaces): a cold loop of 1,500 Set lookups was the costliest line of the language check.
  const stop = n ? (` ${words.slice(0, n).join(' ')}`.match(STOPWORD_RUN)?.length ?? 0) : 0;
  return { stopwordShare: n ? stop / n : 0, latinShare: letters ? latin / letters : 0, words: n };
}

const LATIN_LETTERS = /[A-Za-z\u00c0-\u024f]+/g;
/** Units above U+02AF outside General Punctuation (U+2000–U+206F); no `u` flag: one unit each. */
const MAYBE_LETTERS = /[\u02b0-\u1fff\u2070-\uffff]/g;
const LETTER = /\p{L}/u;

/**
 * Language of the page: the text decides when it clearly shows English or clearly does not
 * (some pages declare the wrong `lang`, e.g. an English Business Insider page says "de");
 * otherwise the declared `<html lang>` / content-language; 'und' when neither says.
 */
export function pageLanguage(doc: Document, root: Element | null = doc.body, includes?: (node: Node) => boolean): string {
  const declared = (
    doc.documentElement?.getAttribute('lang') ||
    doc.documentElement?.getAttribute('xml:lang') ||
    doc.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content') ||
    ''
  )
    .trim()
    .toLowerCase()
    .split(/[-_,;\s]/)[0];
  const ev = englishEvidence(root ? languageSample(root, includes) : '');
  if (ev.words >= 40) {
    if (ev.latinShare > 0.8 && ev.stopwordShare >= 0.2) return 'en';
    if (ev.latinShare < 0.5 || ev.stopwordShare < 0.08) return declared && declared !== 'en' ? declared : 'und';
  }
  return declared || (ev.words >= 40 && ev.stopwordShare >= 0.15 ? 'en' : 'und');
}

// blockText's conventions (block-text.ts): these subtrees are skipped, these elements end a line.
const SAMPLE_CHARS = 12000;

/**
 * The first 12,000 characters of `blockText(root, includes)` (all that `englishEvidence` reads),
 * without walking the rest of a long article: the walk stops once the text collected so far,
 * normalised, is safely longer than that.
 */
export function languageSample(root: Element, includes?: (node: Node) => boolean): string {
  const parts: string[] = [];
  let raw = 0;
  let checkAt = SAMPLE_CHARS + 64;
  const full = () => normaliseSample(parts.join(''));
  // Iterative pre-order walk; a negative entry closes a block (pushes its trailing newline).
  const stack: (Node | null)[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (node === null) {
      parts.push('\n');
      continue;
    }
    if (node!.nodeType === 3) {
      if (!includes || includes(node!)) {
        const data = (node as Text).data;
        parts.push(data);
        raw += data.length;
        if (raw >= checkAt) {
          const text = full();
          if (text.length > SAMPLE_CHARS + 64) return text.slice(0, SAMPLE_CHARS);
          checkAt = raw + SAMPLE_CHARS;
        }
      }
      continue;
    }
    if (node!.nodeType !== 1) continue;
    const el = node as Element;
    const tag = el.tagName.toUpperCase();
    if (SKIP.has(tag) || el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') continue;
    const block = BLOCK.has(tag);
    if (block) {
      parts.push('\n');
      stack.push(null);
    }
    const kids: Node[] = [];
    for (let c = el.firstChild; c; c = c.nextSibling) kids.push(c);
    for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k]);
  }
  return full();
}

function normaliseSample(s: string): string {
  return s
    .replace(/\u00ad/g, '')
    .replace(/[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ')
    .replace(/ *\n[ \n]*/g, '\n')
    .trim();
}
