/**
 * Quote matching on strings: exact occurrences, then fuzzy ones (approx-string-match, Hypothesis'
 * matcher), scored on quote, context and position. Own scoring adds a minimum score and an
 * ambiguity test: an orphan beats a note on the wrong words (hypothesis/h#4328).
 */
import search from 'approx-string-match';
import { prefixSimilarity, suffixSimilarity } from './context-similarity';
import { editedInPlace } from './edit-in-place';

export interface QuoteContext {
  /** Text expected right before the quote (up to 32 chars), normalised, not trimmed. */
  prefix?: string;
  /** Text expected right after the quote. */
  suffix?: string;
  /** Where the quote started when it was described (TextPositionSelector.start). */
  hint?: number;
}

export interface QuoteMatch {
  start: number;
  end: number;
  /**
   * (50·quote + 20·prefix + 20·suffix + 10·position) / (weights of the parts present), each in
   * [0, 1]; the quote part falls from 1 (exact) to 0 at MIN_QUOTE_SIMILARITY.
   */
  score: number;
  /** Edit distance between the quote and text[start, end); 0 for an exact match. */
  errors: number;
  /** 1 − errors / quote length. */
  quoteSimilarity: number;
}

export interface MatchQuoteOptions {
  /** Fuzzy search bound; default min(256, quote.length / 2) as in Hypothesis. */
  maxErrors?: number;
}

/**
 * Below this quote similarity a candidate is never accepted, so the fuzzy search stops there.
 * Hypothesis searches up to 50 % errors; in the corpus suite every wrong-place anchor 12–25 %
 * different was another item of the same template (the next citation, another photo credit).
 */
export const MIN_QUOTE_SIMILARITY = 0.85;
/** A fuzzy (non-exact) match scoring below this is an orphan. */
export const MIN_FUZZY_SCORE = 0.6;
/** An exact match with neither context nor position agreeing must be at least this long. */
export const MIN_LONE_EXACT_LENGTH = 20;
/** If the best and the second-best (non-overlapping) candidate are closer than this: orphan. */
export const AMBIGUITY_MARGIN = 0.02;

const W_QUOTE = 50;
const W_PREFIX = 20;
const W_SUFFIX = 20;
const W_POSITION = 10;
/** A shift of this many chars from the position hint halves the position score. */
const POSITION_SCALE = 100;
/** Position score of a start within ~11 chars of the hint: an edit in place. */
const NEAR_HINT = 0.9;
/** Away from the hint, a fuzzy match may differ by at most this share of its length (or 1 char). */
const TYPO_RATE = 0.02;
/** A context this similar "confirms" a candidate; the fuzzy search is then skipped. */
const CONFIRMED_CONTEXT = 0.8;
/** More exact occurrences than this (a 2-letter quote…) are only resolved by the position hint. */
const MAX_OCCURRENCES = 2000;
/** Seed pieces for the global fuzzy stage: at most this many, each at least this long. */
const MAX_PIECES = 16;
const MIN_PIECE = 12;
/** A piece occurring more often than this is not a useful seed. */
const MAX_PIECE_HITS = 32;
/** Stop collecting fuzzy candidates past this many (a short quote in a long text). */
const MAX_CANDIDATES = 256;

interface Candidate extends QuoteMatch {
  /** Mean prefix/suffix similarity (1 when the note has no context). */
  context: number;
  /** The better of prefix and suffix similarity. */
  bestSide: number;
  /** Closeness to the position hint, 1 at the hint, 0.5 at POSITION_SCALE chars; 0 without hint. */
  position: number;
}

/**
 * Find `quote` in `text` (both normalised with normalizeText). Returns the best candidate, or null
 * when there is none good enough or when the best is not clearly better than a rival elsewhere.
 */
