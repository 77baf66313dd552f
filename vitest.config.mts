import { defineConfig } from 'vitest/config';

// The grader's and the lessons' unit tests as one run (`npm test` starts it beside the notebook executions), so that
// its workers take the next file from either package and both finish together. Each package's own config applies.
export default defineConfig({
  test: {
    projects: ['packages/grader', 'packages/lessons'],
    reporters: ['verbose', 'scripts/failure-summary.mjs'],
  },
});
