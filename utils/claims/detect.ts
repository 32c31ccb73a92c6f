/**
 * Claim detection: sentences of a text that the model scores as check-worthy factual claims.
 *
 * Node tools and tests call `detectClaims(text)`, which uses the weights as a static JSON import.
 * The extension uses the pieces instead: the content script finds sentences (`candidateSteps`),
 * the background scores them (score-batch.ts: `scoreCandidate`, `thresholdForModel`) with the
 * model from default-model.ts; neither imports anything here that touches `getDefaultModel`, so
 * the bundler leaves the parsed JSON out.
 */
import weightsFile from './data/weights.json';
import { decodeModel, lastReasons, logit, sigmoid, type ClaimModel, type WeightsFile } from './model';
import { segmentSentences, type SegmentOptions, type Sentence } from './segment';

export interface DetectedClaim {
  text: string;
  /** UTF-16 offsets into the input text. */
  start: number;
  end: number;
  /** Probability of a check-worthy claim, 0–1. */
  score: number;
  /** Why, for the reader: "a figure", "an attribution" … (strongest first). */
  reasons: string[];
}

export interface DetectOptions extends SegmentOptions {
  /** Probability threshold; overrides `sensitivity`. */
  threshold?: number;
  /**
   * 0–1, default 0.5 = the model's trained threshold. Each 0.1 above 0.5 lowers the decision
   * threshold by 0.5 in log-odds (more sentences flagged), each 0.1 below raises it.
   */
  sensitivity?: number;
  /** Another model (tests, experiments); defaults to the committed weights. */
  model?: ClaimModel;
  /**
   * Also consider lines without closing punctuation (headings, captions, link lists, credits).
   * Default false: on article pages those are almost never a sentence of the article's prose.
   */
  unpunctuated?: boolean;
}

