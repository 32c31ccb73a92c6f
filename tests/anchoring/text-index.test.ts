import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { buildTextIndex, normalizeText, type TextIndex } from '../../utils/anchoring/text-index';

// The index must behave the same in the unit-test DOM (happy-dom) and in jsdom (corpus, bench).
// happy-dom: use the window's own document; Ranges of a DOMParser document silently collapse
// (happy-dom 21 compares the node's ownerDocument with the window document in setStart/setEnd).
const jsdomParser = new (new JSDOM('').window.DOMParser)();
const PARSERS: [string, (body: string) => Document][] = [
  [
    'happy-dom',
    (body) => {
      document.head.innerHTML = '<title>T</title>';
      document.body.innerHTML = body;
      return document;
    },
  ],
  ['jsdom', (body) => jsdomParser.parseFromString(`<!doctype html><html><head><title>T</title></head><body>${body}</body></html>`, 'text/html')],
];

describe('normalizeText', () => {
  it('collapses whitespace runs (newlines, tabs, nbsp) to one space and trims', () => {
    expect(normalizeText('  a\n\t b\u00A0\u00A0c  ')).toBe('a b c');
  });
  it('removes soft hyphens and zero-width characters', () => {
    expect(normalizeText('fac\u00ADt\u200B-che\u200Cck\u200D\uFEFF\u2060ed')).toBe('fact-checked');
  });
  it('keeps edge spaces with trim: false (context strings)', () => {
    expect(normalizeText(' the end.\n', { trim: false })).toBe(' the end. ');
  });
  it('is idempotent', () => {
    const s = normalizeText(' x \u00AD y\u00A0\n z ');
    expect(normalizeText(s)).toBe(s);
  });
});

