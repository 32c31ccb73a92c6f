import { defineConfig } from 'vitest/config';

// Browser tests: real Chromium (and Firefox ESR) against the built extension. One file at a
// time: these machines have 2 cores and each browser takes ~300 MB.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
