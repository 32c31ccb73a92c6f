/**
 * Detected claims on the page: finds the article, scores its sentences and paints the
 * check-worthy ones under `factmark-claim`, in idle-time slices so no task blocks the page
 * for long. Reasons and scores stay here for the hover card and the popup.
 */
import type { TextIndex } from '@/utils/anchoring/text-index';
import { buildTextIndex } from '@/utils/anchoring/text-index';
import { findArticle } from '@/utils/claims/article-root';
import { candidates, getDefaultModel, scoreCandidate, thresholdFor, type Candidate } from '@/utils/claims/detect';
import { runSliced, type SliceStats } from '@/utils/scheduling/sliced-work';
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
  | { state: 'done'; claims: PageClaim[]; stats: SliceStats; sentences: ArticleSentences }
  | { state: 'skipped'; reason: string };

/** Sentences scored per slice unit: small enough that a unit stays well under a millisecond. */
const SCORE_BATCH = 16;

export function detectPageClaims(
  doc: Document,
  settings: Settings,
  dismissed: ReadonlySet<string>,
  signal?: AbortSignal,
): Promise<ClaimsOutcome> {
  if (!settings.detectClaims) return Promise.resolve({ state: 'skipped', reason: 'Claim detection is switched off in settings.' });
  if (isSiteDisabled(settings, location.hostname)) {
    return Promise.resolve({ state: 'skipped', reason: `Claim detection is off for ${location.hostname}.` });
  }
  return runSliced(pipeline(doc, settings, dismissed), { signal }).then(({ value, stats }) =>
    value.state === 'done' ? { ...value, stats } : value,
  );
}

type PipelineResult = { state: 'done'; claims: PageClaim[]; sentences: ArticleSentences } | { state: 'skipped'; reason: string };

function* pipeline(doc: Document, settings: Settings, dismissed: ReadonlySet<string>): Generator<void, PipelineResult> {
  const article = findArticle(doc, { requireEnglish: !settings.detectOtherLanguages });
  yield;
  if (!article.root) return { state: 'skipped', reason: skippedReason(article.skipped) };
  // Newlines between blocks: a heading or a caption never runs into the next paragraph's sentence.
  const index: TextIndex = buildTextIndex(article.root, { blockSeparator: '\n' });
  yield;
  const sentences: Candidate[] = candidates(index.text, {});
  yield;
  const model = getDefaultModel();
  const threshold = thresholdFor({ sensitivity: settings.sensitivity, model });
  const claims: PageClaim[] = [];
  for (let i = 0; i < sentences.length; i += SCORE_BATCH) {
    for (const s of sentences.slice(i, i + SCORE_BATCH)) {
      const { score, reasons } = scoreCandidate(model, s);
      if (score < threshold) continue;
      const id = claimId(s.text);
      if (dismissed.has(id)) continue;
      const range = index.toRange(s.start, s.end);
      // Captions, credits, bylines and promos inside the article element are not its prose.
      if (!article.includes(range.startContainer)) continue;
      claims.push({ id, text: s.text, start: s.start, end: s.end, score, reasons, range });
    }
    yield;
  }
  return { state: 'done', claims, sentences: { list: sentences, index } };
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
