/**
 * Word shingles of folded text, as sorted arrays of unique 32-bit hashes.
 *
 * Word bigrams rather than single words keep word order (so "dogs bite men" ≠ "men bite dogs")
 * and are far rarer than words, which keeps the index's posting lists short. A one-word text
 * gets its single word as a unigram shingle. 32-bit hashes can collide (a few in a million
 * distinct bigrams); a collision can only make two texts look a little more alike.
 */
import { foldedWords } from './fold';
import { hash32, mix32, pair32 } from './hash';

export function shinglesOfWords(words: readonly string[]): Uint32Array {
  if (words.length === 0) return new Uint32Array(0);
  if (words.length === 1) return Uint32Array.of(hash32(words[0]));
  const out = new Uint32Array(words.length - 1);
  let prev = hash32(words[0]);
  for (let i = 1; i < words.length; i++) {
    const cur = hash32(words[i]);
    out[i - 1] = pair32(prev, cur);
    prev = cur;
  }
  return sortedUnique(out);
}

export function shinglesOf(text: string): Uint32Array {
  return asciiShingles(text) ?? shinglesOfWords(foldedWords(text));
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLower = (c: number) => c >= 97 && c <= 122;
const lower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);
let scratch = new Uint32Array(256);

/**
 * The page-matching hot path: fold + split + hash in one pass over an ASCII text, without
 * building strings. Gives exactly shinglesOfWords(foldedWords(text)) (tested), or undefined at
 * the first non-ASCII character (the caller then takes the general path).
 */
export function asciiShingles(t: string): Uint32Array | undefined {
  const n = t.length;
  let count = 0, prev = 0, words = 0, h = 0, inWord = false;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? lower(t.charCodeAt(i)) : 32;
    if (c > 127) return undefined;
    if (isDigit(c) || isLower(c)) {
      if (!inWord) { h = 0x811c9dc5; inWord = true; }
      h ^= c;
      h = Math.imul(h, 0x01000193);
      continue;
    }
    // Joiners (see fold.ts): a thousands separator between a digit and exactly three digits,
    // an apostrophe between two letters.
    if (inWord && (c === 44 || c === 46 || c === 39) && isDigit(t.charCodeAt(i - 1)) && isDigit(t.charCodeAt(i + 1)) &&
      isDigit(t.charCodeAt(i + 2)) && isDigit(t.charCodeAt(i + 3)) && !isDigit(t.charCodeAt(i + 4))) continue;
    if (inWord && (c === 39 || c === 96) && isLower(lower(t.charCodeAt(i - 1))) && isLower(lower(t.charCodeAt(i + 1)))) continue;
    if (!inWord) continue;
    inWord = false;
    const w = mix32(h);
    if (words++ > 0) {
      if (count === scratch.length) {
        const bigger = new Uint32Array(scratch.length * 2);
        bigger.set(scratch);
        scratch = bigger;
      }
      scratch[count++] = pair32(prev, w);
    } else {
      prev = w;
      continue;
    }
    prev = w;
  }
  if (words === 1) return Uint32Array.of(prev);
  return sortedUnique(scratch.slice(0, count));
}

export function sortedUnique(a: Uint32Array): Uint32Array {
  a.sort();
  let n = 0;
  for (let i = 0; i < a.length; i++) if (i === 0 || a[i] !== a[n - 1]) a[n++] = a[i];
  return n === a.length ? a : a.slice(0, n);
}

/** Size of the intersection of two sorted unique arrays (a linear merge). */
export function intersectionSize(
  a: ArrayLike<number>, aFrom: number, aTo: number,
  b: ArrayLike<number>, bFrom: number, bTo: number,
): number {
  let i = aFrom, j = bFrom, n = 0;
  while (i < aTo && j < bTo) {
    const x = a[i], y = b[j];
    if (x === y) { n++; i++; j++; }
    else if (x < y) i++;
    else j++;
  }
  return n;
}

export interface Similarity {
  /** |A∩B| / |A∪B| over word shingles. */
  jaccard: number;
  /** |A∩B| / |B|: how much of the known claim (B) the sentence (A) contains. */
  containment: number;
}

/** The exact similarity of two texts, as the index verifies it. */
export function similarity(sentence: string, claim: string): Similarity {
  const a = shinglesOf(sentence), b = shinglesOf(claim);
  const inter = intersectionSize(a, 0, a.length, b, 0, b.length);
  const union = a.length + b.length - inter;
  return { jaccard: union ? inter / union : 0, containment: b.length ? inter / b.length : 0 };
}
