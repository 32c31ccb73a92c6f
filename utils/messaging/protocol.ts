/**
 * The one request/reply protocol between content scripts (and extension pages) and the
 * background. Every request is validated on receipt (runtime schemas below); replies are a
 * Result because Error objects do not survive structured cloning.
 */
import * as v from 'valibot';
import type { Annotation, Verdict } from '../model/annotation';
import type { KnownClaim } from '../known-claims/types';
import type { ClaimScores } from '../claims/score-batch';
import { AnnotationDraftSchema, AnnotationPatchSchema, HttpUrlSchema } from '../model/schema';

export { PROTOCOL_TAG } from './protocol-tag';
import { PROTOCOL_TAG } from './protocol-tag';

/** The most sentences of a page, and characters of one sentence, a content script sends in one request. */
export const SENTENCE_LIMITS = { count: 5000, chars: 2000 } as const;
const SentenceTextSchema = v.pipe(v.string(), v.maxLength(SENTENCE_LIMITS.chars));

const IdSchema = v.pipe(v.string(), v.uuid('Not a note id'));
const ClaimKeySchema = v.pipe(v.string(), v.regex(/^claim:[a-z0-9-]{1,40}$/, 'Not a claim id'));
const PageKeysSchema = v.pipe(v.array(HttpUrlSchema), v.minLength(1), v.maxLength(4));

/** Request schemas, one per message type. The reply types are in `Replies`. */
export const REQUEST_SCHEMAS = {
  /** Live notes stored under any of the page's keys (own URL, canonical URL). */
  'notes/list-for-page': v.strictObject({ pageKeys: PageKeysSchema }),
  /** Create a note from the in-page editor. */
  'notes/create': v.strictObject({ draft: AnnotationDraftSchema }),
  'notes/update': v.strictObject({ id: IdSchema, patch: AnnotationPatchSchema }),
  /** Soft delete (tombstone). */
  'notes/delete': v.strictObject({ id: IdSchema }),
  /** Undo a delete. */
  'notes/restore': v.strictObject({ id: IdSchema }),
  /** The content script reports what it painted, for the toolbar badge. */
  'page/status': v.strictObject({
    notes: v.pipe(v.number(), v.integer(), v.minValue(0)),
    orphans: v.pipe(v.number(), v.integer(), v.minValue(0)),
    claims: v.pipe(v.number(), v.integer(), v.minValue(0)),
    /** Sentences that repeat an already reviewed claim. */
    known: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
  }),
  /** Extension pages only: notes of these pages changed outside the background (an import); tell open tabs. */
  'notes/announce-changes': v.strictObject({ pageUrls: v.pipe(v.array(HttpUrlSchema), v.maxLength(100_000)) }),
  /** The article's sentences, to find those that repeat a claim someone already reviewed. */
  'known-claims/match': v.strictObject({
    sentences: v.pipe(v.array(SentenceTextSchema), v.maxLength(SENTENCE_LIMITS.count)),
  }),
  /** Whether there is any known claim to match (so a page with claim detection off can skip finding its sentences). */
  'known-claims/any': v.strictObject({}),
  /** The article's sentences, to be scored by the claim model (which lives in the background). */
  'claims/score': v.strictObject({
    sentences: v.pipe(
      v.array(v.strictObject({ text: SentenceTextSchema, quote: v.optional(SentenceTextSchema) })),
      v.maxLength(SENTENCE_LIMITS.count),
    ),
    sensitivity: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  }),
} as const;

export type RequestType = keyof typeof REQUEST_SCHEMAS;
export type RequestData<T extends RequestType> = v.InferOutput<(typeof REQUEST_SCHEMAS)[T]>;

export interface Replies {
  'notes/list-for-page': Annotation[];
  'notes/create': Annotation;
  'notes/update': Annotation;
  'notes/delete': Annotation;
  'notes/restore': Annotation;
  'page/status': null;
  'notes/announce-changes': null;
  'known-claims/match': KnownClaimHit[];
  'known-claims/any': boolean;
  'claims/score': ClaimScores;
}

/** A page sentence that repeats a known claim, with what the page needs to show the review. */
export interface KnownClaimHit {
  sentenceIndex: number;
  score: number;
  claim: Pick<KnownClaim, 'id' | 'text' | 'verdict' | 'ratingName' | 'reviewUrl' | 'publisher'>;
}

/** A sentence of this page that repeats a reviewed claim, as the popup lists it. */
export interface KnownClaimSummary {
  /** "known:<sentence index>" */
  id: string;
  /** The page's sentence. */
  text: string;
  /** The claim as reviewed (may be worded differently). */
  reviewed: string;
  verdict: Verdict;
  ratingName?: string;
  reviewUrl?: string;
  publisher?: string;
  /** The review is one of the reader's own notes (on another page). */
  own: boolean;
}

export interface RequestEnvelope<T extends RequestType = RequestType> {
  tag: typeof PROTOCOL_TAG;
  type: T;
  data: RequestData<T>;
}

/**
 * Why a request failed. The message beside it is the technical detail (English, for logs and bug
 * reports); the UI words each code in the reader's language (components/error-text.ts).
 * `needs-source`: a graded verdict without a source; `storage-full`: the browser refused to store more.
 */
export type ErrorCode = 'invalid-message' | 'unknown-type' | 'invalid-data' | 'needs-source' | 'forbidden-sender' | 'not-found' | 'storage-full' | 'internal';

export type Result<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };

/** Background → content scripts and extension pages: notes of these pages changed; re-read them. */
export interface NotesChangedEvent {
  tag: typeof PROTOCOL_TAG;
  event: 'notes/changed';
  pageUrls: string[];
}

/** Extension pages → a tab's content script (through tabs.sendMessage). */
export const TAB_REQUEST_SCHEMAS = {
  /** The page's identity as the content script sees it (canonical link included). */
  'tab/page-info': v.strictObject({}),
  /** Scroll to a note's highlight and flash it. */
  'tab/show-note': v.strictObject({ id: IdSchema }),
  /**
   * Background (context menu "Fact-check selection", keyboard command) → the tab: open the editor
   * for the current selection. Replies with what happened: 'opened' | 'too-long' | 'no-selection'
   * | 'ignored' (text field, own UI) | 'busy' (the editor is already open).
   */
  'tab/fact-check-selection': v.strictObject({}),
  /** The page's detected claims, ranked, and why detection was skipped when it was. */
  'tab/claims': v.strictObject({}),
  /** Forget a detected claim on this page (remembered across visits). */
  'tab/dismiss-claim': v.strictObject({ id: ClaimKeySchema }),
  /** Open the editor on a detected claim, pre-selected. */
  'tab/fact-check-claim': v.strictObject({ id: ClaimKeySchema }),
  /** Scroll to a sentence that repeats a reviewed claim, flash it and show its card. */
  'tab/show-known': v.strictObject({ id: v.pipe(v.string(), v.regex(/^known:\d{1,6}$/, 'Not a known-claim id')) }),
} as const;

export function isProtocolRequest(message: unknown): message is { tag: string; type: unknown; data: unknown } {
  return typeof message === 'object' && message !== null && (message as { tag?: unknown }).tag === PROTOCOL_TAG;
}

export function isNotesChangedEvent(message: unknown): message is NotesChangedEvent {
  return (
    isProtocolRequest(message) &&
    (message as unknown as NotesChangedEvent).event === 'notes/changed' &&
    Array.isArray((message as unknown as NotesChangedEvent).pageUrls)
  );
}
