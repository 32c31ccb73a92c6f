/**
 * The export worker: opens the database, reads the notes a chunk at a time, writes the file as
 * they come and posts back the Blob (utils/formats/export-worker-protocol.ts). Reading here keeps
 * IndexedDB's record decoding, the serialising and the UTF-8 encoding off the library page's
 * main thread; the records never reach the page.
 */
import { createExportWorkerHandler, type FromExportWorker } from '@/utils/formats/export-worker-protocol';
import { readForExport } from '@/utils/storage/export-read';
import { getDb } from '@/utils/storage/db';

const scope = self as unknown as { postMessage(message: FromExportWorker): void; addEventListener(type: 'message', listener: (event: MessageEvent) => void): void };
const handle = createExportWorkerHandler((message) => scope.postMessage(message), (source, signal) => readForExport(getDb(), source, signal));
scope.addEventListener('message', (event) => void handle(event.data));
