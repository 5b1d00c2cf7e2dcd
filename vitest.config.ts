import { availableParallelism } from 'node:os';
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
    // Vitest's default is one worker fewer than the cores: a single one on this project's 2-core
    // machines, where most test files wait on sockets, timers and child processes and leave the
    // second core idle. Two there (docs/benchmarks.md, session 15); the default on larger machines.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // One PGlite initdb for the run, copied by every fresh coordinator (EDGEFLEET_PGLITE_TEMPLATE).
    globalSetup: ['coordinator/src/db/pglite-template.test-support.ts'],
    setupFiles: ['test/support/wasm-baseline.setup.ts'],
  },
});
