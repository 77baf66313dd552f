// Quick mode: every cell runs, with few steps. `npm test` sets ATTNLAB_QUICK=1 so lessons that
// train finish in seconds on the same code path; without it a lesson runs in full.

/** Whether lessons run in quick mode (ATTNLAB_QUICK=1). */
export function isQuick(): boolean {
  return process.env.ATTNLAB_QUICK === '1';
}

/** The full-mode value, or the quick-mode one under ATTNLAB_QUICK=1: `const epochs = steps(40, 2)`. */
export function steps<T>(full: T, quick: T): T {
  return isQuick() ? quick : full;
}
