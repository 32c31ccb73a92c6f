import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { articleRoot, findArticle, pageLanguage } from '../../utils/claims/article-root';
import { blockText } from '../../utils/claims/block-text';

const para = (s: string) => `<p>${s} ${s} ${s}</p>`;
const EN = 'The council said on Monday that the new budget would add 400 teachers to schools across the city, and that the money had been found by cutting the cost of consultants.';
const FR = 'Le conseil a annoncé lundi que le nouveau budget permettrait de recruter 400 enseignants dans les écoles de la ville, et que cet argent avait été trouvé en réduisant les frais.';

function page(body: string, lang = 'en') {
  return parseHTML(`<!doctype html><html lang="${lang}"><head><title>t</title></head><body>${body}</body></html>`).document as unknown as Document;
}

describe('findArticle', () => {
  it('finds the article element and leaves navigation, ads and footer out', () => {
    const doc = page(`<nav><a href="/">Home</a> <a href="/a">Politics</a></nav>
      <div class="ad">Advertisement: buy now for $9.99 only this week</div>
      <article id="story"><h1>Budget</h1>${para(EN)}${para(EN)}${para(EN)}
        <ul class="related"><li><a href="/x">Related: 5 things about the 2019 budget</a></li></ul></article>
      <footer>© 2024 News Corp. All rights reserved. 123 Main Street.</footer>`);
    const r = findArticle(doc);
    expect(r.root?.id).toBe('story');
    expect(articleRoot(doc)).toBe(r.root);
    const text = blockText(r.root!, r.includes);
    expect(text).toContain('400 teachers');
    expect(text).not.toContain('Related: 5 things');
    expect(text).not.toContain('Advertisement');
  });

  it('keeps a story whose wrapper class contains a junk word, and still drops the boxes such words name', () => {
    // Shaped like NY Post's story (`entry-content entry-content-read-more`); the page itself, where
    // the junk match once dropped the whole story, is in the corpus suite (tests/corpus).
    const doc = page(`<div class="article-wrapper"><div class="box article"><div class="article-header">
      <h1>Budget</h1><p class="byline">By Jane Doe</p>
      <div class="entry-content entry-content-read-more">${para(EN)}${para(EN)}${para(EN)}</div></div>
      <div class="read-more"><p><a href="/a">Read more: 5 things about the 2019 budget</a></p></div>
      <div class="author-bio"><p>Jane Doe has covered the city council for 12 years.</p></div></div></div>`);
    const r = findArticle(doc);
    const text = blockText(r.root!, r.includes);
    expect(text).toContain('400 teachers');
    expect(text).not.toContain('Read more: 5 things');
    expect(text).not.toContain('12 years');
  });

  it('leaves non-article pages alone', () => {
    const results = Array.from({ length: 10 }, (_, i) => `<li><a href="/r${i}">Result ${i}</a> <span>short snippet</span></li>`).join('');
    const r = findArticle(page(`<form><input name="q"></form><ol>${results}</ol>`));
    expect(r.root).toBeNull();
    expect(r.skipped).toMatch(/not an article/);
  });

  it('skips non-English pages with a reason', () => {
    const r = findArticle(page(`<article>${para(FR)}${para(FR)}${para(FR)}</article>`, 'fr'));
    expect(r.root).toBeNull();
    expect(r.language).toBe('fr');
    expect(r.skipped).toMatch(/English-only/);
  });

  it('trusts clearly English text over a wrong lang attribute', () => {
    const doc = page(`<article>${para(EN)}${para(EN)}</article>`, 'de');
    expect(pageLanguage(doc)).toBe('en');
  });

  it('never changes the page', () => {
    const doc = page(`<article id="a">${para(EN)}${para(EN)}${para(EN)}</article>`);
    const before = doc.documentElement.outerHTML;
    findArticle(doc);
    expect(doc.documentElement.outerHTML).toBe(before);
  });
});