describe.each(PARSERS)('buildTextIndex (%s)', (_name, parse) => {
  const index = (body: string, opts?: Parameters<typeof buildTextIndex>[1]) =>
    buildTextIndex(parse(body).body, opts);

  it('collapses whitespace across text nodes and trims the ends', () => {
    expect(index('\n  <p>  Hello \n\t world  </p>\n  ').text).toBe('Hello world');
    expect(index('<span>a </span> <span> b</span>').text).toBe('a b');
  });

  it('turns nbsp into a space and drops soft hyphens and zero-width chars', () => {
    expect(index('<p>10&nbsp;000 peo&shy;ple, zero\u200Bwidth</p>').text).toBe('10 000 people, zerowidth');
  });

  it('keeps a word split by inline markup whole', () => {
    expect(index('<p>a <b>fa</b>ct<i>-check</i>ed claim</p>').text).toBe('a fact-checked claim');
  });

  it('separates blocks and <br> so words of adjacent blocks do not glue', () => {
    expect(index('<p>end</p><p>start</p><div>one<br>two</div><ul><li>x</li><li>y</li></ul>').text).toBe(
      'end start one two x y',
    );
    expect(index('<h2>Title</h2>Body<table><tr><td>a</td><td>b</td></tr></table>').text).toBe('Title Body a b');
  });

  it('skips script, style, noscript, template, textarea and hidden subtrees', () => {
    const idx = index(
      '<p>Visible one.</p><script>var x = "Visible one.";</script><style>p{}</style>' +
        '<noscript>no js</noscript><template><p>tpl</p></template><textarea>typed</textarea>' +
        '<div hidden>hidden attr</div><div style="color: red; display : none">inline none</div>' +
        '<p>Visible two.</p>',
    );
    expect(idx.text).toBe('Visible one. Visible two.');
  });

  it('keeps hidden="until-found" (findable) and aria-hidden text', () => {
    expect(index('<div hidden="until-found">found</div><span aria-hidden="true">deco</span>').text).toBe('found deco');
  });

  it('lets the browser pass its own visibility test', () => {
    const idx = index('<p>keep</p><p class="sr-only">drop</p>', { isHidden: (el) => el.classList.contains('sr-only') });
    expect(idx.text).toBe('keep');
  });

  it('does not index a JSON copy of the article in a script', () => {
    const article = 'The minister said the talks failed on Thursday.';
    const idx = index(`<script type="application/ld+json">{"articleBody": "${article}"}</script><p>${article}</p>`);
    expect(idx.text).toBe(article);
  });

  it('is empty for a root without visible text', () => {
    const idx = index('<script>1</script>  ');
    expect(idx.text).toBe('');
    expect(idx.nodeAt(0)).toBeNull();
    expect(() => idx.toRange(0, 0)).toThrow(RangeError);
  });

  describe('offsets ↔ DOM', () => {
    const html =
      '<p id="a">Ukrainian  Foreign\nMinister <b>Dmy</b>tro Ku&shy;leba</p><script>"x"</script><p id="b">met Lavrov<br>in Antalya.</p>';
    let idx: TextIndex;
    const at = (s: string) => idx.text.indexOf(s);

    it('maps every char back to the DOM (toRange text = index text)', () => {
      idx = index(html);
      expect(idx.text).toBe('Ukrainian Foreign Minister Dmytro Kuleba met Lavrov in Antalya.');
      for (const word of ['Ukrainian', 'Foreign Minister', 'Dmytro', 'Kuleba', 'Minister Dmytro Kuleba']) {
        const s = at(word);
        expect(normalizeText(idx.toRange(s, s + word.length).toString())).toBe(word);
      }
      // A <br> is a boundary in the index but has no text in the DOM.
      const s = at('met Lavrov in');
      expect(idx.toRange(s, s + 'met Lavrov in'.length).toString()).toBe('met Lavrovin');
    });

    it('nodeAt gives the point before a char, or after the previous one', () => {
      idx = index(html);
      const s = at('Dmytro');
      const start = idx.nodeAt(s)!;
      expect(start.node.data).toBe('Dmy');
      expect(start.offset).toBe(0);
      const end = idx.nodeAt(s + 3, 'end')!;
      expect(end.node.data).toBe('Dmy');
      expect(end.offset).toBe(3);
      expect(idx.nodeAt(s + 3)!.node.data).toBe('tro Ku\u00ADleba');
      expect(idx.nodeAt(idx.text.length)!.offset).toBe('in Antalya.'.length);
    });

    it('fromRange inverts toRange, also across collapsed whitespace and removed chars', () => {
      idx = index(html);
      for (let s = 0; s < idx.text.length; s += 3) {
        for (const e of [s + 1, s + 7, idx.text.length]) {
          if (e > idx.text.length) continue;
          const r = idx.fromRange(idx.toRange(s, e));
          expect(idx.text.slice(r.start, r.end).trim()).toBe(idx.text.slice(s, e).trim());
        }
      }
    });

    it('fromRange snaps element containers and skipped nodes to indexed text', () => {
      const doc = parse(html);
      idx = buildTextIndex(doc.body);
      const a = doc.getElementById('a')!;
      const b = doc.getElementById('b')!;
      const script = doc.querySelector('script')!;
      // Whole paragraph a, by element boundaries.
      let r = idx.fromRange({ startContainer: a, startOffset: 0, endContainer: a, endOffset: a.childNodes.length });
      expect(idx.text.slice(r.start, r.end)).toBe('Ukrainian Foreign Minister Dmytro Kuleba');
      // From inside the script to the middle of b: starts at b's text.
      r = idx.fromRange({ startContainer: script.firstChild!, startOffset: 1, endContainer: b.firstChild!, endOffset: 3 });
      expect(idx.text.slice(r.start, r.end)).toBe('met');
      // A range that lies entirely in the script is empty, not negative.
      r = idx.fromRange({ startContainer: script.firstChild!, startOffset: 0, endContainer: script.firstChild!, endOffset: 1 });
      expect(r.end).toBe(r.start);
      // Body boundaries cover everything.
      r = idx.fromRange({ startContainer: doc.body, startOffset: 0, endContainer: doc.body, endOffset: doc.body.childNodes.length });
      expect(r).toEqual({ start: 0, end: idx.text.length });
    });

    it('fromRange clamps points outside the root', () => {
      const doc = parse(`<div id="before">x</div><main>${html}</main><div id="after">y</div>`);
      idx = buildTextIndex(doc.querySelector('main')!);
      const r = idx.fromRange({
        startContainer: doc.getElementById('before')!.firstChild!,
        startOffset: 0,
        endContainer: doc.getElementById('after')!,
        endOffset: 1,
      });
      expect(r).toEqual({ start: 0, end: idx.text.length });
    });
  });

  it('agrees with normalizeText on inline-only markup', () => {
    const html = '<p>Kuleba  said:\n“We <em>did not</em> agree&nbsp;on a cease\u00ADfire.”</p>';
    const doc = parse(html);
    expect(buildTextIndex(doc.body).text).toBe(normalizeText(doc.body.textContent!));
  });
});
