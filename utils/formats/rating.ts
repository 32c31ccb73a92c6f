/**
 * Maps fact-checkers' rating names and numbers onto Factmark's scale.
 *
 * Real feeds disagree with themselves (PolitiFact's original markup rated "True" as 1 of 6), so
 * the rating *name* is trusted first and the number only when the name is missing or unknown.
 * Names are compared after foldForMatching (case, accents, punctuation), in several languages
 * seen in ClaimReview feeds; a name that is not recognised leaves the claim "unrated".
 */
import { GRADED_RATING, type Verdict } from '../model/annotation';
import { foldForMatching } from '../known-claims/fold';

const NAMES: [Verdict, string[]][] = [
  ['mostly-true', [
    'mostly true', 'mostly correct', 'mostly accurate', 'largely true', 'largely accurate', 'mainly true',
    'essentially true', 'almost true', 'true but', 'mayormente verdadero', 'principalmente verdadeiro', 'plutot vrai',
    'weitgehend richtig', 'overwegend waar',
  ]],
  ['mostly-false', [
    'mostly false', 'mostly incorrect', 'mostly inaccurate', 'largely false', 'largely inaccurate', 'mainly false',
    'barely true', 'mayormente falso', 'principalmente falso', 'plutot faux', 'weitgehend falsch', 'overwegend onwaar',
  ]],
  ['mixed', [
    'mixed', 'mixture', 'half true', 'half false', 'partly true', 'partly false', 'partially true', 'partially false',
    'partly correct', 'half correct', 'somewhat true', 'mezcla', 'verdad a medias', 'meia verdade', 'en partie vrai',
    'teilweise richtig', 'teilweise falsch', 'half waar', 'delvist sandt', 'delvis sant', 'delvis sandt', 'cierto a medias',
  ]],
  ['true', [
    'true', 'correct', 'accurate', 'verified', 'confirmed', 'legit', 'authentic', 'verdadero', 'verdadeiro',
    'cierto', 'vrai', 'wahr', 'richtig', 'sandt', 'sant', 'waar', 'prawda', 'vero', 'correcto', 'correto', 'juist', 'geverifieerd',
  ]],
  ['false', [
    'false', 'fake', 'incorrect', 'inaccurate', 'wrong', 'pants on fire', 'four pinocchios', 'hoax', 'fabricated', 'not true',
    'untrue', 'bogus', 'scam', 'debunked', 'falso', 'faux', 'falsch', 'falsk', 'onwaar', 'nepravda', 'fausse', 'fake news',
    'fabricado', 'bulo', 'fals', 'epatosi', 'ложь',
  ]],
  ['misleading', [
    'misleading', 'missing context', 'false context', 'out of context', 'lacks context', 'needs context', 'no context',
    'decontextualized', 'decontextualised', 'manipulated', 'altered', 'altered photo', 'altered video', 'distorted',
    'exaggerated', 'exaggeration', 'cherry picked', 'spin', 'partly misleading', 'misrepresented', 'deceptive',
    'vildledende', 'villedende', 'vilseledande', 'misvisende', 'enganoso', 'engañoso', 'trompeur', 'irrefuhrend',
    'fuorviante', 'misleidend', 'wprowadzajace w blad', 'sin contexto', 'fora de contexto', 'hors contexte',
  ]],
  ['unverifiable', [
    'unverifiable', 'unproven', 'unverified', 'unsupported', 'no evidence', 'not enough evidence', 'insufficient evidence',
    'unsubstantiated', 'undetermined', 'inconclusive', 'cannot be verified', 'unclear', 'sin evidencia', 'sem provas',
    'unbelegt', 'non verifiable', 'invérifiable', 'niet te verifieren', 'ikke bekraeftet',
  ]],
];

const BY_NAME = new Map<string, Verdict>();
for (const [verdict, names] of NAMES) for (const n of names) BY_NAME.set(foldForMatching(n), verdict);

/** The verdict a rating name stands for, or undefined if the name is not recognised. */
export function verdictFromRatingName(name: string | undefined): Verdict | undefined {
  if (!name) return undefined;
  const folded = foldForMatching(name).slice(0, 200);
  if (!folded) return undefined;
  const exact = BY_NAME.get(folded);
  if (exact) return exact;
  // "False. The photo is from 2019", "Mostly false: …": the leading words decide, longest first.
  const words = folded.split(' ');
  for (let n = Math.min(4, words.length - 1); n >= 1; n--) {
    const v = BY_NAME.get(words.slice(0, n).join(' '));
    if (v) return v;
  }
  return undefined;
}

/** A number on [worst, best] (defaults 1–5) placed on the five graded verdicts. */
export function verdictFromRatingValue(value: number | undefined, best = 5, worst = 1): Verdict | undefined {
  if (value === undefined || !Number.isFinite(value) || !Number.isFinite(best) || !Number.isFinite(worst) || best <= worst) return undefined;
  if (value < worst || value > best) return undefined;
  const x = (value - worst) / (best - worst);
  return x >= 0.875 ? 'true' : x >= 0.625 ? 'mostly-true' : x >= 0.375 ? 'mixed' : x >= 0.125 ? 'mostly-false' : 'false';
}

/** ClaimReview ratingValue for a verdict on the 1–5 scale, when it is graded. */
export function ratingValueOf(verdict: Verdict): 1 | 2 | 3 | 4 | 5 | undefined {
  return GRADED_RATING[verdict];
}
