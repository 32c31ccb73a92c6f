/**
 * A failure as the reader is told it, in the UI language. Background replies carry a code
 * (utils/messaging/protocol.ts `ErrorCode`) and an English technical detail: the code picks the
 * catalogue message, and the detail is shown only where it helps a bug report (refused or
 * unexpected failures). A full disk is recognised however it arrives (a reply, or Dexie in an
 * extension page). Errors our own UI code raises are already worded for the reader.
 */
import { RequestError } from '@/utils/messaging/client';
import { isQuotaError } from '@/utils/storage/quota';
import { t } from '@/utils/i18n';

export function errorText(error: unknown): string {
  if (isQuotaError(error)) return t('errorStorageFull');
  if (error instanceof RequestError) {
    switch (error.code) {
      case 'no-reply':
        return t('errorNoReply');
      case 'not-found':
        return t('errorNoteNotFound');
      case 'needs-source':
        return t('pageErrorNeedsSource');
      case 'storage-full':
        return t('errorStorageFull');
      case 'internal':
        return t('errorInternal', error.message);
      default:
        return t('errorRejected', error.message);
    }
  }
  if (error instanceof Error) return error.message || t('errorInternal', error.name);
  return t('errorInternal', String(error));
}
