/**
 * The article scorer behind article-root.ts: Readability's `_grabArticle` (Readability.js 0.6.0:
 * same regexes, constants and attempts) on statistics read from the live DOM, which it never
 * changes. The page is read once, in document order and in steps (`readPage`), into flat arrays;
 * each attempt then sums and scores on those arrays (`aggregate`, `choose`), and `articleFilter`
 * drops what Readability's `_prepArticle` would have removed from the chosen article (plus our
 * junk rules). Why not Readability itself: see article-root.ts.
 */

// ---------------------------------------------------------------------------------------------
// Readability's vocabulary (Readability.js 0.6.0)

const UNLIKELY = /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/i;
const MAYBE = /and|article|body|column|content|main|shadow/i;
const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story/i;
const NEGATIVE = /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget/i;
const SHARE = /(\b|_)(share|sharedaddy)(\b|_)/i;
const VIDEOS = /\/\/(www\.)?((dailymotion|youtube|youtube-nocookie|player\.vimeo|v\.qq)\.com|(archive|upload\.wikimedia)\.org|player\.twitch\.tv)/i;
const UNLIKELY_ROLES = ['menu', 'menubar', 'complementary', 'navigation', 'alert', 'alertdialog', 'dialog'];
const SCORED = new Set(['section', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'td', 'pre']);
/** Children that make a <div> a container rather than a paragraph (DIV_TO_P_ELEMS). */
const DIV_BLOCKS = new Set(['blockquote', 'dl', 'div', 'img', 'ol', 'p', 'pre', 'table', 'ul']);
const PHRASING = new Set([
  'abbr', 'audio', 'b', 'bdo', 'br', 'button', 'cite', 'code', 'data', 'datalist', 'dfn', 'em', 'embed', 'i', 'img',
  'input', 'kbd', 'label', 'mark', 'math', 'meter', 'noscript', 'object', 'output', 'progress', 'q', 'ruby', 'samp',
  'script', 'select', 'small', 'span', 'strong', 'sub', 'sup', 'textarea', 'time', 'var', 'wbr',
]);
const TAG_SCORE: Record<string, number> = {
  div: 5, pre: 3, td: 3, blockquote: 3,
  address: -3, ol: -3, ul: -3, dl: -3, dd: -3, dt: -3, li: -3, form: -3,
  h1: -5, h2: -5, h3: -5, h4: -5, h5: -5, h6: -5, th: -5,
};
/** Removed before scoring (Readability's _prepDocument), plus subtrees that are never page text. */
const REMOVED_TAGS = new Set(['script', 'style', 'noscript', 'template', 'head']);
/** Removed from the article by _prepArticle whatever they hold. */
const PREP_REMOVED = new Set(['object', 'embed', 'footer', 'link', 'aside', 'iframe', 'input', 'textarea', 'select', 'button']);
const CLEANED = new Set(['form', 'fieldset', 'table', 'ul', 'div']);
const CHAR_THRESHOLD = 500;

// On top of Readability: captions, credits, bylines, date lines, standfirsts (the summary under
// the headline, which repeats the meta description) and promos that it keeps inside the article,
// and blocks made only of links (related headlines), are not article prose.
const JUNK_TAGS = new Set(['caption', 'aside', 'nav', 'footer', 'button', 'label', 'time', 'address']);
const JUNK_RE =
  /caption|credit|byline|author|dateline|timestamp|related|promo|newsletter|subscribe|signup|share|social|tags?(?:\b|_|-)|recommend|read-?more|see-?also|more-?(?:stories|news|on)|trending|popular|disclaimer|copyright|advert|sponsor|footer|standfirst|(?:^|[\s_-])meta(?:$|\s)/i;
