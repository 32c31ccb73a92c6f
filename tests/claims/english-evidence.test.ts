/**
 * `englishEvidence` counts with regex scans; it must give exactly what the per-character loop it
 * replaced gave (kept here as the reference), on random text from every script and on text with
 * surrogate pairs and lone surrogates.
 */
import { describe, expect, it } from 'vitest';
import { englishEvidence } from '../../utils/claims/article-root';

const STOP = new Set(
  'the of and to in a is that for it on was with as by at be this are from or have an has not but were which their they he she his her been who will would its more about after also said than into'.split(' '),
);

function reference(text: string): { stopwordShare: number; latinShare: number; words: number } {
  const sample = text.slice(0, 12000);
  let letters = 0;
  let latin = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f)) {
      letters++;
      latin++;
    } else if (c > 0x2af && (c < 0x2000 || c > 0x206f) && /\p{L}/u.test(sample[i])) letters++;
  }
  const words = sample.toLowerCase().match(/[a-z\u00c0-\u024f']+/g) ?? [];
  let stop = 0;
  for (const w of words.slice(0, 1500)) if (STOP.has(w)) stop++;
  const n = Math.min(words.length, 1500);
  return { stopwordShare: n ? stop / n : 0, latinShare: letters ? latin / letters : 0, words: n };
}

/** Deterministic pseudo-random generator (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('englishEvidence', () => {
  it('matches the per-character reference on mixed-script random text', () => {
    const random = rng(42);
    const ranges: [number, number][] = [
      [0x20, 0x7e], [0xa0, 0x2ff], [0x370, 0x52f], [0x600, 0x6ff], [0x900, 0x97f], [0x1e00, 0x1fff],
      [0x2000, 0x2070], [0x2070, 0x24ff], [0x3000, 0x30ff], [0x4e00, 0x4fff], [0xac00, 0xad00], [0xd800, 0xdfff], [0xff00, 0xffff],
    ];
    const words = ['the', 'of', 'and', 'said', 'Claim', 'été', 'über', "don't", 'ΑΒΓ', 'слово', '中文', '😀', 'ʰʲ'];
    for (let round = 0; round < 300; round++) {
      let text = '';
      const len = Math.floor(random() * 400);
      for (let i = 0; i < len; i++) {
        if (random() < 0.3) text += words[Math.floor(random() * words.length)] + ' ';
        else {
          const [a, b] = ranges[Math.floor(random() * ranges.length)];
          text += String.fromCharCode(a + Math.floor(random() * (b - a + 1)));
        }
      }
      expect(englishEvidence(text), JSON.stringify(text)).toEqual(reference(text));
    }
  });

  it('matches the reference on word soup of stopwords and near-stopwords', () => {
    const random = rng(7);
    const vocab = ['the', 'a', 'an', 'and', 'ann', 'their', 'thei', 'them', "it's", 'its', 'it', 'he', 'she', 'her', 'hers', 'into', 'in', 'to', 'A', 'The', 'été', 'said', 'saids'];
    const gaps = [' ', '  ', ', ', '\n', '-', "'", '', '. ', '“', '1'];
    for (let round = 0; round < 300; round++) {
      let text = '';
      const len = Math.floor(random() * 2500);
      for (let i = 0; i < len; i++) text += vocab[Math.floor(random() * vocab.length)] + gaps[Math.floor(random() * gaps.length)];
      expect(englishEvidence(text), text.slice(0, 200)).toEqual(reference(text));
    }
  });

  it('matches the reference on long text (the 12,000-character sample and the 1,500-word cap)', () => {
    const text = 'The claim was said to be true, and the figures 𝐀𝐁 show ʰ “that” — über — 中文 of it. '.repeat(400);
    expect(englishEvidence(text)).toEqual(reference(text));
    expect(englishEvidence('')).toEqual(reference(''));
  });
});