export function matchQuote(
  text: string,
  quote: string,
  context: QuoteContext = {},
  opts: MatchQuoteOptions = {},
): QuoteMatch | null {
  const len = quote.length;
  if (len === 0 || text.length === 0) return null;
  const scorer = new Scorer(text, quote, context);
  const cands: Candidate[] = [];

  // 1. Exact occurrences (complete).
  let n = 0;
  for (let i = text.indexOf(quote); i >= 0; i = text.indexOf(quote, i + 1)) {
    if (++n > MAX_OCCURRENCES) {
      // Too common to score each: only an occurrence at the hint can be trusted.
      const h = context.hint;
      const atHint = h !== undefined && text.startsWith(quote, h) ? scorer.candidate(h, h + len, 0) : null;
      return atHint && atHint.context >= CONFIRMED_CONTEXT ? strip(atHint) : null;
    }
    cands.push(scorer.candidate(i, i + len, 0));
  }
  let best = bestOf(cands);
  if (best && scorer.confirmed(best)) return decide(cands);
  // The verbatim quote with its context, but away from the hint (text added or removed before it):
  // only an edited copy at the hinted place could beat it, so look there and nowhere else.
  const contextOnly = best !== undefined && scorer.contextConfirmed(best);

  // 2. Fuzzy candidates. Nothing below MIN_QUOTE_SIMILARITY can be accepted: don't search for it.
  const maxErrors = Math.min(
    opts.maxErrors ?? Math.min(256, Math.floor(len / 2)),
    Math.floor(len * (1 - MIN_QUOTE_SIMILARITY)),
  );
  if (maxErrors < 1) return decide(cands);
  const seen = new Set<number>(cands.map((c) => c.start * 1048576 + (c.end - c.start)));
  // approx-string-match returns only the lowest-error matches of what it is given, so rivals with
  // more errors hide behind them: search again in the gaps on either side of what was found.
  const scan = (from: number, to: number, k: number) => {
    const todo = [from, to];
    while (todo.length > 0 && cands.length < MAX_CANDIDATES) {
      const b = todo.pop()!;
      const a = todo.pop()!;
      if (b - a < len - k) continue;
      const found = search(text.slice(a, b), quote, k);
      if (found.length === 0) continue;
      const spans: [number, number][] = [];
      for (const m of found) {
        const s = a + m.start;
        const e = a + m.end;
        const key = s * 1048576 + (e - s);
        if (!seen.has(key)) {
          seen.add(key);
          cands.push(scorer.candidate(s, e, m.errors));
        }
        spans.push([s, e]);
      }
      spans.sort((x, y) => x[0] - y[0]);
      let cursor = a;
      for (const [s, e] of spans) {
        if (s > cursor) todo.push(cursor, s);
        cursor = Math.max(cursor, e);
      }
      if (cursor < b) todo.push(cursor, b);
    }
  };

  // 2a. Around the position hint: cheap, and where an edited quote usually still is.
  if (context.hint !== undefined) {
    const inPlace = editedInPlace(text, quote, context.hint, maxErrors);
    if (inPlace) {
      const c = scorer.candidate(context.hint, inPlace.end, inPlace.errors);
      cands.push(c);
      seen.add(c.start * 1048576 + (c.end - c.start));
      if (scorer.confirmed(c) && c.quoteSimilarity >= 0.9) return decide(cands);
    }
    const pad = 64 + maxErrors;
    scan(Math.max(0, context.hint - pad), Math.min(text.length, context.hint + len + pad), maxErrors);
    best = bestOf(cands);
    if (contextOnly || (best && scorer.confirmed(best) && best.quoteSimilarity >= 0.9)) return decide(cands);
  } else if (contextOnly) {
    return decide(cands);
  }

  // 2b. Seeds: split the quote into m pieces; a match with < m errors contains one piece exactly.
  const pieces = Math.max(1, Math.min(MAX_PIECES, maxErrors + 1, Math.floor(len / MIN_PIECE)));
  const pieceLen = Math.floor(len / pieces);
  const starts: number[] = [];
  let usable = 0;
  for (let p = 0; p < pieces; p++) {
    const off = p * pieceLen;
    const piece = quote.slice(off, p === pieces - 1 ? len : off + pieceLen);
    const hits: number[] = [];
    for (let i = text.indexOf(piece); i >= 0 && hits.length <= MAX_PIECE_HITS; i = text.indexOf(piece, i + 1)) {
      hits.push(i - off);
    }
    if (hits.length > MAX_PIECE_HITS) continue;
    usable++;
    for (const h of hits) starts.push(h);
  }
  starts.sort((a, b) => a - b);
  for (let i = 0; i < starts.length; ) {
    let j = i;
    while (j + 1 < starts.length && starts[j + 1] - starts[j] <= len) j++;
    scan(Math.max(0, starts[i] - maxErrors), Math.min(text.length, starts[j] + len + maxErrors), maxErrors);
    i = j + 1;
  }

  // 2c. Every candidate with fewer than `usable` errors has been seen. Could an unseen one (more
  // errors, but perfect context and position) still come within the margin of the best? Then scan
  // everything outside the candidates found so far, down to the quote similarity that could.
  best = bestOf(cands);
  // Unseen candidates are away from the hint (that window was searched), so only typo-sized ones
  // could be accepted, and the seeds saw all of those. Without a best that could stand, no scan.
  const unseenCouldWin = Math.max(1, Math.round(TYPO_RATE * len)) > usable - 1;
  if (!unseenCouldWin && !(best && (best.errors === 0 || fuzzyAcceptable(best)))) return null;
  const need = best ? scorer.minQuoteSimilarityToRival(best.score - AMBIGUITY_MARGIN) : 0;
  const scanErrors = Math.min(maxErrors, Math.floor(len * (1 - Math.max(need, MIN_QUOTE_SIMILARITY))));
  if (scanErrors > usable - 1) {
    const known = cands.map((c) => [c.start, c.end]).sort((x, y) => x[0] - y[0]);
    let cursor = 0;
    for (const [s, e] of known) {
      if (s > cursor) scan(cursor, s, scanErrors);
      cursor = Math.max(cursor, e);
    }
    scan(cursor, text.length, scanErrors);
  }
  return decide(cands);
}

