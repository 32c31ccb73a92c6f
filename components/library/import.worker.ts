/**
 * The import worker: reads, parses, validates and plans a file for the library page
 * (utils/formats/import-worker-protocol.ts). It reads the database to plan but never writes;
 * the page applies the plan.
 */
import { createImportWorkerHandler, type FromImportWorker } from '@/utils/formats/import-worker-protocol';
import { planImport } from '@/utils/storage/import';
import { getDb } from '@/utils/storage/db';

const scope = self as unknown as { postMessage(message: FromImportWorker): void; addEventListener(type: 'message', listener: (event: MessageEvent) => void): void };
const handle = createImportWorkerHandler((message) => scope.postMessage(message), { plan: (parsed) => planImport(getDb(), parsed) });
scope.addEventListener('message', (event) => void handle(event.data));
