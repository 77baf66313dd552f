import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Lessons that train run with few steps in tests (every cell still runs); `npm run test:lessons` runs them in full.
    env: { ATTNLAB_QUICK: '1' },
    testTimeout: 120_000,
    // Two files at a time even on two cores (vitest's default there is one): most of these tests wait on
    // another process (Jupyter, JupyterHub, Chromium, npm), so a second file fills the idle core.
    maxWorkers: 2,
    hookTimeout: 600_000,
    reporters: ['verbose'],
  },
});
