import { defineConfig } from 'vitest/config';

// The lessons' and the grader's unit tests as one run (`npm test` starts it beside the notebook executions): its
// workers go through the lessons' files, then the grader's, and none is left idle while a file of the other
// package waits. The lessons' first: many of them wait on other processes (JupyterHub, Jupyter, npm), which leaves
// the CPU to the notebook executions beside them; the grader's, which only compute, end the run on both cores.
// Each package's own config applies.
export default defineConfig({
  test: {
    projects: ['packages/lessons', 'packages/grader'],
    reporters: ['verbose', 'scripts/failure-summary.mjs'],
  },
});
