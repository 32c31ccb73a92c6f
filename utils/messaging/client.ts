/**
 * The sending side of the protocol: typed requests, replies unwrapped, errors rethrown with the
 * background's message so the UI can show it.
 */
import { browser } from 'wxt/browser';
import { PROTOCOL_TAG } from './protocol-tag';
import type { ErrorCode, Replies, RequestData, RequestType, Result } from './protocol';

export class RequestError extends Error {
  constructor(
    readonly code: ErrorCode | 'no-reply',
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

export async function sendRequest<T extends RequestType>(type: T, data: RequestData<T>): Promise<Replies[T]> {
  const reply = (await browser.runtime.sendMessage({ tag: PROTOCOL_TAG, type, data })) as Result<Replies[T]> | undefined;
  if (!reply || typeof reply !== 'object' || !('ok' in reply)) {
    // Worded for the reader by components/error-text.ts; this text is for logs.
    throw new RequestError('no-reply', 'no reply from the background');
  }
  if (!reply.ok) throw new RequestError(reply.error.code, reply.error.message);
  return reply.value;
}
