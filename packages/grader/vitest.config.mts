import { defineConfig } from 'vitest/config';

// Grading spawns processes and type-checks cells, so a test's time depends on the machine's load; the limits
// only catch a hang (`npm test` runs these files at nice 10: beside other work they may run ten times slower).
// Timing goals belong to `npm run bench`, never to a test. Two files at a time even on
// two cores (vitest's default there is one): much of a grading test is one process
// type-checking on one core, or waiting for a sandbox to time out.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 1_800_000,
    hookTimeout: 1_800_000,
    maxWorkers: 2,
    // Test files share a worker's modules (TypeScript, TF.js) instead of loading them again per
    // file: no test relies on fresh module state, and what a test changes (tensor methods) it undoes.
    isolate: false,
    reporters: ['verbose', '../../scripts/failure-summary.mjs'],
  },
});
