import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** `../shared` from the repo root; suites that need it skip cleanly when it is absent. */
export const SHARED_DIR = resolve(import.meta.dirname, '../../shared');
export const HAS_SHARED = existsSync(resolve(SHARED_DIR, 'README.md'));
