/**
 * Finds the known claims (imported ClaimReviews, the reader's own graded notes) that a page's
 * sentences repeat: syndicated copies, re-punctuated or lightly edited versions, or a sentence
 * that quotes the claim inside a longer one.
 *
 * A sentence S matches a known claim C when, over word-bigram shingles of the folded text,
 *   Jaccard(S, C) ≥ threshold (default 0.5), or
 *   |S∩C| / |C| ≥ containment (default 0.8) and C has ≥ 5 shingles (the claim is quoted inside S).
 * A short claim (< 5 shingles, i.e. up to 5 words) matches only if S contains all of it: one
 * changed word in "The world is flat" makes another claim ("The world is round").
 *
 * Why prefix filtering rather than MinHash/LSH: both give sub-linear candidate lookup, but LSH
 * misses a fraction of true matches by design (banding is probabilistic), while a prefix-filtered
 * inverted index is exact for these thresholds. Each claim is indexed only under its rarest
 * shingles: if a claim of n shingles needs an overlap of at least α with a sentence, at most
 * α−1 of its shared shingles can lie outside its n−α+1 rarest, so one of those rarest must be
 * shared (Chaudhuri et al., "A primitive operator for similarity joins", ICDE 2006). Lookup
 * probes every sentence shingle; every candidate is then verified exactly.
 *
 * Memory is typed arrays only (no Map per shingle): ~8 bytes per claim shingle plus ~8 bytes per
 * indexed prefix shingle, about 25 MB for 100,000 claims. Build once per change of the claim set.
 */
import { foldedWords } from './fold';
import { hash32 } from './hash';
import { intersectionSize, shinglesOf, shinglesOfWords } from './shingles';

export interface MatchOptions {
  /** Jaccard threshold over word-bigram shingles (0–1]. */
  threshold?: number;
  /** Fraction of the claim's shingles that a longer sentence must contain (0–1]. */
  containment?: number;
  /**
   * Claims shorter than this (in shingles) are never matched by containment alone (a short
   * phrase is everywhere) and never fuzzily: all their shingles must be in the sentence.
   */
  minContainmentShingles?: number;
}

export const DEFAULT_MATCH_OPTIONS: Required<MatchOptions> = {
  threshold: 0.5,
  containment: 0.8,
  minContainmentShingles: 5,
};

export interface ClaimMatch<T> {
  sentenceIndex: number;
  claimIndex: number;
  claim: T;
  jaccard: number;
  containment: number;
  /** The better of the two measures that met its threshold. */
  score: number;
}

export interface IndexStats {
  claims: number;
  /** Claims and the separate sentences of multi-sentence claims. */
  parts: number;
  shingles: number;
  /** Entries of the inverted index (prefix shingles only). */
  postings: number;
  /** Bytes held in the index's typed arrays (the claims themselves not counted). */
  bytes: number;
}

/** A claim of several sentences is also indexed sentence by sentence (pages split it the same way). */
const MIN_PART_WORDS = 4;
const SENTENCE_SPLIT_RE = /(?<=[.!?…。！？])\s+(?=\S)/u;
const MAYBE_MULTI_RE = /[.!?…。！？]\s+\S/u;

export function claimParts(text: string): string[][] {
  const whole = foldedWords(text);
  if (whole.length === 0) return [];
  if (!MAYBE_MULTI_RE.test(text)) return [whole];
  const pieces = text.split(SENTENCE_SPLIT_RE);
  if (pieces.length < 2) return [whole];
  const merged: string[][] = [];
  let carry: string[] = [];
  for (const p of pieces) {
    const words = carry.concat(foldedWords(p));
    if (words.length < MIN_PART_WORDS) carry = words;
    else { merged.push(words); carry = []; }
  }
  if (carry.length) {
    if (merged.length) merged[merged.length - 1] = merged[merged.length - 1].concat(carry);
    else merged.push(carry);
  }
  return merged.length > 1 ? [whole, ...merged] : [whole];
}

/** Sorted unique u32 keys with a 2^16-bucket table on the top bits: lookup is one table read + ~5 steps. */
class KeyTable {
  private readonly buckets = new Uint32Array(65537);
  constructor(readonly keys: Uint32Array) {
    for (let i = 0; i < keys.length; i++) this.buckets[(keys[i] >>> 16) + 1]++;
    for (let b = 0; b < 65536; b++) this.buckets[b + 1] += this.buckets[b];
  }
  indexOf(k: number): number {
    let lo = this.buckets[k >>> 16], hi = this.buckets[(k >>> 16) + 1];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const x = this.keys[mid];
      if (x === k) return mid;
      if (x < k) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  }
}

