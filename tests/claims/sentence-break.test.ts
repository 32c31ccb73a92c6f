/**
 * utils/claims/sentence-break.ts against ICU (Node's Intl.Segmenter): its class table equals the
 * Unicode-property definitions, and its boundaries equal ICU's on random strings of tricky
 * characters and on every ground-truth paragraph of the corpus.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLASS_TABLE, sentenceEnds } from '../../utils/claims/sentence-break';
import { HAS_SHARED, SHARED_DIR } from '../shared-dir';
import { buildClassTable } from './sentence-break-classes';

const icu = new Intl.Segmenter('en', { granularity: 'sentence' });
const icuEnds = (s: string) => [...icu.segment(s)].map((x) => x.index + x.segment.length);

describe('sentenceEnds', () => {
  it('uses the class table compiled from the Unicode properties', () => {
    const built = buildClassTable();
    expect(CLASS_TABLE === built, `CLASS_TABLE is out of date; the new table is:\n${built}`).toBe(true);
  }, 60_000);

  it.each([
    ['Dr. Smith said so. It did.'],
    ['The U.S. Army left. Then “It is big.” he said! Really?! Yes… no.'],
    ['It costs $3.50 per item, i.e. cheap. 2,000 units sold. etc. and more.'],
    ['Quote: “Stop.” (He left.) [Done.] Next'],
    ['日本語の文です。次の文です！ العربية؟ نعم.'],
    ['Emoji 🙂. Next\u2028line. Last\r\nline'],
  ])('splits like ICU: %s', (s) => {
    expect(sentenceEnds(s)).toEqual(icuEnds(s));
  });

  it('splits like ICU on 100,000 random strings of tricky characters', () => {
    const alphabet = ['a', 'b', 'A', 'B', ' ', ' ', '.', '.', '!', '?', '"', "'", '(', ')', '“', '”', '’', '1', '2', ',', ';', ':', '-', '–', '…', '\u00a0', '\u0301', '\u00ad', '。', '日', 'é', 'É', '\u2028', '\r', '🙂', '\u200b', '\u200d', '«', '»', '١', '؟', '、', 'ǅ', '\u2024', '\uff0e', '\t', 'ß', 'ª'];
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const bad: string[] = [];
    for (let k = 0; k < 100_000; k++) {
      let s = '';
      for (let i = 1 + Math.floor(rnd() * 14); i > 0; i--) s += alphabet[Math.floor(rnd() * alphabet.length)];
      if (sentenceEnds(s).join() !== icuEnds(s).join()) bad.push(JSON.stringify(s));
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it.skipIf(!HAS_SHARED)('splits like ICU on every ground-truth paragraph of the corpus', () => {
    const paragraphs = JSON.parse(readFileSync(resolve(SHARED_DIR, 'corpus/gt-paragraphs.json'), 'utf8')) as Record<string, string[]>;
    let lines = 0;
    const bad: string[] = [];
    for (const list of Object.values(paragraphs)) {
      for (const p of list) {
        for (const line of p.split('\n')) {
          lines++;
          if (sentenceEnds(line).join() !== icuEnds(line).join()) bad.push(line.slice(0, 120));
        }
      }
    }
    expect(lines).toBeGreaterThan(3000);
    expect(bad.slice(0, 10)).toEqual([]);
  });
});
