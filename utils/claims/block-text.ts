/**
 * Visible text of an element with one "\n" between blocks — a stand-in for the anchoring text
 * index (`buildTextIndex(root).text` in utils/anchoring) for Node tools (the scan CLI, the corpus
 * suite) that need only the text, not Ranges. Same conventions: script/style/noscript/template and
 * `hidden` subtrees are skipped, whitespace runs become one space, nbsp becomes a space, soft
 * hyphens are removed, and block elements and <br> end a line.
 */

/** Subtrees whose text is never visible (shared with the article root's language sample). */
export const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'SVG', 'CANVAS', 'SELECT', 'TEXTAREA', 'BUTTON']);
/** Elements that end a line. */
export const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN',
  'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
  'CAPTION', 'BR', 'CENTER',
]);

/** `include` (e.g. ArticleResult.includes) drops the text nodes for which it returns false. */
export function blockText(root: Element, include?: (node: Node) => boolean): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      if (!include || include(node)) parts.push((node as Text).data);
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    const tag = el.tagName.toUpperCase();
    if (SKIP.has(tag) || el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return;
    const block = BLOCK.has(tag);
    if (block) parts.push('\n');
    for (let c = el.firstChild; c; c = c.nextSibling) walk(c);
    if (block) parts.push('\n');
  };
  walk(root);
  return normalise(parts.join(''));
}

function normalise(s: string): string {
  return s
    .replace(/\u00ad/g, '')
    .replace(/[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ')
    .replace(/ *\n[ \n]*/g, '\n')
    .trim();
}
