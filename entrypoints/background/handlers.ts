/**
 * One function per protocol message. Handlers keep no state in memory: the MV3 service worker
 * may be stopped between two messages, so everything lives in the database.
 */
import * as v from 'valibot';
import type { FactmarkDB } from '@/utils/storage/db';
import {
  NoteNotFoundError,
  RuleError,
  createAnnotation,
  deleteAnnotation,
  listByPages,
  restoreAnnotation,
  updateAnnotation,
} from '@/utils/storage/annotations';
import { normalizePageUrl } from '@/utils/url/page-url';
import { isQuotaError } from '@/utils/storage/quota';
import { NEEDS_SOURCE_MESSAGE } from '@/utils/model/schema';
import { hasKnownClaims, matchKnownClaims } from '@/utils/storage/known-claims-matcher';
import { defaultModelNow } from '@/utils/claims/default-model';
import { scoreBatch } from '@/utils/claims/score-batch';
import {
  REQUEST_SCHEMAS,
  isProtocolRequest,
  type ErrorCode,
  type Replies,
  type RequestData,
  type RequestType,
  type Result,
} from '@/utils/messaging/protocol';

export interface MessageSender {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
}

export interface HandlerContext {
  db: FactmarkDB;
  /** This extension's id: messages from anyone else are refused. */
  runtimeId: string;
  sender: MessageSender;
  /** Told after a write, so open tabs repaint. */
  onNotesChanged: (pageUrls: string[]) => void;
  /** Told what a tab painted, for its badge. */
  onPageStatus: (tabId: number, status: RequestData<'page/status'>) => void;
}

type Handlers = { [T in RequestType]: (data: RequestData<T>, ctx: HandlerContext) => Promise<Replies[T]> };

const handlers: Handlers = {
  'notes/list-for-page': ({ pageKeys }, { db }) => listByPages(db, pageKeys.map(normalizePageUrl)),

  'notes/create': async ({ draft }, { db, onNotesChanged }) => {
    const created = await createAnnotation(db, { ...draft, pageUrl: normalizePageUrl(draft.pageUrl) });
    onNotesChanged([created.pageUrl]);
    return created;
  },

  'notes/update': async ({ id, patch }, { db, onNotesChanged }) => {
    const updated = await updateAnnotation(db, id, patch);
    onNotesChanged([updated.pageUrl]);
    return updated;
  },

  'notes/delete': async ({ id }, { db, onNotesChanged }) => {
    const tombstone = await deleteAnnotation(db, id);
    onNotesChanged([tombstone.pageUrl]);
    return tombstone;
  },

  'notes/restore': async ({ id }, { db, onNotesChanged }) => {
    const restored = await restoreAnnotation(db, id);
    onNotesChanged([restored.pageUrl]);
    return restored;
  },

  'notes/announce-changes': async ({ pageUrls }, { sender, onNotesChanged }) => {
    if (!isExtensionPage(sender)) throw new RuleError('Only Factmark’s own pages may announce changes');
    onNotesChanged(pageUrls.map(normalizePageUrl));
    return null;
  },

  'known-claims/match': ({ sentences }, { db }) => matchKnownClaims(db, sentences),

  'known-claims/any': (_data, { db }) => hasKnownClaims(db),

  // The model is code and weights, not data: decoded once per background start, not stored.
  'claims/score': async ({ sentences, sensitivity }) => scoreBatch(defaultModelNow(), sentences, sensitivity),

  'page/status': async (status, { sender, onPageStatus }) => {
    if (sender.tab?.id !== undefined) onPageStatus(sender.tab.id, status);
    return null;
  },
};

/** The popup and the library (chrome-extension:// or moz-extension://), not a content script. */
function isExtensionPage(sender: MessageSender): boolean {
  return /^(chrome|moz)-extension:\/\//.test(sender.url ?? '');
}

const fail = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });

/**
 * Validates a message and runs its handler. Never throws: every failure becomes an error reply,
 * and nothing is written unless the whole request was valid.
 */
export async function handleMessage(message: unknown, ctx: HandlerContext): Promise<Result<unknown>> {
  if (ctx.sender.id !== ctx.runtimeId) return fail('forbidden-sender', 'Messages are accepted only from Factmark itself');
  if (!isProtocolRequest(message)) return fail('invalid-message', 'Not a Factmark request');
  const type = message.type;
  if (typeof type !== 'string' || !Object.hasOwn(REQUEST_SCHEMAS, type)) {
    return fail('unknown-type', `Unknown request type: ${String(type).slice(0, 80)}`);
  }
  const parsed = v.safeParse(REQUEST_SCHEMAS[type as RequestType], message.data);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = v.getDotPath(issue);
    if (issue.message === NEEDS_SOURCE_MESSAGE) return fail('needs-source', issue.message);
    return fail('invalid-data', `Invalid ${type} request${path ? ` at ${path}` : ''}: ${issue.message}`);
  }
  try {
    const handler = handlers[type as RequestType] as (data: unknown, ctx: HandlerContext) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.output, ctx) };
  } catch (error) {
    if (error instanceof NoteNotFoundError) return fail('not-found', error.message);
    if (error instanceof RuleError) return fail(error.rule ?? 'invalid-data', error.message);
    if (isQuotaError(error)) return fail('storage-full', error instanceof Error ? error.message : String(error));
    console.error('[factmark] handler failed', type, error);
    return fail('internal', error instanceof Error ? error.message : String(error));
  }
}
