import { defineConfig } from 'vitest/config';

/**
 * The tests that read the executed lessons: they wait for a global setup that runs every notebook in a real
 * kernel (minutes), so they have a config of their own (vitest.executed.config.mts, `npm test` here); the
 * others, this config (`npm run test:unit`), need none of it and run beside them.
 */
export const NEEDS_EXECUTED_LESSONS = ['test/notebooks.test.ts', 'test/site.test.ts'];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: NEEDS_EXECUTED_LESSONS,
    // Lessons that train run with few steps in tests (every cell still runs); `npm run test:lessons` runs them in full.
    env: { ATTNLAB_QUICK: '1' },
    // Limits only catch a hang: no test here times anything. `npm test` runs these files at nice 10, so beside other
    // work at normal priority they get a small share of the CPU (with four busy processes beside the run, the student
    // edition's install and build, 47 CPU s quiet, took over 10 minutes).
    testTimeout: 1_800_000,
    hookTimeout: 1_800_000,
    // Two files at a time even on two cores (vitest's default there is one): most of these tests wait on
    // another process (Jupyter, JupyterHub, Chromium, npm), so a second file fills the idle core.
    maxWorkers: 2,
    // Test files share a worker's modules (TF.js, TypeScript, the site builder) instead of loading them again per
    // file (measured: 171 CPU s against 193 for these tests): every file that needs a backend sets it itself.
    isolate: false,
    reporters: ['verbose', '../../scripts/failure-summary.mjs'],
  },
});
