/**
 * Seeded generators for tests and benchmarks: notes with every field, known claims, and article
 * pages that repeat some of those claims with edits. Pure (no Node or browser API), so the
 * browser harness can import it and measure the same workloads in Chromium.
 */
import { VERDICTS, type Annotation, type Selector, type Source, type Verdict } from '../utils/model/annotation';
import type { KnownClaim } from '../utils/known-claims/types';
import { rng } from '../utils/claims/metrics';

/** mulberry32: the claims code's seeded PRNG (period 2^32), good enough for test data. */
export const mulberry32 = rng;

export type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

export function uuid4(rng: Rng): string {
  const h = Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16));
  h[12] = '4';
  h[16] = ((parseInt(h[16], 16) & 3) | 8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

// ---------------------------------------------------------------------------------------------
// A Zipf-distributed vocabulary: real function words at the top, made-up content words below,
// so common bigrams ("of the") are as common as in news text and rare ones are rare.

const FUNCTION_WORDS = (
  'the of and to a in is that for it was on with as he be at by this had not are but from or have ' +
  'an they which one you were her all she there would their we him been has when who will more no if ' +
  'out so said what up its about into than them can only other new some could time these two may then ' +
  'do first any my now such like our over man me even most made after also did many before must through ' +
  'back years where much your way well down should because each just those people how too little state ' +
  'good very make world still own see men work long get here between both life being under never day same ' +
  'another know while last might us great old year off come since against go came right used take three'
).split(' ');
const SYLLABLES = 'ka to ri me sa lo vin dra pel mor tis que bal nor fen gra ust ol ith er an cor pla sten vo'.split(' ');

export interface Vocabulary {
  words: string[];
  cumulative: Float64Array;
}

export function makeVocabulary(size = 30_000, seed = 7): Vocabulary {
  const rng = mulberry32(seed);
  const words = [...FUNCTION_WORDS];
  const seen = new Set(words);
  while (words.length < size) {
    let w = '';
    const n = int(rng, 2, 4);
    for (let i = 0; i < n; i++) w += pick(rng, SYLLABLES);
    if (!seen.has(w)) { seen.add(w); words.push(w); }
  }
  const cumulative = new Float64Array(size);
  let sum = 0;
  for (let r = 0; r < size; r++) cumulative[r] = sum += 1 / (r + 1);
  for (let r = 0; r < size; r++) cumulative[r] /= sum;
  return { words, cumulative };
}

export function zipfWord(rng: Rng, v: Vocabulary): string {
  const x = rng();
  let lo = 0, hi = v.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v.cumulative[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return v.words[lo];
}

export function sentence(rng: Rng, v: Vocabulary, minWords = 8, maxWords = 30): string {
  const n = int(rng, minWords, maxWords);
  const w: string[] = [];
  for (let i = 0; i < n; i++) w.push(zipfWord(rng, v));
  if (rng() < 0.3) w.splice(int(rng, 0, w.length), 0, String(int(rng, 2, 99_999)).replace(/\B(?=(\d{3})+$)/g, ','));
  const s = w.join(' ');
  return s[0].toUpperCase() + s.slice(1) + (rng() < 0.9 ? '.' : '!');
}

// ---------------------------------------------------------------------------------------------
// Notes

/** Text that must survive every format literally: markup, scripts, entities, scripts of the world. */
export const HOSTILE_SNIPPETS = [
  '<script>alert("x")</script>',
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '**bold** _it_ `code` # not a heading',
  '&lt;b&gt; &amp; &#x3C;',
  '| a | b |\n|---|---|',
  'Ünïcödé ✓ 🚀 中文 עברית العربية',
  'line one\nline two\n\n> quoted',
  '\u0000\u0007 control \u2028 separators \u2029',
  '"quotes" \'single\' \\backslash\\',
  '1. not a list\n- nor this',
  '${template} {{mustache}} __proto__ constructor',
];

export interface NoteOptions {
  /** Fraction of deletion tombstones. */
  tombstones?: number;
  pages?: number;
  vocabulary?: Vocabulary;
}

export function generateNotes(n: number, seed = 1, options: NoteOptions = {}): Annotation[] {
  const rng = mulberry32(seed);
  const v = options.vocabulary ?? makeVocabulary();
  const pages = options.pages ?? Math.max(1, Math.ceil(n / 8));
  const tombstones = options.tombstones ?? 0.05;
  const out: Annotation[] = [];
  const t0 = Date.UTC(2024, 0, 1);
  for (let i = 0; i < n; i++) {
    const page = int(rng, 0, pages - 1);
    const claim = sentence(rng, v, 6, 30) + (rng() < 0.05 ? ' ' + pick(rng, HOSTILE_SNIPPETS) : '');
    const verdict: Verdict = pick(rng, VERDICTS);
    const selectors: Selector[] = [];
    if (rng() < 0.9) {
      const start = int(rng, 0, 50_000);
      selectors.push({
        type: 'TextQuoteSelector',
        exact: claim,
        ...(rng() < 0.9 ? { prefix: sentence(rng, v, 2, 6).slice(-32) } : {}),
        ...(rng() < 0.9 ? { suffix: ' ' + sentence(rng, v, 2, 6).slice(0, 32) } : {}),
      });
      if (rng() < 0.9) selectors.push({ type: 'TextPositionSelector', start, end: start + claim.length });
    }
    const sources: Source[] = [];
    const nSources = verdict === 'unrated' ? int(rng, 0, 1) : int(rng, 1, 3);
    for (let s = 0; s < nSources; s++) {
      sources.push({
        url: `https://${pick(rng, ['reuters.com', 'apnews.com', 'data.gov', 'who.int', 'example.org'])}/doc/${int(rng, 1, 1e6)}?q=${s}&lang=en`,
        ...(rng() < 0.8 ? { title: sentence(rng, v, 3, 10) + (rng() < 0.1 ? ' ' + pick(rng, HOSTILE_SNIPPETS) : '') } : {}),
        ...(rng() < 0.6 ? { excerpt: sentence(rng, v, 8, 40) } : {}),
        ...(rng() < 0.7 ? { accessed: t0 + int(rng, 0, 3e10) } : {}),
      });
    }
    const created = t0 + int(rng, 0, 6e10);
    const updated = created + (rng() < 0.5 ? 0 : int(rng, 1, 1e9));
    const deleted = rng() < tombstones ? updated : 0;
    const noteParts = [sentence(rng, v, 5, 40)];
    if (rng() < 0.3) noteParts.push(sentence(rng, v, 5, 40));
    if (rng() < 0.15) noteParts.push(pick(rng, HOSTILE_SNIPPETS));
    out.push({
      id: uuid4(rng),
      pageUrl: `https://news.example.com/${pick(rng, ['world', 'politics', 'health', 'science'])}/article-${page}`,
      pageTitle: `Article ${page}: ` + sentence(rng, v, 3, 10) + (rng() < 0.05 ? ' ' + pick(rng, HOSTILE_SNIPPETS) : ''),
      selectors,
      claim,
      verdict,
      note: rng() < 0.1 ? '' : noteParts.join('\n\n'),
      sources,
      tags: Array.from({ length: int(rng, 0, 4) }, () => zipfWord(rng, v).slice(0, 20)),
      ...(rng() < 0.8 ? { author: pick(rng, ['Ana Ruiz', 'Kofi Mensah', 'Zhang Wei', 'Søren Ødegård', '<b>Mallory</b>']) } : {}),
      created,
      updated,
      deleted,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Known claims and pages that repeat them

export function generateKnownClaims(n: number, seed = 2, vocabulary: Vocabulary = makeVocabulary()): KnownClaim[] {
  const rng = mulberry32(seed);
  const out: KnownClaim[] = [];
  for (let i = 0; i < n; i++) {
    const text = sentence(rng, vocabulary, 6, 30);
    out.push({
      id: `kc-${i}`,
      text,
      verdict: pick(rng, ['true', 'mostly-true', 'mixed', 'mostly-false', 'false', 'misleading'] as const),
      ratingName: 'Rating',
      reviewUrl: `https://factcheck.example/${i}`,
      publisher: 'Example Fact Check',
      appearanceUrls: [],
      updated: 0,
    });
  }
  return out;
}

export interface GeneratedPage {
  sentences: string[];
  /** Sentences built from a known claim (sentence index → claim index). */
  planted: Map<number, number>;
}

/** Edits a claim the way syndication and quotation do; every edit keeps Jaccard ≥ 0.5 for claims of ≥ 12 words. */
export function editClaim(rng: Rng, text: string, v: Vocabulary): string {
  const words = text.replace(/[.!]$/, '').split(' ');
  switch (int(rng, 0, 5)) {
    case 0: return text.toUpperCase();
    case 1: return `“${words.join(' ')}”, officials said.`;
    case 2: { // one word replaced
      const i = int(rng, 0, words.length - 1);
      words[i] = zipfWord(rng, v) + 'x';
      return words.join(' ') + '.';
    }
    case 3: return `According to a post shared online, ${words.join(' ').toLowerCase()}.`;
    case 4: return words.join(' ').replace(/e/g, 'é') + '?';
    default: return text;
  }
}

export function generatePage(
  claims: readonly { text: string }[], sentences = 500, planted = 25, seed = 3,
  vocabulary: Vocabulary = makeVocabulary(),
): GeneratedPage {
  const rng = mulberry32(seed);
  const out: string[] = [];
  const map = new Map<number, number>();
  for (let i = 0; i < sentences; i++) out.push(sentence(rng, vocabulary, 5, 35));
  const longClaims = claims.map((c, i) => [c, i] as const).filter(([c]) => c.text.split(' ').length >= 12);
  for (let k = 0; k < planted && longClaims.length; k++) {
    const at = int(rng, 0, sentences - 1);
    const [c, i] = pick(rng, longClaims);
    out[at] = editClaim(rng, c.text, vocabulary);
    map.set(at, i);
  }
  return { sentences: out, planted: map };
}
