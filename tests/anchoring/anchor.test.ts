import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { anchorMany, anchorSelectors } from '../../utils/anchoring/anchor';
import { CONTEXT_LENGTH, describeOffsets, describeRange } from '../../utils/anchoring/describe';
import { buildTextIndex, normalizeText, type TextIndex } from '../../utils/anchoring/text-index';
import type { Selector, TextQuoteSelector } from '../../utils/model/annotation';

const SEED = readFileSync(resolve(import.meta.dirname, '../fixtures/seed-article/index.html'), 'utf8');

/** Load body HTML into the happy-dom document (see text-index.test.ts for why not DOMParser). */
function page(html: string): TextIndex {
  document.body.innerHTML = html;
  return buildTextIndex(document.body);
}

function describeText(index: TextIndex, quote: string, nth = 0): Selector[] {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = index.text.indexOf(quote, at + 1);
  expect(at).toBeGreaterThanOrEqual(0);
  return describeRange(index, index.toRange(at, at + quote.length));
}

function quoteOf(sels: Selector[]): TextQuoteSelector {
  return sels.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector')!;
}

describe('describe → anchor round trip on the seed article', () => {
  let index: TextIndex;
  beforeEach(() => {
    document.documentElement.innerHTML = SEED.replace(/^<!doctype html>/i, '');
    index = buildTextIndex(document.body);
  });

  it('indexes the visible article, not the head or styles', () => {
    expect(index.text).toContain('Turkey-Hosted Ukraine-Russia Talks Stall, but May Resume');
    expect(index.text).not.toContain('font: 18px');
  });

  it('re-anchors every sentence exactly', () => {
    const sentences = index.text.split(/(?<=[.!?])\s+/).filter((s) => s.length > 20);
    expect(sentences.length).toBeGreaterThan(10);
    const notes = sentences.map((s) => describeRange(index, index.toRange(index.text.indexOf(s), index.text.indexOf(s) + s.length)));
    const anchors = anchorMany(index, notes);
    anchors.forEach((a, i) => {
      expect(a).not.toBeNull();
      expect(a!.exact).toBe(true);
      expect(a!.matchedText).toBe(sentences[i]);
      expect(a!.score).toBeCloseTo(1, 5);
    });
  });

  it('re-anchors after a reload that changed whitespace and markup', () => {
    const quote = 'failed to reach an agreement on almost everything';
    const sels = describeText(index, quote);
    const html = document.body.innerHTML.replace('failed to reach', 'failed\n   to <em>re</em>ach');
    const after = page(html);
    const a = anchorSelectors(after, sels);
    expect(a).toMatchObject({ exact: true, matchedText: quote });
    expect(normalizeText(after.toRange(a!.start, a!.end).toString())).toBe(quote);
  });
});

describe('describeRange', () => {
  it('gives a quote with 32 chars of context and the position, trimmed of edge spaces', () => {
    const index = page(`<p>${'a'.repeat(40)} The claim itself. ${'b'.repeat(40)}</p>`);
    const s = index.text.indexOf(' The claim');
    const sels = describeRange(index, index.toRange(s, s + ' The claim itself. '.length));
    expect(sels).toEqual([
      { type: 'TextQuoteSelector', exact: 'The claim itself.', prefix: `${'a'.repeat(CONTEXT_LENGTH - 1)} `, suffix: ` ${'b'.repeat(CONTEXT_LENGTH - 1)}` },
      { type: 'TextPositionSelector', start: s + 1, end: s + 1 + 'The claim itself.'.length },
    ]);
  });

  it('describes a selection made of element boundaries', () => {
    const index = page('<p id="x">Only <b>this</b> paragraph.</p><p>Next.</p>');
    const p = document.getElementById('x')!;
    const range = document.createRange();
    range.selectNodeContents(p);
    expect(quoteOf(describeRange(index, range)).exact).toBe('Only this paragraph.');
  });

  it('returns no selectors for an empty or whitespace-only range', () => {
    const index = page('<p>One.</p>   <p>Two.</p>');
    expect(describeOffsets(index.text, 4, 4)).toEqual([]);
    expect(describeOffsets(index.text, 4, 5)).toEqual([]);
  });
});

