/**
 * Claim detection on real article pages (../shared/corpus, AEB collection): every flagged sentence
 * should lie inside the human-annotated article text, i.e. navigation, related links, comments and
 * footers are never flagged. Target: ≥ 98 % of flagged sentences inside the ground truth.
 * Pages are parsed with linkedom (jsdom 29 throws on some pages' stylesheets); ~15 s for 50 pages.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { findArticle } from '../../utils/claims/article-root';
import { blockText } from '../../utils/claims/block-text';
import { detectClaims } from '../../utils/claims/detect';
import { HAS_SHARED, SHARED_DIR } from '../shared-dir';

const CORPUS = resolve(SHARED_DIR, 'corpus');
/** Whitespace- and quote-style-insensitive: the ground truth's spacing is not the page's. */
const norm = (s: string) =>
  s.replace(/\s+/g, '').replace(/[“”″]/g, '"').replace(/[‘’′]/g, "'").replace(/[–—]/g, '-');

interface Page {
  id: string;
  file: string;
  collection: string;
  lang_guess?: string;
}

describe.skipIf(!HAS_SHARED)('claims on AEB corpus pages', () => {
  it('flags sentences inside the ground-truth article text (≥ 98 %)', () => {
    const manifest = JSON.parse(readFileSync(resolve(CORPUS, 'manifest.json'), 'utf8')) as { pages: Page[] };
    const truth = JSON.parse(readFileSync(resolve(CORPUS, 'aeb/ground-truth.json'), 'utf8')) as Record<string, { articleBody: string }>;
    const pages = manifest.pages.filter((p) => p.collection !== 'readability');
    expect(pages.length).toBe(50);
    let flagged = 0;
    let inside = 0;
    let scanned = 0;
    const outside: string[] = [];
    for (const page of pages) {
      const id = page.file.split('/').pop()!.replace(/\.html$/, '');
      const { document } = parseHTML(readFileSync(resolve(CORPUS, page.file), 'utf8'));
      const found = findArticle(document as unknown as Document);
      if (!found.root) continue;
      scanned++;
      const body = norm(truth[id].articleBody);
      for (const c of detectClaims(blockText(found.root, found.includes))) {
        flagged++;
        if (body.includes(norm(c.text))) inside++;
        else outside.push(`${page.id}: ${c.text.slice(0, 100)}`);
      }
    }
    const share = inside / flagged;
    console.log(`AEB: ${scanned} English article pages scanned, ${flagged} sentences flagged, ${inside} inside ground truth (${(share * 100).toFixed(1)} %)`);
    expect(scanned).toBeGreaterThanOrEqual(40);
    expect(flagged).toBeGreaterThan(300);
    expect(share, outside.join('\n')).toBeGreaterThanOrEqual(0.98);
  });

  it('keeps each English page\'s story in the article text (most of its ground-truth paragraphs)', () => {
    const manifest = JSON.parse(readFileSync(resolve(CORPUS, 'manifest.json'), 'utf8')) as { pages: Page[] };
    const paragraphs = JSON.parse(readFileSync(resolve(CORPUS, 'gt-paragraphs.json'), 'utf8')) as Record<string, string[]>;
    const thin: string[] = [];
    let found = 0;
    let total = 0;
    for (const page of manifest.pages.filter((p) => p.collection !== 'readability' && p.lang_guess === 'en')) {
      const { document } = parseHTML(readFileSync(resolve(CORPUS, page.file), 'utf8'));
      const article = findArticle(document as unknown as Document);
      if (!article.root) continue;
      const text = norm(blockText(article.root, article.includes));
      const gt = paragraphs[page.file] ?? [];
      const kept = gt.filter((p) => text.includes(norm(p))).length;
      found += kept;
      total += gt.length;
      // A wrapper whose class merely contains a junk word ("entry-content-read-more") once dropped a whole story.
      if (kept < gt.length / 2) thin.push(`${page.id}: ${kept}/${gt.length}`);
    }
    expect(thin).toEqual([]);
    expect(found / total).toBeGreaterThanOrEqual(0.98);
  });

  it('skips the non-English pages', () => {
    const manifest = JSON.parse(readFileSync(resolve(CORPUS, 'manifest.json'), 'utf8')) as { pages: Page[] };
    for (const id of ['readability/lemonde-1', 'readability/heise', 'readability/yahoo-4', 'readability/pixnet', 'readability/nytimes-5']) {
      const page = manifest.pages.find((p) => p.id === id)!;
      const { document } = parseHTML(readFileSync(resolve(CORPUS, page.file), 'utf8'));
      const found = findArticle(document as unknown as Document);
      expect(found.root, id).toBeNull();
      expect(found.skipped, id).toMatch(/English-only/);
    }
  });
});
