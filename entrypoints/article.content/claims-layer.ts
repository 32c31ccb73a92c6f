/**
 * Detected claims on the page: finds the article and its sentences in idle-time slices, has the
 * background score them (the claim model lives there, decoded once and warm: no page loads its
 * 470 KB of weights or runs cold scoring code on its main thread), and paints the check-worthy
 * ones under `factmark-claim`. Reasons and scores stay here for the hover card and the popup.
 *
 * Every phase on the page is a generator of small units (issue 4: no task over ~40 ms on the
 * largest page):
 *   article   live-DOM scorer, a few hundred elements per unit (utils/claims/article-root.ts)
 *   index     the text index of the article root (one unit: one walk of the article)
 *   segment   sentences of ~4,000 characters of text per unit (own UAX #29 rules, no ICU start-up)
 *   paint     Ranges and highlights of the flagged sentences (one unit)
 * and between segment and paint the page waits, doing nothing, for the background's scores
 * ('claims/score'). `timed` records each phase's total and longest unit; the popup's page info
 * and bench/browser.ts report them, and the wait as `scoreWaitMs`.
 */
import type { TextIndex } from '@/utils/anchoring/text-index';
import { buildTextIndex } from '@/utils/anchoring/text-index';
import { findArticleSteps } from '@/utils/claims/article-root';
import { candidateSteps, type Candidate } from '@/utils/claims/detect';
import type { ClaimScores } from '@/utils/claims/score-batch';
import { sendRequest } from '@/utils/messaging/client';
import { SENTENCE_LIMITS } from '@/utils/messaging/protocol';
import { runSliced, timed, type PhaseStats, type SliceStats } from '@/utils/scheduling/sliced-work';
import { isSiteDisabled, type Settings } from '@/utils/settings/defaults';

export interface PageClaim {
  /** Stable for the page text: a hash of the sentence, so dismissals survive reloads. */
  id: string;
  text: string;
  start: number;
  end: number;
  score: number;
  reasons: string[];
  range: Range;
}

export interface ArticleSentences {
  list: Candidate[];
  index: TextIndex;
}

export type ClaimsOutcome =
  | {
      state: 'done';
      claims: PageClaim[];
      stats: SliceStats;
      phases: Record<string, PhaseStats>;
      sentences: ArticleSentences;
      /** Wall time from asking the background for scores to its answer (the page's thread is free meanwhile). */
      scoreWaitMs: number;
    }
  /** `sentences`: the article's, when there is one, for known claims (they do not depend on the model or its settings). */
  | { state: 'skipped'; reason: string; why: SkipWhy; sentences?: ArticleSentences };

/** Why detection stood aside, for the popup to say in the reader's language (`reason` is the English log text). */
export type SkipWhy =
  | { code: 'site-off'; host: string }
  | { code: 'detection-off' }
  /** `language`: a BCP 47 primary subtag, or 'und' when the page is not English but its language is unknown. */
  | { code: 'language'; language: string }
  | { code: 'not-article' }
  | { code: 'failed' };

/**
 * Detects the claims of `doc` in idle slices. `paint` is called with the claims inside the last
 * slice, so painting counts in the slice timers like the rest of the work.
 *
 * With detection switched off, or on a page in a language the model does not read, the claims
 * are skipped but the article's sentences are still found (with detection off, only when
 * `wantSentences` says so): known claims (reviews, the reader's graded notes) are matched on them
 * in any language. A site the reader turned Factmark off for is left alone.
 */
