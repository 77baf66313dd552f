import { defineConfig } from 'vitest/config';
import unit, { NEEDS_EXECUTED_LESSONS } from './vitest.config.mts';

// The tests that read the executed lessons (`npm test` here): the global setup runs every notebook once first.
export default defineConfig({
  test: { ...unit.test, include: NEEDS_EXECUTED_LESSONS, exclude: [], globalSetup: ['test/global-setup.ts'] },
});