const BLOCKS = new Set(['p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'td', 'th', 'dd', 'dt', 'blockquote', 'section', 'article', 'header']);

/**
 * What the class and id of an element say; one per distinct class and id. The page walk needs
 * only `unlikely` and `byline`; the rest is worked out for the few elements that are scored.
 */
class Names {
  readonly unlikely: boolean;
  readonly byline: boolean;
  private cachedWeight?: number;
  private cachedShare?: boolean;
  private cachedJunk?: boolean;

  constructor(
    private readonly cls: string,
    private readonly id: string,
  ) {
    const both = `${cls} ${id}`;
    this.unlikely = UNLIKELY.test(both) && !MAYBE.test(both);
    this.byline = BYLINE.test(both);
  }

  /** Readability's _getClassWeight. */
  get weight(): number {
    if (this.cachedWeight === undefined) {
      let w = 0;
      if (this.cls) w += (NEGATIVE.test(this.cls) ? -25 : 0) + (POSITIVE.test(this.cls) ? 25 : 0);
      if (this.id) w += (NEGATIVE.test(this.id) ? -25 : 0) + (POSITIVE.test(this.id) ? 25 : 0);
      this.cachedWeight = w;
    }
    return this.cachedWeight;
  }

  get share(): boolean {
    return (this.cachedShare ??= SHARE.test(`${this.cls} ${this.id}`));
  }

  get junk(): boolean {
    return (this.cachedJunk ??= JUNK_RE.test(`${this.cls} ${this.id}`));
  }
}

const namesCache = new Map<string, Names>();
function namesOf(cls: string, id: string): Names {
  const key = id ? `${cls}\u0000${id}` : cls;
  let n = namesCache.get(key);
  if (!n) {
    n = new Names(cls, id);
    if (namesCache.size > 5000) namesCache.clear();
    namesCache.set(key, n);
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// The page, read once

/** Own flags of an element (Readability's reasons to remove it before scoring). */
const F_REMOVED = 1; // script, style…, hidden, aria-modal dialog: in every attempt
const F_ROLE = 2; // an unlikely role: removed when stripping
const F_UNLIKELY = 4; // an unlikely class or id (not in a table or code, not body or a): when stripping
const F_BYLINE = 8; // a byline: Readability removes the first one, in its first attempt
const F_TITLE = 16; // an h1/h2 that repeats the title: Readability removes the first one

/**
 * Everything the scorer needs from the DOM, read in one pass over a static list of the elements
 * (index 0 is <html>: walking from there, as Readability does, also covers content that a lenient
 * parser left outside <body>). The attempts then run on these arrays without touching the page.
 */
interface Page {
  els: Element[];
  tag: string[];
  cls: string[];
  parent: number[];
  names: Names[];
  flags: number[];
  /** The child nodes of element i, in order: seq[seqStart[i]] … seq[seqStart[i + 1] - 1]; ≥ 0 an element, < 0 ~text. */
  seqStart: number[];
  seq: number[];
  /** Text nodes: length with whitespace runs counted once, leading/trailing whitespace, commas. */
  tLen: number[];
  tLead: number[];
  tTrail: number[];
  tCommas: number[];
  /** Elements in the subtree (itself included): the subtree of i is i … i + size[i] - 1. */
  size: Int32Array;
  /** Link-text coefficient of an <a> (1, or 0.3 for an in-page #link). */
  linkCoef: Float32Array;
  /** isDataTable, memoised: -1 not yet known. */
  dataTable: Int8Array;
  /** Read for an attempt that strips unlikely blocks (their subtrees were not entered). */
  strip: boolean;
}

const HIDDEN_SELECTOR = '[hidden],[aria-hidden="true"],[style*="none" i],[style*="hidden" i],[aria-modal="true"]';
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;
const BYLINE_SELECTOR = '[rel="author"],[itemprop*="author"]';
const ROLES_SELECTOR = UNLIKELY_ROLES.map((r) => `[role="${r}"]`).join(',');
const MARKED_SELECTOR = `${HIDDEN_SELECTOR},${ROLES_SELECTOR},${BYLINE_SELECTOR}`;

/** What attributes say about an element: hidden, an unlikely role, a byline (F_REMOVED, F_ROLE, F_BYLINE). */
const marks = { hidden: false, role: false, byline: false };

/**
 * `marks` of `el`, read as the walk meets it (they decide nothing for the elements it does not
 * enter). One `matches` of all three selectors, which few elements match (yahoo-2: 32 of 2,564);
 * those are then sorted as separate selectors would. `isHidden` implies HIDDEN_SELECTOR, so it
 * alone decides that one. (A `querySelectorAll` of the same selectors over the whole page cost
 * ~1.5–2.3 ms CPU cold on yahoo-2, and ~1–1.8 ms more for its hits; the walk enters a third of it.)
 */
function readMarks(el: Element): typeof marks {
  if (el.matches(MARKED_SELECTOR)) {
    marks.hidden = isHidden(el);
    marks.role = el.matches(ROLES_SELECTOR);
    marks.byline = el.matches(BYLINE_SELECTOR);
  } else marks.hidden = marks.role = marks.byline = false;
  return marks;
}

function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden') === 'true' && !(el.getAttribute('class') ?? '').includes('fallback-image')) return true;
  if (HIDDEN_STYLE.test(el.getAttribute('style') ?? '')) return true;
  return el.getAttribute('aria-modal') === 'true' && el.getAttribute('role') === 'dialog';
}

/**
 * Reads the page in document order, `unit` elements per step. Subtrees that the attempt removes
 * before scoring are not entered at all: script, style, hidden blocks, and (when `strip`, as in
 * Readability's first attempt) blocks whose class, id or role says navigation, sidebar, comments,
 * footer… — on news pages that is most of the page (yahoo-2: 1,760 of 2,564 elements).
 */
function* readPage(html: Element, strip: boolean, unit: number, title: Set<string>): Generator<void, Page, void> {
  const reader = new PageReader(html, strip, title);
  // The work per element is a plain method, not this generator's loop body: V8 optimises a
  // function called many times, but runs a long loop inside a generator in its interpreter.
  while (reader.visit()) if (reader.els.length % unit === 0) yield;
  return reader.finish();
}

/** The state of `readPage`: arrays grown one element at a time. */
class PageReader {
  readonly els: Element[] = [];
  private readonly tags: string[] = [];
  private readonly classes: string[] = [];
  private readonly parents: number[] = [];
  private readonly names: Names[] = [];
  private readonly flags: number[] = [];
  private readonly linkCoef: number[] = [];
  private readonly seqStart: number[] = [];
  /** Child lists: element index (≥ 0; -1 until that element is visited) or ~text segment. */
  private readonly seq: number[] = [];
  private readonly tLen: number[] = [];
  private readonly tLead: number[] = [];
  private readonly tTrail: number[] = [];
  private readonly tCommas: number[] = [];
  // Depth-first, in document order: a stack of elements still to visit, with their parents and
  // where in `seq` their parent lists them (filled in when they are visited).
  private readonly stack: Element[];
  private readonly stackParent: number[] = [-1];
  private readonly stackSeq: number[] = [-1];
  private readonly kids: Element[] = [];
  private readonly kidsAt: number[] = [];

  constructor(
    html: Element,
    private readonly strip: boolean,
    /** Words of the page title. */
    private readonly title: Set<string>,
  ) {
    this.stack = [html];
  }

  /** Reads the next element; false when done. */
  visit(): boolean {
    const el = this.stack.pop();
    if (!el) return false;
    const p = this.stackParent.pop()!;
    const at = this.stackSeq.pop()!;
    const i = this.els.length;
    this.els.push(el);
    if (at >= 0) this.seq[at] = i;
    this.parents.push(p);
    this.seqStart.push(this.seq.length);
    const tag = el.localName;
    this.tags.push(tag);
    const className = (el as HTMLElement).className;
    const cls = typeof className === 'string' ? className : (el.getAttribute('class') ?? '');
    this.classes.push(cls);
    const n = namesOf(cls, el.id ?? '');
    const a = readMarks(el);
    this.names.push(n);
    let f = 0;
    let coef = 0;
    if (REMOVED_TAGS.has(tag) || a.hidden) f = F_REMOVED;
    else {
      if (a.role) f |= F_ROLE;
      if (n.unlikely && tag !== 'body' && tag !== 'a' && !nearTag(this.tags, this.parents, i, 'table') && !nearTag(this.tags, this.parents, i, 'code')) f |= F_UNLIKELY;
      if (n.byline || a.byline) {
        const length = (el.textContent ?? '').trim().length;
        if (length > 0 && length < 100) f |= F_BYLINE;
      }
      if ((tag === 'h1' || tag === 'h2') && similarity(this.title, el.textContent ?? '') > 0.75) f |= F_TITLE;
      if (tag === 'a') {
        const href = el.getAttribute('href');
        coef = href && /^#.+/.test(href) ? 0.3 : 1;
      }
    }
    this.flags.push(f);
    this.linkCoef.push(coef);
    if (f & F_REMOVED || (this.strip && f & (F_UNLIKELY | F_ROLE))) return true;
    const kids = this.kids;
    const kidsAt = this.kidsAt;
    kids.length = 0;
    kidsAt.length = 0;
    for (let c = el.firstChild; c; c = c.nextSibling) {
      const type = c.nodeType;
      if (type === 1) {
        kidsAt.push(this.seq.length);
        this.seq.push(-1);
        kids.push(c as Element);
      } else if (type === 3 || type === 4) {
        const m = measure((c as Text).data);
        if (m.len === 0) continue;
        this.seq.push(~this.tLen.length);
        this.tLen.push(m.len);
        this.tLead.push(m.lead);
        this.tTrail.push(m.trail);
        this.tCommas.push(m.commas);
      }
    }
    for (let k = kids.length - 1; k >= 0; k--) {
      this.stack.push(kids[k]);
      this.stackParent.push(i);
      this.stackSeq.push(kidsAt[k]);
    }
    return true;
  }

  finish(): Page {
    const N = this.els.length;
    this.seqStart.push(this.seq.length);
    const page: Page = {
      // The arrays as read (small integers: packed arrays, as fast to index as typed ones), not
      // copied into typed arrays. linkCoef stays a Float32Array: its 0.3 is float32's 0.3.
      els: this.els, tag: this.tags, cls: this.classes, parent: this.parents,
      names: this.names, flags: this.flags, seqStart: this.seqStart, seq: this.seq,
      tLen: this.tLen, tLead: this.tLead, tTrail: this.tTrail,
      tCommas: this.tCommas, size: new Int32Array(N).fill(1), linkCoef: Float32Array.from(this.linkCoef),
      dataTable: new Int8Array(N).fill(-1), strip: this.strip,
    };
    for (let i = N - 1; i > 0; i--) page.size[page.parent[i]] += page.size[i];
    return page;
  }
}

function nearTag(tags: string[], parents: number[], i: number, tag: string): boolean {
  for (let a = parents[i], d = 0; a >= 0 && d <= 3; a = parents[a], d++) if (tags[a] === tag) return true;
  return false;
}

/** Readability's _hasAncestorTag(node, tag) with its default depth (parent + 3 more levels). */
function near(page: Page, i: number, tag: string): boolean {
  for (let a = page.parent[i], d = 0; a >= 0 && d <= 3; a = page.parent[a], d++) if (page.tag[a] === tag) return true;
  return false;
}

/**
 * A text node's length with each whitespace run counted once, whether it starts / ends with
 * whitespace, and its commas (Readability's comma characters).
 */
const measured = { len: 0, lead: 0, trail: 0, commas: 0 };
const WS_RUNS = /\s+/g;
const NON_WS = /\S/;
const OTHER_COMMAS = /[\u060C\uFE50\uFE10\uFE11\u2E41\u2E34\u2E32\uFF0C]/g;
function measure(data: string): typeof measured {
  // Native string operations rather than a loop over the characters: this runs for every text
  // node of the page, in code that is still cold. (JS `\s` is exactly Readability's whitespace.)
  if (!NON_WS.test(data)) {
    measured.len = data.length ? 1 : 0;
    measured.lead = measured.trail = measured.len;
    measured.commas = 0;
    return measured;
  }
  const n = data.length;
  measured.len = n > 1 && hasSpaceRun(data) ? data.replace(WS_RUNS, ' ').length : n;
  measured.lead = isSpace(data.charCodeAt(0)) ? 1 : 0;
  measured.trail = isSpace(data.charCodeAt(n - 1)) ? 1 : 0;
  let commas = 0;
  for (let k = data.indexOf(','); k >= 0; k = data.indexOf(',', k + 1)) commas++;
  commas += data.match(OTHER_COMMAS)?.length ?? 0;
  measured.commas = commas;
  return measured;
}

/** Two whitespace characters in a row, or any whitespace other than a plain space. */
const SPACE_RUN = /\s\s|[^\S ]/;
function hasSpaceRun(data: string): boolean {
  return SPACE_RUN.test(data);
}

/** JS `\s`: the whitespace of Readability's `_getInnerText` normalisation. */
function isSpace(c: number): boolean {
  return c <= 32 ? c === 32 || (c >= 9 && c <= 13) : c === 160 || c === 0x1680 || (c >= 0x2000 && (c <= 0x200a || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}

function isVideo(el: Element): boolean {
  for (const name of el.getAttributeNames()) if (VIDEOS.test(el.getAttribute(name) ?? '')) return true;
  return el.localName === 'object' && VIDEOS.test(el.innerHTML);
}

/** Readability's _markDataTables, simplified: tables with table structure or that are large. */
function isDataTable(page: Page, i: number): boolean {
  if (page.dataTable[i] < 0) page.dataTable[i] = dataTable(page.els[i]) ? 1 : 0;
  return page.dataTable[i] === 1;
}

function dataTable(t: Element): boolean {
  if (t.getAttribute('role') === 'presentation' || t.getAttribute('datatable') === '0') return false;
  if (t.getAttribute('summary')) return true;
  if (t.querySelector('table')) return false;
  if (t.querySelector('caption, col, colgroup, tfoot, thead, th')) return true;
  const rows = t.querySelectorAll('tr');
  if (rows.length >= 10) return true;
  let cols = 0;
  for (const tr of rows) cols = Math.max(cols, tr.children.length);
  return cols > 4 || rows.length * cols > 10;
}

// ---------------------------------------------------------------------------------------------
// One attempt's statistics (arrays only)

/** Per-element sums for one attempt (what is removed depends on the attempt). */
interface Stats {
  removed: Uint8Array;
  bylineRemoved: boolean;
  /** Text length as Readability's `_getInnerText` counts it (whitespace runs count one, ends trimmed). */
  text: Float64Array;
  commas: Float64Array;
  /** Weighted link text. */
  links: Float64Array;
  pCount: Int32Array;
  imgCount: Int32Array;
  liCount: Int32Array;
  inputCount: Int32Array;
  embeds: Int32Array;
  /** Text inside h1–h6 / inside ul, ol descendants. */
  headingText: Float64Array;
  listText: Float64Array;
  /** Has a DIV_BLOCKS descendant; holds a data table. */
  hasBlock: Uint8Array;
  hasData: Uint8Array;
  /** Present element children (not removed, not empty div/section/header/h*). */
  children: Int32Array;
  /** A <div> that Readability replaces by its only <p>: skipped in ancestor chains. */
  transparent: Uint8Array;
  /** Scored as a <p> (a real one, or a div Readability turns into one). */
  pLike: Uint8Array;
  /** Paragraphs to score: first ancestor index, text length, commas (flat triples). */
  paragraphs: number[];
}

const EMPTY_REMOVED = new Set(['div', 'section', 'header', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Which elements an attempt removes before scoring (in document order, as Readability walks). */
function removedFor(page: Page, byline: boolean): { removed: Uint8Array; bylineRemoved: boolean } {
  const strip = page.strip;
  const N = page.els.length;
  const removed = new Uint8Array(N);
  let bylineLeft = byline;
  let titleLeft = true;
  let bylineRemoved = false;
  for (let i = 0; i < N; i++) {
    const p = page.parent[i];
    const f = page.flags[i];
    if ((p >= 0 && removed[p]) || f & F_REMOVED) removed[i] = 1;
    else if (bylineLeft && f & F_BYLINE) {
      removed[i] = 1;
      bylineLeft = false;
      bylineRemoved = true;
    } else if (titleLeft && f & F_TITLE) {
      removed[i] = 1;
      titleLeft = false;
    } else if (strip && f & (F_UNLIKELY | F_ROLE)) removed[i] = 1;
  }
  return { removed, bylineRemoved };
}

/** Sums over the elements' subtrees, children before parents; `unit` elements per step. */
function* aggregate(page: Page, byline: boolean, unit: number): Generator<void, Stats, void> {
  const N = page.els.length;
  const { removed, bylineRemoved } = removedFor(page, byline);
  const s: Stats = {
    removed, bylineRemoved,
    text: new Float64Array(N), commas: new Float64Array(N), links: new Float64Array(N),
    pCount: new Int32Array(N), imgCount: new Int32Array(N), liCount: new Int32Array(N), inputCount: new Int32Array(N),
    embeds: new Int32Array(N), headingText: new Float64Array(N), listText: new Float64Array(N),
    hasBlock: new Uint8Array(N), hasData: new Uint8Array(N), children: new Int32Array(N),
    transparent: new Uint8Array(N), pLike: new Uint8Array(N), paragraphs: [],
  };
  // Untrimmed lengths and leading/trailing whitespace, so that sums merge whitespace exactly.
  const scratch: Scratch = { raw: new Float64Array(N), lead: new Uint8Array(N), trail: new Uint8Array(N), phrasingOnly: new Uint8Array(N), runs: [] };
  // Per element in a plain function (see readPage: V8 optimises that, not a generator's loop).
  for (let i = N - 1; i >= 0; i--) {
    if (i % unit === 0) yield;
    if (!removed[i]) sumElement(page, s, scratch, i);
  }
  return s;
}

interface Scratch {
  raw: Float64Array;
  lead: Uint8Array;
  trail: Uint8Array;
  phrasingOnly: Uint8Array;
  runs: number[];
}

/** Sums element i's children (all already summed: they come after it in document order). */
function sumElement(page: Page, s: Stats, scratch: Scratch, i: number): void {
  const { removed } = s;
  const { raw, lead, trail, phrasingOnly, runs } = scratch;
  const { seq, seqStart, tLen, tLead, tTrail, tCommas, tag: tags } = page;
  const tag = tags[i];
  let commas = 0, links = 0, children = 0, pChildren = 0, others = 0, only = 1;
  // The whole text, and the current run of phrasing content (Readability wraps each run of a
  // <div> in a <p>; two <br>s end one): length, leading/trailing whitespace.
  let aLen = 0, aLead = 0, aTrail = 0;
  let rLen = 0, rLead = 0, rTrail = 0, rCommas = 0, rText = false, brs = 0;
  runs.length = 0;
  for (let k = seqStart[i], end = seqStart[i + 1]; k <= end; k++) {
    let len: number, ld: number, tr: number, cm: number, phrasing: boolean, hasText: boolean, isBr = false;
    if (k === end) {
      // End of the children: close the last run.
      if (rText) runs.push(Math.max(0, rLen - rLead - rTrail), rCommas);
      break;
    }
    const e = seq[k];
    if (e < 0) {
      const t = ~e;
      len = tLen[t];
      ld = tLead[t];
      tr = tTrail[t];
      cm = tCommas[t];
      phrasing = true;
      hasText = len > ld;
    } else {
      if (removed[e]) continue;
      const ct = tags[e];
      len = raw[e];
      ld = lead[e];
      tr = trail[e];
      cm = s.commas[e];
      hasText = s.text[e] > 0;
      links += s.links[e];
      s.pCount[i] += s.pCount[e] + (ct === 'p' ? 1 : 0);
      s.imgCount[i] += s.imgCount[e] + (ct === 'img' ? 1 : 0);
      s.liCount[i] += s.liCount[e] + (ct === 'li' ? 1 : 0);
      s.inputCount[i] += s.inputCount[e] + (ct === 'input' ? 1 : 0);
      s.embeds[i] += s.embeds[e] + (ct === 'object' || ct === 'embed' || ct === 'iframe' ? 1 : 0);
      s.headingText[i] += HEADINGS.has(ct) ? s.text[e] : s.headingText[e];
      s.listText[i] += ct === 'ul' || ct === 'ol' ? s.text[e] : s.listText[e];
      if (s.hasData[e] || (ct === 'table' && isDataTable(page, e))) s.hasData[i] = 1;
      if (s.hasBlock[e] || DIV_BLOCKS.has(ct)) s.hasBlock[i] = 1;
      const empty = !hasText && s.children[e] === 0 && EMPTY_REMOVED.has(ct);
      if (!empty) children++;
      phrasing = PHRASING.has(ct) || ((ct === 'a' || ct === 'del' || ct === 'ins') && phrasingOnly[e] === 1);
      if (!phrasing) only = 0;
      isBr = ct === 'br';
      if (!phrasing && !empty) {
        if (ct === 'p') pChildren++;
        else others++;
      }
    }
    // Whole text: whitespace runs merge across the join.
    if (len > 0) {
      if (aLen === 0) {
        aLen = len;
        aLead = ld;
      } else aLen += len - (aTrail && ld ? 1 : 0);
      aTrail = tr;
    }
    commas += cm;
    // Runs.
    if (isBr) {
      if (++brs >= 2) {
        if (rText) runs.push(Math.max(0, rLen - rLead - rTrail), rCommas);
        rLen = rLead = rTrail = rCommas = 0;
        rText = false;
      }
    } else if (phrasing) {
      if (hasText) brs = 0;
      if (len > 0) {
        if (rLen === 0) {
          rLen = len;
          rLead = ld;
        } else rLen += len - (rTrail && ld ? 1 : 0);
        rTrail = tr;
      }
      rCommas += cm;
      if (hasText) rText = true;
    } else {
      brs = 0;
      if (rText) runs.push(Math.max(0, rLen - rLead - rTrail), rCommas);
      rLen = rLead = rTrail = rCommas = 0;
      rText = false;
    }
  }
  const text = Math.max(0, aLen - aLead - aTrail);
  raw[i] = aLen;
  lead[i] = aLead;
  trail[i] = aTrail;
  s.text[i] = text;
  s.commas[i] = commas;
  s.children[i] = children;
  phrasingOnly[i] = only;
  // Link text: each <a>'s own text (× 0.3 for in-page #links), summed.
  s.links[i] = tag === 'a' ? text * page.linkCoef[i] : links;

  const p = page.parent[i];
  if (tag === 'div') {
    // Readability wraps the div's phrasing runs in <p>s; a div left with one <p> (and no more
    // than a quarter of link text) is replaced by it, one without block content becomes a <p>.
    const ps = pChildren + runs.length / 2;
    if (ps === 1 && others === 0 && linkDensity(s, i) < 0.25) {
      s.transparent[i] = 1;
      s.pLike[i] = 1;
      if (runs.length) s.paragraphs.push(p, runs[0], runs[1]);
    } else {
      for (let r = 0; r < runs.length; r += 2) s.paragraphs.push(i, runs[r], runs[r + 1]);
      if (!s.hasBlock[i] && runs.length === 0) {
        s.pLike[i] = 1;
        s.paragraphs.push(p, text, commas);
      }
    }
  } else if (SCORED.has(tag)) {
    if (tag === 'p') s.pLike[i] = 1;
    s.paragraphs.push(p, text, commas);
  }
}

function linkDensity(s: Stats, i: number): number {
  return s.text[i] ? s.links[i] / s.text[i] : 0;
}

// ---------------------------------------------------------------------------------------------
// Choosing the article

interface Chosen {
  top: number;
  /** The top candidate and the siblings appended to it (indices). */
  kept: number[];
  textLength: number;
}

/** Readability's _grabArticle choice of the top candidate and its siblings, on the stats. */
function choose(page: Page, s: Stats, weights: boolean): Chosen {
  const N = page.els.length;
  const score = new Float64Array(N).fill(NaN);
  const initialised: number[] = [];
  const init = (a: number) => {
    score[a] = (TAG_SCORE[page.tag[a]] ?? 0) + (weights ? page.names[a].weight : 0);
  };
  const P = s.paragraphs;
  for (let k = 0; k < P.length; k += 3) {
    const len = P[k + 1];
    if (len < 25) continue;
    const content = 1 + (P[k + 2] + 1) + Math.min(Math.floor(len / 100), 3);
    let level = 0;
    for (let a = P[k]; a >= 0 && level < 5; a = page.parent[a]) {
      if (s.transparent[a]) continue;
      if (a === 0) break; // <html>: never a candidate
      if (Number.isNaN(score[a])) {
        init(a);
        initialised.push(a);
      }
      score[a] += content / (level === 0 ? 1 : level === 1 ? 2 : level * 3);
      level++;
    }
  }
  const top5: number[] = [];
  for (const c of initialised) {
    score[c] *= 1 - linkDensity(s, c);
    for (let t = 0; t < 5; t++) {
      if (t >= top5.length || score[c] > score[top5[t]]) {
        top5.splice(t, 0, c);
        if (top5.length > 5) top5.pop();
        break;
      }
    }
  }
  const bodyEl = page.els[0].ownerDocument.body;
  let body = 0;
  for (let k = page.seqStart[0]; k < page.seqStart[1]; k++) if (page.seq[k] >= 0 && page.els[page.seq[k]] === bodyEl) body = page.seq[k];
  let top = top5.length ? top5[0] : body;
  if (top === body) return { top, kept: [top], textLength: cleanLength(page, s, top) };
  // Up to, not including, <body>.
  const below = (a: number) => a > 0 && a !== body;

  // A common ancestor of at least three near-best candidates is the better choice.
  const alternatives: Set<number>[] = [];
  for (let t = 1; t < top5.length; t++) {
    if (score[top5[t]] / score[top] >= 0.75) alternatives.push(ancestorsOf(page, top5[t]));
  }
  if (alternatives.length >= 3) {
    for (let a = page.parent[top]; below(a); a = page.parent[a]) {
      if (alternatives.filter((set) => set.has(a)).length >= 3) {
        top = a;
        break;
      }
    }
  }
  if (Number.isNaN(score[top])) init(top);
  // Climb while a parent scores higher (more content lurking in siblings).
  let lastScore = score[top];
  const threshold = lastScore / 3;
  for (let a = page.parent[top]; below(a); a = page.parent[a]) {
    if (Number.isNaN(score[a]) || s.transparent[a]) continue;
    if (score[a] < threshold) break;
    if (score[a] > lastScore) {
      top = a;
      break;
    }
    lastScore = score[a];
  }
  // An only child: its parent, so that sibling joining can look one level higher.
  for (let a = page.parent[top]; below(a) && s.children[a] === 1; a = page.parent[a]) top = a;
  if (Number.isNaN(score[top])) init(top);

  // Siblings that look like part of the article.
  const parent = page.parent[top];
  if (parent < 0) return { top, kept: [top], textLength: cleanLength(page, s, top) };
  const kept: number[] = [];
  const siblingThreshold = Math.max(10, score[top] * 0.2);
  const topClass = page.cls[top];
  for (let k = page.seqStart[parent]; k < page.seqStart[parent + 1]; k++) {
    const j = page.seq[k];
    if (j < 0 || s.removed[j]) continue;
    let append = j === top;
    if (!append) {
      const bonus = topClass !== '' && page.cls[j] === topClass ? score[top] * 0.2 : 0;
      if (!Number.isNaN(score[j]) && score[j] + bonus >= siblingThreshold) append = true;
      else if (s.pLike[j]) {
        const ld = linkDensity(s, j);
        const len = s.text[j];
        if (len > 80 && ld < 0.25) append = true;
        else if (len < 80 && len > 0 && ld === 0 && /\.( |$)/.test(page.els[j].textContent ?? '')) append = true;
      }
    }
    if (append) kept.push(j);
  }
  return { top, kept, textLength: kept.reduce((n, j) => n + cleanLength(page, s, j), 0) };
}

/**
 * Text length of a kept piece once Readability's _prepArticle has cleaned it: its text less
 * that of the outermost descendants the cleaning drops.
 */
function cleanLength(page: Page, s: Stats, k: number): number {
  let n = s.text[k];
  const end = k + page.size[k];
  for (let j = k + 1; j < end; ) {
    if (!s.removed[j] && cleaned(page, s, j)) {
      n -= s.text[j];
      j += page.size[j];
    } else j++;
  }
  return Math.max(0, n);
}

function ancestorsOf(page: Page, i: number): Set<number> {
  const out = new Set<number>();
  for (let a = page.parent[i]; a >= 0; a = page.parent[a]) out.add(a);
  return out;
}

/**
 * Readability's attempts: unlikely-looking blocks stripped and class weights on; if that leaves
 * less than 500 characters, again without stripping, then without class weights; the first that
 * is long enough wins, else the longest.
 */
export function* scoreArticle(html: Element, unit: number): Generator<void, { root: Element; includes: (node: Node) => boolean } | null, void> {
  const byline = !metadataByline(html.ownerDocument);
  const sums = unit * 8;
  const title = titleTokens(html.ownerDocument);
  // The queries above are one unit, the page walk the next ones.
  yield;
  const stripped = yield* readPage(html, true, unit, title);
  const first = yield* aggregate(stripped, byline, sums);
  const attempts: { page: Page; stats: Stats; chosen: Chosen }[] = [{ page: stripped, stats: first, chosen: choose(stripped, first, true) }];
  if (attempts[0].chosen.textLength < CHAR_THRESHOLD) {
    // Again with the unlikely-looking blocks read too (rare: short or oddly marked-up pages).
    // Readability removes a byline in its first attempt only.
    const page = yield* readPage(html, false, unit, title);
    const stats = yield* aggregate(page, byline && !first.bylineRemoved, sums);
    for (const weights of [true, false]) {
      const chosen = choose(page, stats, weights);
      attempts.push({ page, stats, chosen });
      if (chosen.textLength >= CHAR_THRESHOLD) break;
    }
  }
  const best = attempts.find((a) => a.chosen.textLength >= CHAR_THRESHOLD) ?? attempts.reduce((a, b) => (b.chosen.textLength > a.chosen.textLength ? b : a));
  if (best.chosen.textLength === 0) return null;
  const { page, stats, chosen } = best;
  const rootIndex = chosen.kept.length === 1 ? chosen.top : page.parent[chosen.top];
  return { root: page.els[rootIndex], includes: articleFilter(page, stats, rootIndex, chosen.kept) };
}

// ---------------------------------------------------------------------------------------------
// What inside the root is article prose

function articleFilter(page: Page, s: Stats, rootIndex: number, kept: number[]): (node: Node) => boolean {
  const keptSet = new Set(kept);
  const root = page.els[rootIndex];
  /** Per element: inside a kept piece and nothing on the way up to it is removed or junk. */
  const verdicts = new Map<number, boolean>();
  const elementVerdict = (i: number): boolean => {
    const known = verdicts.get(i);
    if (known !== undefined) return known;
    let v: boolean;
    if (s.removed[i]) v = false;
    else if (keptSet.has(i)) v = true;
    else if (i === rootIndex || page.parent[i] < 0) v = false;
    else v = !isJunk(page, s, i) && elementVerdict(page.parent[i]);
    verdicts.set(i, v);
    return v;
  };
  const linkOnly = new Map<number, boolean>();
  // Element → index, for the elements read under the root (built on first use).
  let index: Map<Element, number> | null = null;
  return (node: Node): boolean => {
    const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
    if (!el || !root.contains(el)) return false;
    if (!index) {
      index = new Map();
      for (let j = rootIndex, end = rootIndex + page.size[rootIndex]; j < end; j++) index.set(page.els[j], j);
    }
    let i = index.get(el);
    // Elements the page added after the walk, or inside removed blocks that were not read:
    // judged by their nearest known ancestor.
    for (let e: Element | null = el; i === undefined && e; e = e.parentElement) i = index.get(e);
    if (i === undefined || !elementVerdict(i)) return false;
    if (node.nodeType === 1) return true;
    // Text: not in a block made only of links (a list of related headlines, a nav strip).
    let block = i;
    while (block !== rootIndex && !BLOCKS.has(page.tag[block]) && page.parent[block] >= 0) block = page.parent[block];
    let only = linkOnly.get(block);
    if (only === undefined) {
      only = s.text[block] > 0 && s.links[block] >= 0.9 * s.text[block];
      linkOnly.set(block, only);
    }
    return !only;
  };
}

/** Would Readability's _prepArticle or the junk rules on top of it drop this element? */
function isJunk(page: Page, s: Stats, i: number): boolean {
  if (JUNK_TAGS.has(page.tag[i]) || cleaned(page, s, i)) return true;
  if (page.names[i].junk && !isProse(s, i)) return true;
  // A block that says only "Advertisement" or "Loading…" (Readability's adWords/loadingWords).
  return s.text[i] > 0 && s.text[i] <= 20 && AD_OR_LOADING.test((page.els[i].textContent ?? '').trim());
}

/**
 * Several paragraphs of text that is not mostly links: article prose, whatever the class says.
 * Junk names are matched inside class names, so a wrapper such as NY Post's
 * `entry-content entry-content-read-more` ("read-more") would otherwise drop the whole story;
 * the boxes those names are for (captions, bylines, related links, share bars, newsletter forms)
 * are short or made of links.
 */
function isProse(s: Stats, i: number): boolean {
  return s.pCount[i] >= 3 && s.text[i] >= 500 && linkDensity(s, i) < 0.25;
}

const AD_OR_LOADING = /^(ad(vertising|vertisement)?|pub(licité)?|werb(ung)?|广告|Реклама|Anuncio|(loading|正在加载|Загрузка|chargement|cargando)(…|\.\.\.)?)$/iu;

/** Would Readability's _prepArticle drop this element from the article? */
function cleaned(page: Page, s: Stats, i: number): boolean {
  const tag = page.tag[i];
  const names = page.names[i];
  if (PREP_REMOVED.has(tag)) return true;
  if (names.share && s.text[i] < 500) return true;
  if ((tag === 'h1' || tag === 'h2') && names.weight < 0) return true;
  return CLEANED.has(tag) && cleanedConditionally(page, s, i);
}

/** Readability's _cleanConditionally for one form, fieldset, table, ul or div. */
function cleanedConditionally(page: Page, s: Stats, i: number): boolean {
  const tag = page.tag[i];
  // A div that Readability turned into a <p> is no longer a div.
  if (tag === 'div' && s.pLike[i]) return false;
  if (tag === 'table' && isDataTable(page, i)) return false;
  for (let a = page.parent[i]; a >= 0; a = page.parent[a]) if (page.tag[a] === 'table' && isDataTable(page, a)) return false;
  if (near(page, i, 'code')) return false;
  if (s.hasData[i]) return false;
  const weight = page.names[i].weight;
  if (weight < 0) return true;
  if (s.commas[i] >= 10) return false;
  const text = s.text[i];
  const isList = tag === 'ul' || tag === 'ol' || (text > 0 && s.listText[i] / text > 0.9);
  const p = s.pCount[i];
  const img = s.imgCount[i];
  const li = s.liCount[i] - 100;
  const input = s.inputCount[i];
  const headingDensity = text ? s.headingText[i] / text : 0;
  const embeds = s.embeds[i];
  if (embeds > 0) {
    // Videos are kept, whatever else the block holds.
    for (const e of page.els[i].querySelectorAll('object, embed, iframe')) if (isVideo(e)) return false;
  }
  const ld = linkDensity(s, i);
  const figure = near(page, i, 'figure');
  const remove =
    (!figure && img > 1 && p / img < 0.5) ||
    (!isList && li > p) ||
    input > Math.floor(p / 3) ||
    (!isList && !figure && headingDensity < 0.9 && text < 25 && (img === 0 || img > 2) && ld > 0) ||
    (!isList && weight < 25 && ld > 0.2) ||
    (weight >= 25 && ld > 0.5) ||
    (embeds === 1 && text < 75) ||
    embeds > 1;
  if (remove && isList && s.imgCount[i] === s.liCount[i] && s.liCount[i] > 0) return false;
  return remove;
}

const BYLINE = /byline|author|dateline|writtenby|p-author/i;

/** Whether the page's metadata names an author (then Readability keeps the byline element). */
function metadataByline(doc: Document): boolean {
  if (doc.querySelector('meta[name="author" i], meta[name="dc:creator" i], meta[name="dcterm:creator" i], meta[name="parsely-author" i], meta[property="author" i]')) return true;
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) if ((script.textContent ?? '').includes('"author"')) return true;
  return false;
}

const TOKEN = /\W+/g;

/** Words of the page title (document title and og:title), for Readability's title-header test. */
function titleTokens(doc: Document): Set<string> {
  const og = doc.querySelector('meta[property="og:title"], meta[name="twitter:title"]')?.getAttribute('content') ?? '';
  return new Set(`${doc.title ?? ''} ${og}`.toLowerCase().split(TOKEN).filter(Boolean));
}

/** Readability's _textSimilarity(title, heading). */
function similarity(title: Set<string>, heading: string): number {
  const tokens = heading.toLowerCase().split(TOKEN).filter(Boolean);
  if (!title.size || !tokens.length) return 0;
  const unique = tokens.filter((t) => !title.has(t));
  return 1 - unique.join(' ').length / tokens.join(' ').length;
}