export function detectPageClaims(
  doc: Document,
  settings: Settings,
  dismissed: ReadonlySet<string>,
  signal?: AbortSignal,
  paint?: (claims: PageClaim[]) => void,
  wantSentences: () => Promise<boolean> = async () => true,
): Promise<ClaimsOutcome> {
  // A site the reader turned Factmark off for gets neither detected nor known claims.
  if (isSiteDisabled(settings, location.hostname)) {
    return Promise.resolve({ state: 'skipped', reason: `Claim detection is off for ${location.hostname}.`, why: { code: 'site-off', host: location.hostname } });
  }
  const off = settings.detectClaims ? null : OFF;
  const phases: Record<string, PhaseStats> = {};
  const run = async (): Promise<ClaimsOutcome> => {
    const found = await runSliced(findSentences(doc, settings, phases, off), { signal });
    if (found.value.state === 'skipped') return found.value;
    const { article, sentences, index } = found.value;
    const asked = performance.now();
    // The model lives in the background; the request is cut to the limits it accepts.
    const { count, chars } = SENTENCE_LIMITS;
    const scores = await sendRequest('claims/score', {
      sentences: sentences.slice(0, count).map((s) => ({ text: s.text.slice(0, chars), ...(s.quote !== undefined && { quote: s.quote.slice(0, chars) }) })),
      sensitivity: settings.sensitivity,
    });
    const scoreWaitMs = performance.now() - asked;
    signal?.throwIfAborted();
    const painted = await runSliced(timed(phases, 'paint', paintSteps(article.includes, index, sentences, scores, dismissed, paint)), { signal });
    const a = found.stats;
    const b = painted.stats;
    const stats: SliceStats = { slices: a.slices + b.slices, firstSlice: a.firstSlice, busy: a.busy + b.busy, longest: Math.max(a.longest, b.longest) };
    return { state: 'done', claims: painted.value, stats, phases, sentences: { list: sentences, index }, scoreWaitMs };
  };
  if (off === null) return run();
  // Detection off: the article's sentences are found only when there is a known claim to look for.
  return wantSentences().then((want) => (want ? run() : { state: 'skipped' as const, reason: off, why: OFF_WHY }));
}

const OFF = 'Claim detection is switched off in settings.';
const OFF_WHY: SkipWhy = { code: 'detection-off' };

type FoundSentences =
  | { state: 'found'; article: { includes: (node: Node) => boolean }; sentences: Candidate[]; index: TextIndex }
  | { state: 'skipped'; reason: string; why: SkipWhy; sentences?: ArticleSentences };

/** The article and its sentences (any language: the language decides about scoring, not about sentences). */
function* findSentences(doc: Document, settings: Settings, phases: Record<string, PhaseStats>, off: string | null): Generator<void, FoundSentences> {
  const article = yield* timed(phases, 'article', findArticleSteps(doc, { requireEnglish: false }));
  if (!article.root) return off ? { state: 'skipped', reason: off, why: OFF_WHY } : { state: 'skipped', reason: skippedReason(article.skipped), why: { code: 'not-article' } };
  const root = article.root;
  yield;
  // Newlines between blocks: a heading or a caption never runs into the next paragraph's sentence.
  const index: TextIndex = yield* timed(phases, 'index', unit(() => buildTextIndex(root, { blockSeparator: '\n' })));
  yield;
  const sentences: Candidate[] = yield* timed(phases, 'segment', candidateSteps(index.text, {}));
  if (off) return { state: 'skipped', reason: off, why: OFF_WHY, sentences: { list: sentences, index } };
  // Not gated on known claims existing, unlike detection off: the language is known only here,
  // mid-pipeline, and the index and sentences cost ~5 ms of CPU in idle slices on the largest
  // corpus page (bench/browser.ts phases), little enough not to wait on the background for.
  if (article.language !== 'en' && !settings.detectOtherLanguages) {
    return {
      state: 'skipped',
      reason: skippedReason(`page language is ${article.language}; the claim model is English-only`),
      why: { code: 'language', language: article.language },
      sentences: { list: sentences, index },
    };
  }
  return { state: 'found', article, sentences, index };
}

/** Ranges and highlights of the flagged sentences, in one unit; dismissed ones and non-prose left out. */
function* paintSteps(
  includes: (node: Node) => boolean,
  index: TextIndex,
  sentences: Candidate[],
  scores: ClaimScores,
  dismissed: ReadonlySet<string>,
  paint?: (claims: PageClaim[]) => void,
): Generator<void, PageClaim[], void> {
  const out: PageClaim[] = [];
  for (const { index: i, score, reasons } of scores.flagged) {
    const s = sentences[i];
    if (!s) continue;
    const id = claimId(s.text);
    if (dismissed.has(id)) continue;
    const range = index.toRange(s.start, s.end);
    // Captions, credits, bylines and promos inside the article element are not its prose.
    if (!includes(range.startContainer)) continue;
    out.push({ id, text: s.text, start: s.start, end: s.end, score, reasons, range });
  }
  paint?.(out);
  return out;
}

/** A single unit of work as a generator (for `timed`). */
function* unit<T>(run: () => T): Generator<void, T, void> {
  return run();
}

function skippedReason(skipped: string | undefined): string {
  if (!skipped) return 'No article text found on this page.';
  return skipped.charAt(0).toUpperCase() + skipped.slice(1) + '.';
}

/** FNV-1a of the sentence: the same sentence gets the same id on every visit. */
export function claimId(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `c${(h >>> 0).toString(36)}${text.length.toString(36)}`;
}
