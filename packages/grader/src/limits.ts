/** Each exercise's default limits in the grader's sandbox; a module of its own so the CLI's usage needs nothing heavier. */
export const DEFAULT_TIMEOUT_SEC = 10;
export const DEFAULT_MEMORY_MB = 1024;
