import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { HOSTILE_SNIPPETS, generateNotes } from '../../bench/generate-notes';
import { escapeMarkdownBlock, escapeMarkdownInline, exportMarkdown } from '../../utils/formats/markdown';
import type { Annotation } from '../../utils/model/annotation';

// The most permissive common renderer: raw HTML on, bare URLs linked, typographer off.
const md = new MarkdownIt({ html: true, linkify: true });
const render = (src: string) => {
  const doc = new DOMParser().parseFromString(`<body>${md.render(src)}</body>`, 'text/html');
  return doc.body;
};
/** Elements other than the allowed ones; a bare http(s) URL that GFM autolinks is allowed. */
const markup = (body: HTMLElement, allowed: string[]) =>
  [...body.querySelectorAll('*')]
    .filter((e) => !allowed.includes(e.tagName.toLowerCase()))
    .filter((e) => !(e.tagName === 'A' && /^https?:\/\//.test(e.getAttribute('href') ?? '') && e.textContent === e.getAttribute('href')))
    .map((e) => e.outerHTML);
const ws = (s: string) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').replace(/\s+/g, ' ').trim();

describe('Markdown escaping', () => {
  const nasty = [
    ...HOSTILE_SNIPPETS,
    '*not emphasis* and _not_ either', '<https://autolink.example>', '![img](https://x.example/i.png)', '[a]: https://ref.example',
    '# heading', '===', '---', '    indented code', '> quote', '+ item', '2) item', '&copy; &#169;', '~~strike~~', '\\*escaped\\*',
    '`code`', '<!-- comment -->', 'mail x@y.example', 'javascript:alert(1)', '[x](data:text/html,<script>1</script>)',
  ];

  it.each(nasty)('inline %j renders as its own text, with no markup', (s) => {
    const body = render(escapeMarkdownInline(s));
    expect(ws(body.textContent ?? '')).toBe(ws(s));
    expect(markup(body, ['p'])).toEqual([]);
  });

  it.each(nasty)('block %j renders as its own text, with no markup but line breaks', (s) => {
    const body = render(escapeMarkdownBlock(s));
    const text = s.split('\n').map((l) => l.replace(/^[ \t]+/, '')).join('\n');
    expect(ws(body.textContent ?? '')).toBe(ws(text));
    expect(markup(body, ['p', 'br'])).toEqual([]);
  });
});

describe('Markdown report', () => {
  const notes = generateNotes(300, 31, { pages: 12 });
  const settings = { authorName: 'Ana <b>R</b>', now: Date.UTC(2026, 10, 27) };
  const report = exportMarkdown(notes, settings);
  const body = render(report.content);

  it('is named and typed', () => {
    expect(report.filename).toBe('factmark-report-2026-11-27.md');
    expect(report.mime).toBe('text/markdown;charset=utf-8');
    expect(report.count).toBe(notes.filter((n) => !n.deleted).length);
  });

  it('contains only report structure: no HTML, images, code, tables or emphasis from user text', () => {
    const tags = new Set([...body.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()));
    for (const t of tags) expect(['h1', 'h2', 'h3', 'p', 'strong', 'a', 'ul', 'li', 'br']).toContain(t);
  });

  it('links only to http(s) URLs', () => {
    const hrefs = [...body.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '');
    expect(hrefs.length).toBeGreaterThan(300);
    for (const h of hrefs) expect(h).toMatch(/^https?:\/\//);
  });

  it('groups notes by page, one heading per page, in URL order', () => {
    const live = notes.filter((n) => !n.deleted);
    const pages = [...new Set(live.map((n) => n.pageUrl))].sort();
    const h2 = [...body.querySelectorAll('h2 a')].map((a) => a.getAttribute('href'));
    expect(h2).toEqual(pages);
    expect(body.querySelectorAll('h3')).toHaveLength(live.length);
  });

  it('shows every claim, note, source title, tag and the author as text', () => {
    const text = ws(body.textContent ?? '');
    for (const n of notes.filter((x) => !x.deleted).slice(0, 100)) {
      expect(text).toContain(ws(n.claim));
      for (const line of n.note.split('\n')) expect(text).toContain(ws(line));
      for (const s of n.sources) expect(text).toContain(ws(s.title ?? s.url));
      for (const t of n.tags) expect(text).toContain(t);
    }
    expect(text).toContain('by Ana <b>R</b>');
  });

  it('never links a non-http(s) source (e.g. a record written before validation)', () => {
    const a: Annotation = {
      id: '0b0e4b5e-8f3c-4b8a-9a51-1c2d3e4f5a6b', pageUrl: 'https://p.example/', pageTitle: '', selectors: [], claim: 'c', verdict: 'false', note: '',
      sources: [{ url: 'javascript:alert(1)', title: 'click me' }, { url: 'https://ok.example/(x)', title: 'ok' }], tags: [], created: 0, updated: 0, deleted: 0,
    };
    const b = render(exportMarkdown([a], {}).content);
    expect([...b.querySelectorAll('a')].map((x) => x.getAttribute('href'))).toEqual(['https://p.example/', 'https://ok.example/(x)']);
    expect(b.textContent).toContain('click me (link omitted: "javascript:" URLs are not allowed (only http and https))');
  });
});
