import { defineConfig } from 'vitest/config';

// The grader's and the lessons' unit tests as one run (`npm test` starts it beside the notebook executions), so
// neither package's suite is left running alone on one core at the end. Vitest runs one project's files after the
// other's, ordered by project name (@attnlab/grader, then @attnlab/lessons), whatever the order of this list. Each
// package's own config applies.
export default defineConfig({
  test: {
    projects: ['packages/grader', 'packages/lessons'],
    reporters: ['verbose', 'scripts/failure-summary.mjs'],
  },
});
