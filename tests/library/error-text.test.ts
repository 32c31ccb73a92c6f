/**
 * Failures are told in the UI language: a background reply's code picks the catalogue message,
 * its English detail appears only where it helps a bug report, and a full disk is recognised
 * however it is wrapped.
 */
import { describe, expect, it } from 'vitest';
import { errorText } from '@/components/error-text';
import { RequestError } from '@/utils/messaging/client';
import { getMessage, useEnglishMessages } from '../english-messages';

useEnglishMessages();

describe('errorText', () => {
  it('words each reply code from the catalogue', () => {
    expect(errorText(new RequestError('no-reply', 'no reply from the background'))).toBe(getMessage('errorNoReply'));
    expect(errorText(new RequestError('not-found', 'No note with id 1'))).toBe(getMessage('errorNoteNotFound'));
    expect(errorText(new RequestError('needs-source', 'A verdict other than "unrated" needs…'))).toBe(getMessage('pageErrorNeedsSource'));
    expect(errorText(new RequestError('storage-full', 'QuotaExceededError'))).toBe(getMessage('errorStorageFull'));
  });

  it('keeps the technical detail of a refused or unexpected failure inside the worded message', () => {
    const refused = errorText(new RequestError('invalid-data', 'Invalid notes/update request at patch.note: Invalid length'));
    expect(refused).toBe(getMessage('errorRejected', ['Invalid notes/update request at patch.note: Invalid length']));
    expect(refused).toContain('patch.note');
    expect(errorText(new RequestError('internal', 'TypeError: x is undefined'))).toBe(getMessage('errorInternal', ['TypeError: x is undefined']));
  });

  it('recognises a full disk from IndexedDB, wrapped by Dexie or as a cause', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const full = getMessage('errorStorageFull');
    expect(errorText(quota)).toBe(full);
    expect(errorText(Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: quota }))).toBe(full);
    expect(errorText(new Error('write failed', { cause: quota }))).toBe(full);
  });

  it('passes on what our own code already worded, and never shows an empty message', () => {
    expect(errorText(new Error('Le fichier est vide.'))).toBe('Le fichier est vide.');
    expect(errorText(new TypeError(''))).toBe(getMessage('errorInternal', ['TypeError']));
    expect(errorText('boom')).toBe(getMessage('errorInternal', ['boom']));
  });
});