describe('anchorSelectors', () => {
  const ARTICLE =
    '<p>Kuleba and Lavrov met in Antalya on Thursday.</p>' +
    '<figure><div></div><figcaption>Photo: Turkish Foreign Ministry</figcaption></figure>' +
    '<p>The talks failed to agree on a ceasefire, both ministers said.</p>' +
    '<figure><div></div><figcaption>Photo: Turkish Foreign Ministry</figcaption></figure>' +
    '<p>Turkey said it would keep trying to mediate.</p>';

  it('disambiguates a repeated quote by its context', () => {
    const index = page(ARTICLE);
    const sels = describeText(index, 'Photo: Turkish Foreign Ministry', 1);
    const second = index.text.lastIndexOf('Photo: Turkish Foreign Ministry');
    // Without the position selector the context alone decides.
    const a = anchorSelectors(index, sels.filter((s) => s.type === 'TextQuoteSelector'));
    expect(a?.start).toBe(second);
  });

  it('uses the position hint when repeated quotes share their context', () => {
    const index = page('<p>Advertisement</p>'.repeat(8));
    const sels = describeText(index, 'Advertisement', 3);
    expect(anchorSelectors(index, sels)?.start).toBe(3 * 'Advertisement '.length);
    // Without it, the middle ones are indistinguishable: orphan rather than guess.
    expect(anchorSelectors(index, [quoteOf(sels)])).toBeNull();
  });

  it('follows a quote whose position changed (words inserted before it)', () => {
    const index = page(ARTICLE);
    const quote = 'The talks failed to agree on a ceasefire, both ministers said.';
    const sels = describeText(index, quote);
    const after = page(ARTICLE.replace('<p>The talks', '<p>Update: a new paragraph was added here.</p><p>The talks'));
    expect(anchorSelectors(after, sels)).toMatchObject({ exact: true, matchedText: quote, start: after.text.indexOf(quote) });
  });

  it('re-anchors an edited quote and says the text changed', () => {
    const index = page(ARTICLE);
    const sels = describeText(index, 'The talks failed to agree on a ceasefire, both ministers said.');
    const after = page(ARTICLE.replace('both ministers said', 'both minsters said'));
    const a = anchorSelectors(after, sels);
    expect(a).toMatchObject({ exact: false, matchedText: 'The talks failed to agree on a ceasefire, both minsters said.' });
    expect(a!.score).toBeLessThan(1);
    expect(a!.score).toBeGreaterThan(0.6);
  });

  it('anchors to the edited visible text, not to an unedited copy in a script', () => {
    const quote = 'The talks failed to agree on a ceasefire, both ministers said.';
    const index = page(ARTICLE);
    const sels = describeText(index, quote);
    const json = `<script type="application/ld+json">{"articleBody": "${quote}"}</script>`;
    const after = page(json + ARTICLE.replace('a ceasefire', 'a cease-fire'));
    const a = anchorSelectors(after, sels);
    expect(a?.matchedText).toBe('The talks failed to agree on a cease-fire, both ministers said.');
  });

  it('orphans a deleted quote and a rewritten one', () => {
    const index = page(ARTICLE);
    const sels = describeText(index, 'The talks failed to agree on a ceasefire, both ministers said.');
    expect(anchorSelectors(page(ARTICLE.replace(/<p>The talks[^<]*<\/p>/, '')), sels)).toBeNull();
    expect(
      anchorSelectors(page(ARTICLE.replace(/<p>The talks[^<]*<\/p>/, '<p>Both ministers called the talks useful.</p>')), sels),
    ).toBeNull();
  });

  it('ignores a position selector that points outside the text', () => {
    const index = page(ARTICLE);
    const quote = quoteOf(describeText(index, 'Turkey said it would keep trying to mediate.'));
    for (const start of [-5, 10_000, 1.5]) {
      const a = anchorSelectors(index, [quote, { type: 'TextPositionSelector', start, end: start + 10 }]);
      expect(a?.matchedText).toBe('Turkey said it would keep trying to mediate.');
    }
  });

  it('never trusts a position selector alone', () => {
    const index = page(ARTICLE);
    expect(anchorSelectors(index, [{ type: 'TextPositionSelector', start: 0, end: 10 }])).toBeNull();
  });

  it('normalises imported selectors (whitespace, edge spaces moved into the context)', () => {
    const index = page(ARTICLE);
    const a = anchorSelectors(index, [
      { type: 'TextQuoteSelector', exact: ' Turkey  said it\nwould keep ', prefix: 'both ministers said.', suffix: 'trying to mediate.' },
    ]);
    expect(a?.matchedText).toBe('Turkey said it would keep');
  });

  it('anchors a batch independently: an orphan does not affect the others', () => {
    const index = page(ARTICLE);
    const ok = describeText(index, 'Turkey said it would keep trying to mediate.');
    const gone: Selector[] = [{ type: 'TextQuoteSelector', exact: 'This sentence was never on the page at all.' }];
    const [a, b, c] = anchorMany(index, [ok, gone, ok]);
    expect(a?.exact).toBe(true);
    expect(b).toBeNull();
    expect(c).toEqual(a);
  });
});