/** Inverted lists in CSR form, indexed by the shingle's position in the KeyTable. */
interface Postings {
  start: Uint32Array;
  parts: Uint32Array;
}

function buildPostings(nKeys: number, entries: Uint32Array, count: number): Postings {
  // entries holds (keyIndex, part) pairs; a counting sort groups them by key in O(n).
  const start = new Uint32Array(nKeys + 1);
  for (let i = 0; i < count; i++) start[entries[2 * i] + 1]++;
  for (let k = 0; k < nKeys; k++) start[k + 1] += start[k];
  const fill = start.slice(0, nKeys);
  const parts = new Uint32Array(count);
  for (let i = 0; i < count; i++) parts[fill[entries[2 * i]]++] = entries[2 * i + 1];
  return { start, parts };
}

/** Sorts the shingles' global ranks (df·2^32 + hash) ascending, in place over `n` slots. */
function sortRanks(r: Float64Array, n: number): void {
  if (n > 48) {
    r.subarray(0, n).sort();
    return;
  }
  for (let i = 1; i < n; i++) {
    const x = r[i];
    let j = i - 1;
    while (j >= 0 && r[j] > x) { r[j + 1] = r[j]; j--; }
    r[j + 1] = x;
  }
}

/**
 * Everything the index computed, as structured-cloneable typed arrays: the MV3 background can
 * store it (IndexedDB) and restore it after the service worker restarts, instead of rebuilding
 * (~1.5 s for 100,000 claims). Valid only for the same claims in the same order (checked).
 */
export interface IndexSnapshot {
  version: 1;
  options: Required<MatchOptions>;
  claimCount: number;
  /** hash of every claim text in order, to refuse a snapshot of another claim set. */
  checksum: string;
  partShingles: Uint32Array;
  partStart: Uint32Array;
  partClaim: Uint32Array;
  keys: Uint32Array;
  df: Uint32Array;
  jStart: Uint32Array;
  jParts: Uint32Array;
  cStart: Uint32Array;
  cParts: Uint32Array;
}

function checksumOf(claims: readonly { text: string }[]): string {
  let h1 = 0x811c9dc5, h2 = 0x9747b28c;
  for (const c of claims) {
    h1 = hash32(c.text, h1);
    h2 = hash32(c.text, h2 ^ c.text.length);
  }
  return `${claims.length}:${h1.toString(16)}:${h2.toString(16)}`;
}

export class KnownClaimIndex<T extends { text: string }> {
  readonly options: Required<MatchOptions>;
  readonly stats: IndexStats;
  private readonly stamp: Int32Array;
  private serial = 0;
  private ranks = new Float64Array(256);

  private constructor(
    readonly claims: readonly T[],
    options: Required<MatchOptions>,
    /** Shingles of part p are partShingles[partStart[p] .. partStart[p+1]), sorted. */
    private readonly partShingles: Uint32Array,
    private readonly partStart: Uint32Array,
    private readonly partClaim: Uint32Array,
    /** Every distinct claim shingle, with its document frequency over parts. */
    private readonly table: KeyTable,
    private readonly df: Uint32Array,
    /** Parts under their Jaccard prefix (probed with the sentence's Jaccard prefix). */
    private readonly jPost: Postings,
    /** Parts under their containment prefix (probed with every sentence shingle). */
    private readonly cPost: Postings,
  ) {
    this.options = options;
    this.stamp = new Int32Array(partClaim.length);
    this.stats = {
      claims: claims.length, parts: partClaim.length, shingles: partShingles.length,
      postings: jPost.parts.length + cPost.parts.length,
      bytes: [partShingles, partStart, partClaim, table.keys, df, jPost.start, jPost.parts, cPost.start, cPost.parts, this.stamp]
        .reduce((n, a) => n + a.byteLength, 65537 * 4),
    };
  }