function strip(c: Candidate): QuoteMatch {
  return { start: c.start, end: c.end, score: c.score, errors: c.errors, quoteSimilarity: c.quoteSimilarity };
}

function bestOf(cands: Candidate[]): Candidate | undefined {
  let best: Candidate | undefined;
  for (const c of cands) if (!best || c.score > best.score) best = c;
  return best;
}

/**
 * Accept the best candidate only if it is good enough and clearly better than any rival.
 * - Fuzzy: score ≥ MIN_FUZZY_SCORE and the context agrees (both sides, or one side perfectly).
 *   Away from the hint (or without one) only typo-sized edits are accepted: in lists of citations
 *   or photo credits, the neighbour of a deleted item has the same context and differs by a word.
 * - Exact: a short quote that is unique but agrees with neither context nor position is too
 *   likely to be the same phrase somewhere else.
 */
function decide(cands: Candidate[]): QuoteMatch | null {
  const best = bestOf(cands);
  if (!best) return null;
  const len = best.end - best.start;
  let rivals = 0;
  for (const c of cands) {
    if (c === best || (c.start < best.end && best.start < c.end)) continue;
    if (best.score - c.score < AMBIGUITY_MARGIN) return null;
    rivals++;
  }
  if (best.errors > 0) {
    if (!fuzzyAcceptable(best)) return null;
  } else if (rivals === 0 && best.context < 0.5 && best.position < 0.5 && len < MIN_LONE_EXACT_LENGTH) {
    return null;
  }
  return strip(best);
}

function fuzzyAcceptable(c: Candidate): boolean {
  if (c.quoteSimilarity < MIN_QUOTE_SIMILARITY || c.score < MIN_FUZZY_SCORE) return false;
  if (!(c.context >= CONFIRMED_CONTEXT || c.bestSide >= 0.95)) return false;
  return c.position >= NEAR_HINT || c.errors <= Math.max(1, Math.round(TYPO_RATE * (c.end - c.start)));
}

class Scorer {
  private readonly weight: number;

  constructor(
    private readonly text: string,
    private readonly quote: string,
    private readonly ctx: QuoteContext,
  ) {
    this.weight =
      W_QUOTE + (ctx.prefix ? W_PREFIX : 0) + (ctx.suffix ? W_SUFFIX : 0) + (ctx.hint !== undefined ? W_POSITION : 0);
  }

  candidate(start: number, end: number, errors: number): Candidate {
    const { prefix, suffix, hint } = this.ctx;
    const q = 1 - errors / this.quote.length;
    // The quote term falls steeply: 1 for exact, 0 at MIN_QUOTE_SIMILARITY. A different text with
    // the right context must not outscore the verbatim quote with the wrong context.
    const qTerm = Math.max(0, (q - MIN_QUOTE_SIMILARITY) / (1 - MIN_QUOTE_SIMILARITY));
    const p = prefix ? prefixSimilarity(this.text, start, prefix) : undefined;
    const s = suffix ? suffixSimilarity(this.text, end, suffix) : undefined;
    const position = hint !== undefined ? 1 / (1 + Math.abs(start - hint) / POSITION_SCALE) : 0;
    const score =
      (W_QUOTE * qTerm + W_PREFIX * (p ?? 0) + W_SUFFIX * (s ?? 0) + (hint !== undefined ? W_POSITION * position : 0)) /
      this.weight;
    // Context support: the mean of the sides we have; with no context at all, nothing to contradict.
    const context = p === undefined ? (s ?? 1) : s === undefined ? p : (p + s) / 2;
    const bestSide = Math.max(p ?? 0, s ?? 0);
    return { start, end, score, errors, quoteSimilarity: q, context, bestSide, position };
  }

  /** Context agrees: both sides, or one side perfectly (words inserted next to the quote). */
  contextConfirmed(c: Candidate): boolean {
    return c.context >= CONFIRMED_CONTEXT || c.bestSide >= 0.95;
  }

  /** Context agrees, and so does the position if there is a hint. */
  confirmed(c: Candidate): boolean {
    return this.contextConfirmed(c) && (this.ctx.hint === undefined || c.position >= 0.5);
  }

  /** The lowest quote similarity at which a candidate with perfect context could reach `score`. */
  minQuoteSimilarityToRival(score: number): number {
    const qTerm = (score * this.weight - (this.weight - W_QUOTE)) / W_QUOTE;
    return MIN_QUOTE_SIMILARITY + Math.max(0, qTerm) * (1 - MIN_QUOTE_SIMILARITY);
  }
}
