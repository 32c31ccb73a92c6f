/**
 * A page's sentences scored in one call, where the model lives. The content script finds the
 * article's sentences and sends their text; the background, which keeps the model decoded and
 * its scoring code warm between pages, answers with the flagged ones only. So no page pays for
 * loading the model (470 KB of weights) or for running cold scoring code on its main thread, and
 * the content script no longer carries the weights.
 */
import type { ClaimModel } from './model';
import { scoreCandidate, thresholdForModel, type Candidate } from './detect';

/** What the model reads of a sentence: its text and, for quoted speech, the quoted words. */
export type SentenceToScore = Pick<Candidate, 'text' | 'quote'>;

export interface FlaggedSentence {
  /** Index in the list that was scored. */
  index: number;
  score: number;
  /** Why, strongest first ("a figure", "an attribution" …). */
  reasons: string[];
}

export interface ClaimScores {
  /** The decision threshold at the sensitivity asked for. */
  threshold: number;
  /** The sentences at or above it, in the order given. */
  flagged: FlaggedSentence[];
}

/** The sentences the model flags at `sensitivity` (0–1, default 0.5 = the trained threshold). */
export function scoreBatch(model: ClaimModel, sentences: readonly SentenceToScore[], sensitivity?: number): ClaimScores {
  const threshold = thresholdForModel(model, sensitivity);
  const flagged: FlaggedSentence[] = [];
  sentences.forEach((s, index) => {
    // Reasons are worked out only for what is flagged: all the hover card and the popup show.
    const { score, reasons } = scoreCandidate(model, s, threshold);
    if (score >= threshold) flagged.push({ index, score, reasons });
  });
  return { threshold, flagged };
}