const CLOSED = /[.!?…"”’')\]]$/;

export interface Candidate extends Sentence {
  /** The quoted words, when the sentence is quoted speech with at most a short attribution. */
  quote?: string;
}

/** Sentences worth scoring, with quoted speech marked (the content script scores them in slices). */
export function candidates(text: string, opts: DetectOptions): Candidate[] {
  const all = markQuotes(text, segmentSentences(text, opts));
  return opts.unpunctuated ? all : all.filter((s) => CLOSED.test(s.text));
}

/**
 * `candidates` in pieces: the text is cut at line breaks into runs of about `chunkChars`
 * characters and the generator yields after each run. Sentences and quote state never cross a
 * line, so the result equals `candidates(text, opts)`.
 */
export function* candidateSteps(text: string, opts: DetectOptions, chunkChars = 4000): Generator<void, Candidate[], void> {
  const out: Candidate[] = [];
  for (let from = 0; from < text.length; ) {
    let to = text.indexOf('\n', from + chunkChars);
    if (to < 0) to = text.length;
    for (const c of candidates(text.slice(from, to), opts)) out.push({ ...c, start: c.start + from, end: c.end + from });
    from = to + 1;
    if (from < text.length) yield;
  }
  return out;
}

/**
 * Quoted speech. The model learnt from what speakers say, so in an article the quote marks and an
 * attribution ("…,” Kuleba told reporters.) are no evidence of a factual claim: a quoted sentence
 * is scored on the quoted words alone. Quote state runs across the sentences of one block, so the
 * middle sentences of a multi-sentence quote count as quoted too.
 */
const REPORTING = /\b(said|says|told|added|asked|warned|insisted|stated|wrote|tweeted|explained|argued|noted|claimed|continued|according|recalled|replied|declared|announced)\b/i;
const QUOTE_MARK = /[“”"]/;
function markQuotes(text: string, sentences: Sentence[]): Candidate[] {
  let open = false;
  let lastBlockEnd = -1;
  return sentences.map((s) => {
    // A new block (line) resets the quote state.
    if (text.lastIndexOf('\n', s.start) !== lastBlockEnd) open = false;
    lastBlockEnd = text.lastIndexOf('\n', s.start);
    // Most sentences have no quote marks: all narrative, state unchanged, not a quote.
    if (!open && !QUOTE_MARK.test(s.text)) return s;
    const startsQuoted = open || /^[“"]/.test(s.text);
    let quoted = '';
    let narrative = '';
    for (const ch of s.text) {
      if (ch === '“') open = true;
      else if (ch === '”') open = false;
      else if (ch === '"') open = !open;
      else if (open) quoted += ch;
      else narrative += ch;
    }
    const narrativeWords = narrative.match(/[A-Za-z0-9]+/g)?.length ?? 0;
    const quotedWords = quoted.match(/[A-Za-z0-9]+/g)?.length ?? 0;
    // Quoted speech: only quoted words, or a quotation with its attribution ("…,” X said, adding
    // …) — a short one anywhere, or any length after a sentence that opens with the quotation.
    const isQuote =
      quotedWords >= 3 && (narrativeWords === 0 || (REPORTING.test(narrative) && (narrativeWords <= 12 || startsQuoted)));
    return isQuote ? { ...s, quote: quoted.trim() } : s;
  });
}

/** Figures and dates: quoted numbers are claims a fact-checker would check, whoever said them. */
const FIGURE_REASONS = new Set(['a figure', 'a large number', 'a percentage', 'an amount of money', 'a year', 'a date', 'an attributed figure', 'a statistic']);
/** Extra log-odds a quotation without figures must clear: pure opinion in quotes stays unflagged. */
export const QUOTE_PENALTY = 1.5;

/**
 * Score and reasons of one candidate. Below `reasonsFrom` (a probability) a sentence that is not a
 * quotation gets no reasons.
 */
export function scoreCandidate(model: ClaimModel, c: Pick<Candidate, 'text' | 'quote'>, reasonsFrom = 0): { score: number; reasons: string[] } {
  // Reasons read the features that `logit` just computed (lastReasons), not a second pass.
  if (!c.quote) {
    const score = sigmoid(logit(model, c.text));
    return { score, reasons: score >= reasonsFrom ? lastReasons(model) : [] };
  }
  const quoted = logit(model, c.quote);
  const reasons = lastReasons(model);
  const z = quoted - (reasons.some((r) => FIGURE_REASONS.has(r)) ? 0 : QUOTE_PENALTY);
  return { score: sigmoid(z), reasons: reasons.length ? [...reasons, 'quoted'] : ['quoted'] };
}

let defaultModel: ClaimModel | null = null;
/** The committed model, decoded once on first use. */
export function getDefaultModel(): ClaimModel {
  defaultModel ??= decodeModel(weightsFile as WeightsFile);
  return defaultModel;
}

/** The probability threshold that `opts` asks for. */
export function thresholdFor(opts: Pick<DetectOptions, 'threshold' | 'sensitivity' | 'model'> = {}): number {
  if (opts.threshold !== undefined) return opts.threshold;
  return thresholdForModel(opts.model ?? getDefaultModel(), opts.sensitivity);
}

/** The probability threshold of `model` at `sensitivity` (see DetectOptions.sensitivity). */
export function thresholdForModel(model: ClaimModel, sensitivity?: number): number {
  const base = model.threshold;
  const s = Math.min(1, Math.max(0, sensitivity ?? 0.5));
  const z = Math.log(base / (1 - base)) - (s - 0.5) * 5;
  return sigmoid(z);
}

export function detectClaims(text: string, opts: DetectOptions = {}): DetectedClaim[] {
  const model = opts.model ?? getDefaultModel();
  const thr = thresholdFor({ ...opts, model });
  const out: DetectedClaim[] = [];
  for (const c of candidates(text, opts)) {
    const { score, reasons } = scoreCandidate(model, c);
    if (score >= thr) out.push({ text: c.text, start: c.start, end: c.end, score, reasons });
  }
  return out;
}

/** Scores every sentence (flagged or not); for the CLI's --all and for tuning. */
export function scoreSentences(text: string, opts: DetectOptions = {}): (DetectedClaim & { flagged: boolean })[] {
  const model = opts.model ?? getDefaultModel();
  const thr = thresholdFor({ ...opts, model });
  return candidates(text, opts).map((c) => {
    const { score, reasons } = scoreCandidate(model, c);
    return { text: c.text, start: c.start, end: c.end, score, flagged: score >= thr, reasons };
  });
}
