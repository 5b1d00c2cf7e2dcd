import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['**/src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'test/bench/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One PGlite initdb for the run, copied by every fresh coordinator (EDGEFLEET_PGLITE_TEMPLATE).
    globalSetup: ['coordinator/src/db/pglite-template.test-support.ts'],
  },
});
