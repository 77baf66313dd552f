import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Lessons that train run with few steps in tests (every cell still runs); `npm run test:lessons` runs them in full.
    env: { ATTNLAB_QUICK: '1' },
    testTimeout: 120_000,
    hookTimeout: 600_000,
    reporters: ['verbose'],
  },
});