  static build<T extends { text: string }>(claims: readonly T[], options: MatchOptions = {}): KnownClaimIndex<T> {
    const opts = { ...DEFAULT_MATCH_OPTIONS, ...options };
    if (!(opts.threshold > 0 && opts.threshold <= 1) || !(opts.containment > 0 && opts.containment <= 1)) {
      throw new RangeError('threshold and containment must be in (0, 1]');
    }
    // 1. Shingles of every part.
    const perPart: Uint32Array[] = [];
    const partClaimList: number[] = [];
    let total = 0;
    for (let c = 0; c < claims.length; c++) {
      const text = claims[c].text;
      // One sentence (the common case): the one-pass shingler; else each part separately.
      const single = MAYBE_MULTI_RE.test(text) ? undefined : shinglesOf(text);
      for (const sh of single ? [single] : claimParts(text).map(shinglesOfWords)) {
        if (sh.length === 0) continue;
        perPart.push(sh);
        partClaimList.push(c);
        total += sh.length;
      }
    }
    const nParts = perPart.length;
    const partShingles = new Uint32Array(total);
    const partStart = new Uint32Array(nParts + 1);
    for (let p = 0, off = 0; p < nParts; p++) {
      partShingles.set(perPart[p], off);
      off += perPart[p].length;
      partStart[p + 1] = off;
    }
    perPart.length = 0;
    // 2. Distinct shingles and their document frequency (sort + run lengths).
    const sorted = partShingles.slice().sort();
    let nUnique = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[nUnique++] = sorted[i];
    const table = new KeyTable(sorted.slice(0, nUnique));
    const df = new Uint32Array(nUnique);
    const keyOf = new Uint32Array(total);
    for (let i = 0; i < total; i++) df[(keyOf[i] = table.indexOf(partShingles[i]))]++;
    // 3. Each part's prefixes: its rarest shingles in one global order (df, then hash).
    const jEntries = new Uint32Array(2 * total);
    const cEntries = new Uint32Array(2 * total);
    let nj = 0, nc = 0;
    let ranks = new Float64Array(256);
    for (let p = 0; p < nParts; p++) {
      const from = partStart[p], n = partStart[p + 1] - from;
      if (ranks.length < n) ranks = new Float64Array(n);
      // rank = df·2^32 + keyIndex: keyIndex order is hash order, and the value stays exact (< 2^53).
      for (let i = 0; i < n; i++) ranks[i] = df[keyOf[from + i]] * 4294967296 + keyOf[from + i];
      sortRanks(ranks, n);
      // A short claim must be contained whole, so its single rarest shingle is enough (see verify).
      const jLen = n < opts.minContainmentShingles ? 1 : n - minOverlap(n, opts.threshold) + 1;
      for (let i = 0; i < jLen; i++) {
        jEntries[2 * nj] = ranks[i] % 4294967296;
        jEntries[2 * nj++ + 1] = p;
      }
      if (n >= opts.minContainmentShingles) {
        const cLen = n - minOverlap(n, opts.containment) + 1;
        for (let i = 0; i < cLen; i++) {
          cEntries[2 * nc] = ranks[i] % 4294967296;
          cEntries[2 * nc++ + 1] = p;
        }
      }
    }
    return new KnownClaimIndex(
      claims, opts, partShingles, partStart, Uint32Array.from(partClaimList), table, df,
      buildPostings(nUnique, jEntries, nj), buildPostings(nUnique, cEntries, nc),
    );
  }

  get size(): number {
    return this.claims.length;
  }

  snapshot(): IndexSnapshot {
    return {
      version: 1, options: { ...this.options }, claimCount: this.claims.length, checksum: checksumOf(this.claims),
      partShingles: this.partShingles, partStart: this.partStart, partClaim: this.partClaim, keys: this.table.keys, df: this.df,
      jStart: this.jPost.start, jParts: this.jPost.parts, cStart: this.cPost.start, cParts: this.cPost.parts,
    };
  }

  /** Restores a snapshot for the same claims (same texts, same order); undefined if it does not fit. */
  static restore<T extends { text: string }>(snapshot: IndexSnapshot, claims: readonly T[]): KnownClaimIndex<T> | undefined {
    if (snapshot?.version !== 1 || snapshot.claimCount !== claims.length || snapshot.checksum !== checksumOf(claims)) return undefined;
    const s = snapshot;
    return new KnownClaimIndex(
      claims, { ...s.options }, s.partShingles, s.partStart, s.partClaim, new KeyTable(s.keys), s.df,
      { start: s.jStart, parts: s.jParts }, { start: s.cStart, parts: s.cParts },
    );
  }

  /** Every (sentence, claim) match, best part per pair, in sentence order. */
  match(sentences: readonly string[]): ClaimMatch<T>[] {
    const out: ClaimMatch<T>[] = [];
    for (let s = 0; s < sentences.length; s++) this.collect(shinglesOf(sentences[s]), s, out);
    return out;
  }

