// Executes every lesson notebook once per test run, in quick mode, into an execution cache that the
// notebook, site and release tests then read: no notebook runs twice in one `npm test`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isLessonFile } from '@attnlab/grader/notebook';
import type { TestProject } from 'vitest/node';
import { ExecutionCache, environmentFingerprint, runLesson } from '../src/execution-cache';
import { findJupyterPython, INSTALL_JUPYTER_HINT } from '../src/jupyter';
import { notebooksDir, repoRoot } from '../src/project';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The execution cache holding this run's executed lessons; null where Jupyter is missing (outside CI). */
    executionCache: string | null;
    /** Seconds each lesson took to execute in this run. */
    executionSeconds: Record<string, number>;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  process.env.ATTNLAB_QUICK = '1';
  const root = repoRoot(__dirname);
  const missing = findJupyterPython() === null;
  if (missing && process.env.CI !== 'true') {
    console.warn(`notebook execution skipped.\n${INSTALL_JUPYTER_HINT}`);
    project.provide('executionCache', null);
    project.provide('executionSeconds', {});
    return () => undefined;
  }
  // ATTNLAB_EXECUTION_CACHE keeps the outputs between runs (a developer's loop); by default each run starts empty.
  const kept = process.env.ATTNLAB_EXECUTION_CACHE;
  const dir = kept ? path.resolve(kept) : fs.mkdtempSync(path.join(os.tmpdir(), 'attnlab-executed-'));
  const cache = new ExecutionCache(dir, environmentFingerprint(root));
  const seconds: Record<string, number> = {};
  if (!missing) {
    const files = fs.readdirSync(notebooksDir(root)).filter(isLessonFile).sort();
    // One kernel at a time: the other tests (the unit project, core's, the grader's) fill the second core meanwhile.
    for (const [i, name] of files.entries()) {
      const run = await runLesson(path.join(notebooksDir(root), name), {
        cache,
        timeoutSec: 300,
        log: (line) => process.stderr.write(`[${i + 1}/${files.length}] ${line}\n`),
      });
      seconds[name] = run.seconds;
    }
  }
  project.provide('executionCache', dir);
  project.provide('executionSeconds', seconds);
  return () => {
    if (!kept) fs.rmSync(dir, { recursive: true, force: true });
  };
}
