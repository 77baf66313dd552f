import { defineConfig } from 'vitest/config';

// The numeric suites run once per backend, as TF.js tests each kernel on several backends:
// wasm (what notebooks use here) and the pure-JS cpu backend (the last fallback). test/setup.ts
// activates the backend that ATTNLAB_BACKEND names. backend.test.ts switches backends itself
// and runs once; so does bench.test.ts, which checks the bench's rows (on wasm, the backend
// `npm run bench` measures), not a kernel.
const numeric = ['test/**/*.test.ts'];
const once = ['test/backend.test.ts', 'test/bench.test.ts'];

export default defineConfig({
  test: {
    setupFiles: ['test/setup.ts'],
    // Files share their worker's modules, so TF.js loads and the wasm binary compiles once per
    // worker rather than once per file (the full run takes about a third of the time). Safe
    // because the setup file re-activates each file's backend and the tests only measure
    // tensor counts relative to their own start.
    isolate: false,
    // Limits only catch a hang: a loaded machine may run a test several times slower, and no test here times anything.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    reporters: ['verbose', '../../scripts/failure-summary.mjs'],
    projects: [
      { extends: true, test: { name: 'wasm', include: numeric, env: { ATTNLAB_BACKEND: 'wasm' } } },
      { extends: true, test: { name: 'cpu', include: numeric, exclude: once, env: { ATTNLAB_BACKEND: 'cpu' } } },
    ],
  },
});
