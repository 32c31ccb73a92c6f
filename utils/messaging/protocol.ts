/**
 * The one request/reply protocol between content scripts (and extension pages) and the
 * background. Every request is validated on receipt (runtime schemas below); replies are a
 * Result because Error objects do not survive structured cloning.
 */
import * as v from 'valibot';
import type { Annotation } from '../model/annotation';
import { AnnotationDraftSchema, AnnotationPatchSchema, HttpUrlSchema } from '../model/schema';

export const PROTOCOL_TAG = 'factmark/1';

const IdSchema = v.pipe(v.string(), v.uuid('Not a note id'));
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
}

export interface RequestEnvelope<T extends RequestType = RequestType> {
  tag: typeof PROTOCOL_TAG;
  type: T;
  data: RequestData<T>;
}

export type ErrorCode = 'invalid-message' | 'unknown-type' | 'invalid-data' | 'forbidden-sender' | 'not-found' | 'internal';

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
