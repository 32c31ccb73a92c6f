/**
 * Detected claims on the page: finds the article, scores its sentences and paints the
 * check-worthy ones under `factmark-claim`, in idle-time slices so no task blocks the page
 * for long. Reasons and scores stay here for the hover card and the popup.
 *
 * Every phase is a generator of small units (issue 4: no task over ~40 ms on the largest page):
 *   article   live-DOM scorer, a few hundred elements per unit (utils/claims/article-root.ts)
 *   index     the text index of the article root (one unit: one walk of the article)
 *   segment   sentences of ~4,000 characters of text per unit (own UAX #29 rules, no ICU start-up)
 *   model     JSON.parse of the weights (a comment in the bundle), then tables read in place (model.ts)
 *   score     one sentence per unit
 *   paint     Ranges and highlights of the flagged sentences (one unit)
 * `timed` records each phase's total and longest unit; the popup's page info and bench/browser.ts
 * report them.
 */
import type { TextIndex } from '@/utils/anchoring/text-index';
import { buildTextIndex } from '@/utils/anchoring/text-index';
import { findArticleSteps } from '@/utils/claims/article-root';
import { loadDefaultModel } from '@/utils/claims/default-model';
import { candidateSteps, scoreCandidate, thresholdForModel, type Candidate } from '@/utils/claims/detect';
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
  | { state: 'done'; claims: PageClaim[]; stats: SliceStats; phases: Record<string, PhaseStats>; sentences: ArticleSentences }
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
  const run = () =>
    runSliced(pipeline(doc, settings, dismissed, phases, off, paint), { signal }).then(({ value, stats }) =>
      value.state === 'done' ? { ...value, stats, phases } : value,
    );
  if (off === null) return run();
  // Detection off: the article's sentences are found only when there is a known claim to look for.
  return wantSentences().then((want) => (want ? run() : { state: 'skipped' as const, reason: off, why: OFF_WHY }));
}

const OFF = 'Claim detection is switched off in settings.';
const OFF_WHY: SkipWhy = { code: 'detection-off' };

type PipelineResult =
  | { state: 'done'; claims: PageClaim[]; sentences: ArticleSentences }
  | { state: 'skipped'; reason: string; why: SkipWhy; sentences?: ArticleSentences };

function* pipeline(
  doc: Document,
  settings: Settings,
  dismissed: ReadonlySet<string>,
  phases: Record<string, PhaseStats>,
  off: string | null,
  paint?: (claims: PageClaim[]) => void,
): Generator<void, PipelineResult> {
  // Any language here: the language decides about scoring below, not about the sentences.
  const article = yield* timed(phases, 'article', findArticleSteps(doc, { requireEnglish: false }));
  if (!article.root) return off ? { state: 'skipped', reason: off, why: OFF_WHY } : { state: 'skipped', reason: skippedReason(article.skipped), why: { code: 'not-article' } };
  const root = article.root;
  yield;
  // Newlines between blocks: a heading or a caption never runs into the next paragraph's sentence.
  const index: TextIndex = yield* timed(phases, 'index', unit(() => buildTextIndex(root, { blockSeparator: '\n' })));
  yield;
  const sentences: Candidate[] = yield* timed(phases, 'segment', candidateSteps(index.text, {}));
  yield;
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
  const model = yield* timed(phases, 'model', loadDefaultModel());
  const threshold = thresholdForModel(model, settings.sensitivity);
  yield;
  // Reasons only for the sentences that are flagged (they are all the popup and hover card show).
  const flagged = yield* timed(phases, 'score', scoreSteps(sentences, (s) => scoreCandidate(model, s, threshold), threshold));
  yield;
  const claims = yield* timed(phases, 'paint', unit(() => {
    const out: PageClaim[] = [];
    for (const { sentence: s, score, reasons } of flagged) {
      const id = claimId(s.text);
      if (dismissed.has(id)) continue;
      const range = index.toRange(s.start, s.end);
      // Captions, credits, bylines and promos inside the article element are not its prose.
      if (!article.includes(range.startContainer)) continue;
      out.push({ id, text: s.text, start: s.start, end: s.end, score, reasons, range });
    }
    paint?.(out);
    return out;
  }));
  return { state: 'done', claims, sentences: { list: sentences, index } };
}

/** One sentence per unit; keeps those at or above `threshold`. */
function* scoreSteps(
  sentences: Candidate[],
  score: (s: Candidate) => { score: number; reasons: string[] },
  threshold: number,
): Generator<void, { sentence: Candidate; score: number; reasons: string[] }[], void> {
  const out: { sentence: Candidate; score: number; reasons: string[] }[] = [];
  for (let i = 0; i < sentences.length; i++) {
    const scored = score(sentences[i]);
    if (scored.score >= threshold) out.push({ sentence: sentences[i], ...scored });
    if (i + 1 < sentences.length) yield;
  }
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
