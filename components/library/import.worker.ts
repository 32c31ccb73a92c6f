/**
 * The import worker: reads, parses, validates and plans a file for the library page, keeps the
 * plan while the reader looks at the preview, and on Import writes it in one transaction
 * (utils/formats/import-worker-protocol.ts). Writing here keeps the storage middleware's
 * full-text index work off the page's main thread, and the records never travel to the page;
 * the page's liveQueries see the writes through Dexie's cross-context broadcast.
 */
import { createImportWorkerHandler, type FromImportWorker } from '@/utils/formats/import-worker-protocol';
import { applyImport, planImport } from '@/utils/storage/import';
import { getDb } from '@/utils/storage/db';

const scope = self as unknown as { postMessage(message: FromImportWorker): void; addEventListener(type: 'message', listener: (event: MessageEvent) => void): void };
const handle = createImportWorkerHandler((message) => scope.postMessage(message), {
  plan: (parsed) => planImport(getDb(), parsed),
  // Default chunks (2,000 records): no page to keep responsive here, progress every 2 % of 100,000.
  apply: (plan, options) => applyImport(getDb(), plan, options),
});
scope.addEventListener('message', (event) => void handle(event.data));