  matchSentence(sentence: string, sentenceIndex = 0): ClaimMatch<T>[] {
    const out: ClaimMatch<T>[] = [];
    this.collect(shinglesOf(sentence), sentenceIndex, out);
    return out;
  }

  /** The same answer by comparing every sentence with every claim: the reference for tests and the bench. */
  naiveMatch(sentences: readonly string[]): ClaimMatch<T>[] {
    const out: ClaimMatch<T>[] = [];
    for (let s = 0; s < sentences.length; s++) {
      const sh = shinglesOf(sentences[s]);
      if (sh.length === 0) continue;
      const best = new Map<number, ClaimMatch<T>>();
      for (let p = 0; p < this.partClaim.length; p++) this.verify(sh, p, s, best);
      if (best.size) out.push(...[...best.values()].sort((a, b) => a.claimIndex - b.claimIndex));
    }
    return out;
  }

  private collect(sh: Uint32Array, sentenceIndex: number, out: ClaimMatch<T>[]): void {
    const m = sh.length;
    if (m === 0 || this.partClaim.length === 0) return;
    if (++this.serial === 0x7fffffff) {
      this.stamp.fill(0);
      this.serial = 1;
    }
    const best = new Map<number, ClaimMatch<T>>();
    if (this.ranks.length < m) this.ranks = new Float64Array(m);
    const ranks = this.ranks;
    let known = 0;
    for (let i = 0; i < m; i++) {
      const k = this.table.indexOf(sh[i]);
      if (k < 0) continue; // in no claim: cannot be shared (and would sort first, as df 0)
      ranks[known++] = this.df[k] * 4294967296 + k;
      this.probe(this.cPost, k, sh, sentenceIndex, best);
    }
    // Jaccard: probe only the sentence's own prefix; unknown shingles (df 0) fill its first slots.
    // (A short claim is indexed under its rarest shingle r only; it matches only if S ⊇ C, and
    // then at most m−n shingles of S precede r, and m−n+1 ≤ m−⌈t·m⌉+1 because n ≥ t·m.)
    const jLen = m - minOverlap(m, this.options.threshold) + 1 - (m - known);
    if (jLen > 0) {
      sortRanks(ranks, known);
      for (let i = 0; i < jLen && i < known; i++) this.probe(this.jPost, ranks[i] % 4294967296, sh, sentenceIndex, best);
    }
    if (best.size) out.push(...[...best.values()].sort((a, b) => a.claimIndex - b.claimIndex));
  }

  private probe(post: Postings, k: number, sh: Uint32Array, sentenceIndex: number, best: Map<number, ClaimMatch<T>>): void {
    for (let j = post.start[k], end = post.start[k + 1]; j < end; j++) {
      const p = post.parts[j];
      if (this.stamp[p] === this.serial) continue;
      this.stamp[p] = this.serial;
      this.verify(sh, p, sentenceIndex, best);
    }
  }

  private verify(sh: Uint32Array, p: number, sentenceIndex: number, best: Map<number, ClaimMatch<T>>): void {
    const { threshold, containment, minContainmentShingles } = this.options;
    const from = this.partStart[p], to = this.partStart[p + 1], n = to - from, m = sh.length;
    // Size filters: J ≤ min(m,n)/max(m,n); containment needs n ≤ m / c.
    const jPossible = Math.min(m, n) >= threshold * Math.max(m, n);
    const cPossible = n >= minContainmentShingles && n * containment <= m;
    if (!jPossible && !cPossible) return;
    const k = intersectionSize(sh, 0, m, this.partShingles, from, to);
    if (k === 0) return;
    const jaccard = k / (m + n - k);
    const contained = k / n;
    const jOk = jaccard >= threshold && (n >= minContainmentShingles || k === n);
    const cOk = n >= minContainmentShingles && contained >= containment;
    if (!jOk && !cOk) return;
    const score = Math.max(jOk ? jaccard : 0, cOk ? contained : 0);
    const c = this.partClaim[p];
    const prev = best.get(c);
    if (!prev || score > prev.score) {
      best.set(c, { sentenceIndex, claimIndex: c, claim: this.claims[c], jaccard, containment: contained, score });
    }
  }
}

/**
 * The least overlap a set of n shingles must have with a match: Jaccard ≥ t implies
 * |S∩C| ≥ t·|S∪C| ≥ t·max(|S|,|C|); containment ≥ c means |S∩C| ≥ c·|C|.
 */
function minOverlap(n: number, fraction: number): number {
  return Math.max(1, Math.min(n, Math.ceil(fraction * n - 1e-9)));
}
