/**
 * `npx tsx bench/article-root-quality.ts [--pages]`: the live-DOM article finder (utils/claims/article-root.ts)
 * against the Readability-based one it replaced (utils/claims/readability-root.ts) on the 95
 * corpus pages (../shared/corpus), in the same run:
 * - pages scanned (English article found) and pages that disagree on being skipped;
 * - flagged sentences and how many lie inside the ground truth (AEB: the human-labelled article
 *   body, the suite's ≥ 98 % bar; Readability pages: Readability's expected.html);
 * - ground-truth paragraphs recovered in the article text (recall);
 * - time per page in Node + linkedom (the browser figures are in bench/browser.ts).
 * `--pages` also prints every page where the two differ.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { findArticle, type ArticleResult } from '../utils/claims/article-root';
import { blockText } from '../utils/claims/block-text';
import { detectClaims } from '../utils/claims/detect';
import { findArticleReadability } from '../utils/claims/readability-root';
import { HAS_SHARED, SHARED_DIR } from '../tests/shared-dir';
import { formatTable, median, type BenchTable } from './report';

const norm = (s: string) => s.replace(/\s+/g, '').replace(/[“”″]/g, '"').replace(/[‘’′]/g, "'").replace(/[–—]/g, '-');

interface Tally {
  scanned: number;
  flagged: number;
  inside: number;
  gtParas: number;
  gtFound: number;
  ms: number[];
}
const tally = (): Tally => ({ scanned: 0, flagged: 0, inside: 0, gtParas: 0, gtFound: 0, ms: [] });

export function benchArticleRootQuality(showPages = false): BenchTable[] {
  if (!HAS_SHARED) return [];
  const corpus = resolve(SHARED_DIR, 'corpus');
  const manifest = JSON.parse(readFileSync(resolve(corpus, 'manifest.json'), 'utf8')) as { pages: { id: string; file: string; collection: string; ground_truth?: { file?: string } }[] };
  const truth = JSON.parse(readFileSync(resolve(corpus, 'aeb/ground-truth.json'), 'utf8')) as Record<string, { articleBody: string }>;
  const gtParagraphs = JSON.parse(readFileSync(resolve(corpus, 'gt-paragraphs.json'), 'utf8')) as Record<string, string[]>;
  const finders: [string, (d: Document) => ArticleResult][] = [
    ['readability (clone)', (d) => findArticleReadability(d)],
    ['live scorer', (d) => findArticle(d)],
  ];
  const byCollection = new Map<string, Tally[]>();
  const diffs: string[] = [];
  for (const page of manifest.pages) {
    const html = readFileSync(resolve(corpus, page.file), 'utf8');
    const { document } = parseHTML(html);
    const doc = document as unknown as Document;
    let body: string;
    if (page.collection === 'readability') {
      const { document: expected } = parseHTML(`<html><body>${readFileSync(resolve(corpus, page.ground_truth!.file!), 'utf8')}</body></html>`);
      body = norm((expected as unknown as Document).body.textContent ?? '');
    } else {
      body = norm(truth[page.file.split('/').pop()!.replace(/\.html$/, '')].articleBody);
    }
    const paras = (gtParagraphs[page.file] ?? []).map(norm);
    const key = page.collection === 'readability' ? 'Readability pages (45)' : 'AEB pages (50)';
    const tallies = byCollection.get(key) ?? finders.map(tally);
    byCollection.set(key, tallies);
    const summary: string[] = [];
    finders.forEach(([, find], f) => {
      const t = tallies[f];
      const started = performance.now();
      const found = find(doc);
      t.ms.push(performance.now() - started);
      if (!found.root) {
        summary.push(`skipped (${found.skipped})`);
        return;
      }
      t.scanned++;
      const text = blockText(found.root, found.includes);
      const flat = norm(text);
      let inside = 0;
      const claims = detectClaims(text);
      for (const c of claims) if (body.includes(norm(c.text))) inside++;
      t.flagged += claims.length;
      t.inside += inside;
      const got = paras.filter((p) => flat.includes(p)).length;
      t.gtParas += paras.length;
      t.gtFound += got;
      summary.push(`${found.root.localName}${found.root.id ? '#' + found.root.id : ''} flagged ${claims.length} (${claims.length - inside} outside) gt ${got}/${paras.length}`);
    });
    if (summary[0] !== summary[1]) diffs.push(`${page.id}\n   old: ${summary[0]}\n   new: ${summary[1]}`);
  }
  const rows: (string | number)[][] = [];
  for (const [key, tallies] of byCollection) {
    tallies.forEach((t, f) =>
      rows.push([key, finders[f][0], t.scanned, t.flagged, t.inside, `${((100 * t.inside) / Math.max(1, t.flagged)).toFixed(1)} %`, `${t.gtFound}/${t.gtParas}`, median(t.ms)]),
    );
  }
  if (showPages) console.log(diffs.join('\n') + '\n');
  return [
    {
      title: 'Article root: live-DOM scorer vs the Readability-based finder (corpus pages)',
      environment: `Node ${process.version} + linkedom`,
      columns: ['pages', 'finder', 'scanned', 'flagged', 'inside ground truth', 'share', 'GT paragraphs in article text', 'ms per page (median)'],
      rows,
      notes: [`${diffs.length} of ${manifest.pages.length} pages differ in root, flags or recall (--pages lists them).`, 'Suite bar (tests/corpus): AEB share ≥ 98 %.'],
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const t of benchArticleRootQuality(process.argv.includes('--pages'))) console.log(formatTable(t));
}
