import { defineConfig } from 'vitest/config';

// The lessons' and the grader's unit tests as one run (`npm test` starts it beside the notebook executions), so
// neither package's suite is left running alone on one core at the end. Vitest runs one project's files after the
// other's, ordered by project name (@attnlab/grader, then @attnlab/lessons), not by their order here. Each
// package's own config applies.
export default defineConfig({
  test: {
    projects: ['packages/lessons', 'packages/grader'],
    reporters: ['verbose', 'scripts/failure-summary.mjs'],
  },
});
