/**
 * Writes from the popup and the library go through the background (`sendRequest`), like the
 * content script's: the background owns writes, runs the model's rules (a graded verdict needs a
 * source) and tells open tabs to repaint. The extension pages then see the change through their
 * Dexie live queries.
 */
import { browser } from 'wxt/browser';
import type { Annotation, AnnotationPatch } from '@/utils/model/annotation';
import { sendRequest } from '@/utils/messaging/client';
import { PROTOCOL_TAG } from '@/utils/messaging/protocol-tag';
import type { Result } from '@/utils/messaging/protocol';

export const saveNote = (id: string, patch: AnnotationPatch): Promise<Annotation> => sendRequest('notes/update', { id, patch });
export const deleteNote = (id: string): Promise<Annotation> => sendRequest('notes/delete', { id });
export const restoreNote = (id: string): Promise<Annotation> => sendRequest('notes/restore', { id });

/**
 * Runs one background request per id, a few at a time (there is no bulk message in the protocol
 * yet). Reports progress; stops at the first failure and returns the ids done so far.
 */
export async function forEachNote(
  ids: readonly string[],
  run: (id: string) => Promise<unknown>,
  onProgress?: (done: number, total: number) => void,
  concurrency = 4,
): Promise<{ done: string[]; error?: unknown }> {
  const done: string[] = [];
  let next = 0;
  let error: unknown;
  const worker = async () => {
    while (error === undefined && next < ids.length) {
      const id = ids[next++];
      try {
        await run(id);
        done.push(id);
        onProgress?.(done.length, ids.length);
      } catch (e) {
        error ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
  return { done, error };
}

/** Asks a tab's content script to scroll to a note's highlight and flash it. */
export async function showNoteInTab(tabId: number, id: string): Promise<boolean> {
  const reply = (await browser.tabs.sendMessage(tabId, { tag: PROTOCOL_TAG, type: 'tab/show-note', data: { id } })) as
    | Result<boolean>
    | undefined;
  return !!reply?.ok && reply.value === true;
}

/** What to tell the reader when a request failed (see components/error-text.ts). */
export { errorText as errorMessage } from '@/components/error-text';
