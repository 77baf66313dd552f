// `npm run test:lessons`: every lesson executed in full (not quick mode) in a real Jupyter kernel, with
// progress, each lesson's time and headline `result:` lines, and every problem named. Exits 1 on any.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isLessonFile } from '@attnlab/grader/notebook';
import { runLesson } from '../execution-cache';
import { notebooksDir, repoRoot } from '../project';
import { resultLines, runProblems } from '../run-problems';

async function main(): Promise<number> {
  delete process.env.ATTNLAB_QUICK;
  const root = repoRoot();
  const only = process.argv.slice(2);
  const files = fs
    .readdirSync(notebooksDir(root))
    .filter(isLessonFile)
    .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
    .sort();
  if (files.length === 0) {
    console.error(`no lesson matches ${only.join(' ')}; lessons are the NN-slug.ipynb files in ${notebooksDir(root)}`);
    return 2;
  }
  let failed = 0;
  for (const [i, name] of files.entries()) {
    const run = await runLesson(path.join(notebooksDir(root), name), { cache: null, timeoutSec: 600, log: (line) => console.error(`[${i + 1}/${files.length}] ${line}`) });
    const problems = runProblems(run.executed);
    for (const r of resultLines(run.executed)) console.log(`  ${name}: result: ${r.metric} = ${r.value}`);
    console.log(`${problems.length ? '✘' : '✔'} ${name}: ${run.seconds.toFixed(1)} s${problems.length ? `, ${problems.length} problem${problems.length === 1 ? '' : 's'}` : ''}`);
    for (const p of problems) console.log(`    ${p}`);
    if (problems.length) failed++;
  }
  console.log(`${files.length - failed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
