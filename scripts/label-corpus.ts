/**
 * Pre-selects news sentences from ../shared/corpus for hand labelling (docs/claim-labelling-guidelines.md).
 *
 *   npx tsx scripts/label-corpus.ts [perPage=5] > candidates.tsv
 *
 * For every English page: article root (utils/claims/article-root) → block text → sentences
 * (utils/claims/segment, punctuated ones only), then a deterministic sample of `perPage` sentences
 * chosen by a hash of the text — NOT by the model's score, so the labelled set is not biased towards
 * what the model already believes. Output: `page<TAB>text`, one sentence a line. A person then reads
 * each sentence and writes its label into utils/claims/data/corpus-labels.tsv (text, label, page).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { findArticle } from '../utils/claims/article-root';
import { blockText } from '../utils/claims/block-text';
import { segmentSentences } from '../utils/claims/segment';
import { SHARED_DIR } from '../tests/shared-dir';

const CORPUS = resolve(SHARED_DIR, 'corpus');

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const perPage = Number(process.argv[2] ?? 5);
const manifest = JSON.parse(readFileSync(resolve(CORPUS, 'manifest.json'), 'utf8')) as { pages: { id: string; file: string }[] };
for (const page of manifest.pages) {
  const { document } = parseHTML(readFileSync(resolve(CORPUS, page.file), 'utf8'));
  const found = findArticle(document as unknown as Document);
  if (!found.root) continue;
  const sentences = segmentSentences(blockText(found.root, found.includes))
    .map((s) => s.text)
    .filter((t) => /[.!?"”’]$/.test(t) && t.length <= 400);
  const unique = [...new Set(sentences)];
  unique.sort((a, b) => hash(a) - hash(b));
  for (const text of unique.slice(0, perPage)) process.stdout.write(`${page.id}\t${text.replace(/\t/g, ' ')}\n`);
}
