/**
 * The Readability-based article finder that article-root.ts replaced, kept as the reference for
 * bench/article-root-quality.ts and tests/claims/article-root-parity.test.ts (never bundled: only
 * Node tools import it). Same result shape as `findArticle`.
 *
 * Readability (Firefox Reader View's scorer) mutates the document it reads, so it runs on a clone.
 * Before that, every element of the clone is tagged with its document-order index; the elements
 * that survive into Readability's article are mapped back to the live DOM by that index, and the
 * article root is the live element that contains (nearly) all of them. This keeps Readability's
 * scoring exactly as upstream while never touching the page. Pages that Readability thinks are
 * not articles (search results, apps, inboxes) get `null`: they are left alone.
 */
import { isProbablyReaderable, Readability } from '@mozilla/readability';
import { pageLanguage, type ArticleResult } from './article-root';

const MARK = 'data-factmark-i';

const NONE = () => false;

export function findArticleReadability(doc: Document, opts: { requireEnglish?: boolean } = {}): ArticleResult {
  const requireEnglish = opts.requireEnglish ?? true;
  if (!doc.body) return { root: null, language: 'und', skipped: 'no document body', includes: NONE };
  if (!isProbablyReaderable(doc, { minContentLength: 140, minScore: 20 })) {
    return { root: null, language: pageLanguage(doc), skipped: 'not an article page (too little paragraph text)', includes: NONE };
  }
  const found = readabilityRoot(doc);
  if (!found) return { root: null, language: pageLanguage(doc), skipped: 'no article found', includes: NONE };
  const { root, includes } = found;
  const language = pageLanguage(doc, root, includes);
  if (requireEnglish && language !== 'en') {
    return { root: null, language, skipped: `page language is ${language}; the claim model is English-only`, includes: NONE };
  }
  return { root, language, includes };
}

function readabilityRoot(doc: Document): { root: Element; includes: (node: Node) => boolean } | null {
  // Static lists: a live HTMLCollection re-walks the tree after each mutation in some DOMs.
  const live = doc.querySelectorAll('*');
  const clone = doc.cloneNode(true) as Document;
  const cloned = clone.querySelectorAll('*');
  if (cloned.length !== live.length) return null;
  for (let i = 0; i < cloned.length; i++) cloned[i].setAttribute(MARK, String(i));
  let article: ReturnType<Readability['parse']>;
  try {
    article = new Readability(clone, { keepClasses: true }).parse();
  } catch {
    return null;
  }
  if (!article?.content) return null;

  // Live elements that survived into the article, outermost only, with their text sizes.
  const ids = new Set<number>();
  for (const m of article.content.matchAll(/data-factmark-i="(\d+)"/g)) ids.add(Number(m[1]));
  const elements = [...ids].map((i) => live[i]).filter((e): e is Element => !!e);
  const chosen = new Set(elements);
  const outer = elements.filter((e) => {
    for (let p = e.parentElement; p; p = p.parentElement) if (chosen.has(p)) return false;
    return true;
  });
  if (!outer.length) return null;
  const sized = outer.map((e) => ({ e, chars: (e.textContent ?? '').trim().length })).sort((a, b) => b.chars - a.chars);
  const total = sized.reduce((n, s) => n + s.chars, 0);
  // Smallest common ancestor of the pieces that together hold 90 % of the article text, so a
  // stray byline box far from the article does not widen the root to <body>.
  let root: Element = sized[0].e;
  let covered = sized[0].chars;
  for (const s of sized.slice(1)) {
    if (covered >= 0.9 * total) break;
    root = commonAncestor(root, s.e);
    covered += s.chars;
  }
  if (root === doc.documentElement) root = doc.body;

  // A text node belongs to the article when its parent element survived into Readability's
  // output. (Readability unwraps wrappers and wraps loose text in new <p>s, but a kept text node's
  // own live parent is always kept; nodes inside removed share bars and link lists are not.)
  // On top of Readability: captions, credits, bylines and promos that it keeps inside the
  // article, and blocks made only of links (related headlines), are not article prose.
  const verdicts = new Map<Element, boolean>();
  const includes = (node: Node): boolean => {
    const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
    if (!el || !chosen.has(el)) return false;
    return node.nodeType === 1 || isProse(el, root, verdicts);
  };
  return { root, includes };
}

const JUNK_TAGS = new Set(['CAPTION', 'ASIDE', 'NAV', 'FOOTER', 'BUTTON', 'LABEL', 'TIME', 'ADDRESS']);
const JUNK_RE =
  /caption|credit|byline|author|dateline|timestamp|related|promo|newsletter|subscribe|signup|share|social|tags?(?:\b|_|-)|recommend|read-?more|see-?also|more-?(?:stories|news|on)|trending|popular|disclaimer|copyright|advert|sponsor|footer/i;
const BLOCKS = new Set(['P', 'DIV', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TD', 'TH', 'DD', 'DT', 'BLOCKQUOTE', 'SECTION', 'ARTICLE', 'HEADER']);

/** Is the text directly in `el` article prose (no junk ancestor up to root, not a link-only block)? */
function isProse(el: Element, root: Element, verdicts: Map<Element, boolean>): boolean {
  const cached = verdicts.get(el);
  if (cached !== undefined) return cached;
  let verdict = true;
  let block: Element | null = null;
  for (let p: Element | null = el; p && p !== root.parentElement; p = p.parentElement) {
    if (!block && BLOCKS.has(p.tagName.toUpperCase())) block = p;
    if (p === root) break;
    const known = verdicts.get(p);
    if (known === false) {
      verdict = false;
      break;
    }
    if (JUNK_TAGS.has(p.tagName.toUpperCase()) || JUNK_RE.test(`${p.getAttribute('class') ?? ''} ${p.id ?? ''}`)) {
      verdict = false;
      break;
    }
  }
  if (verdict && block && isLinkOnly(block)) verdict = false;
  verdicts.set(el, verdict);
  return verdict;
}

/** A block whose visible text is all inside links (a list of related headlines, a nav strip). */
function isLinkOnly(block: Element): boolean {
  const all = (block.textContent ?? '').replace(/\s+/g, '');
  if (!all) return false;
  let linked = 0;
  for (const a of block.querySelectorAll('a')) linked += (a.textContent ?? '').replace(/\s+/g, '').length;
  return linked >= 0.9 * all.length;
}

function commonAncestor(a: Element, b: Element): Element {
  const seen = new Set<Element>();
  for (let p: Element | null = a; p; p = p.parentElement) seen.add(p);
  for (let p: Element | null = b; p; p = p.parentElement) if (seen.has(p)) return p;
  return a.ownerDocument.documentElement;
}
