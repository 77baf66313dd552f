import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exercises } from '../src/exercises/catalog';
import { gradeSubmission } from '../src/grade';
import { runCli } from './helpers/cli';
import { fullMarks, graderDir, notebooksDir, pointsOf, tempDir, writeSubmission } from './helpers/submissions';

describe('the instructor notebooks', () => {
  it('get full marks, with hidden cases, for every exercise', async () => {
    const result = await gradeSubmission(notebooksDir);
    expect(result.hidden).toBe(true);
    expect(result.exercises.map((e) => [e.id, e.status, e.score])).toEqual(exercises.map((e) => [e.id, 'passed', e.points]));
    expect(result.score).toBe(fullMarks);
  }, 120_000);

  it('are found in sub-folders of a submission (a student may hand in the whole repository)', async () => {
    const root = tempDir('nested');
    try {
      writeSubmission(path.join(root, 'attnlab', 'notebooks'));
      fs.mkdirSync(path.join(root, 'attnlab', 'notebooks', '.ipynb_checkpoints'));
      fs.writeFileSync(path.join(root, 'attnlab', 'notebooks', '.ipynb_checkpoints', '01-scaled-dot-product-checkpoint.ipynb'), '{ not json');
      const result = await gradeSubmission(root);
      expect(result.score).toBe(fullMarks);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);

  it('`attnlab-grade --nx-test` grades the lesson notebook named by ATTNLAB_SUBMISSION (relative to the repository root, as nx runs it from the package) on its own exercises, exiting 0 on full marks', async () => {
    const relative = path.join('notebooks', '01-scaled-dot-product.ipynb');
    const r = await runCli(['--nx-test'], { cwd: graderDir, env: { ...process.env, ATTNLAB_SUBMISSION: relative } });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`attnlab grader — ${path.join(notebooksDir, '01-scaled-dot-product.ipynb')}`);
    const lesson01 = exercises.filter((e) => e.lesson === '01');
    expect(lesson01.map((e) => e.id)).toEqual(['softmax', 'scaledDotProductAttention']);
    for (const e of lesson01) expect(r.stdout).toContain(`✔ ${e.id}: ${e.points}/${e.points} points`);
    const points = pointsOf((e) => e.lesson === '01');
    expect(r.stdout).toMatch(new RegExp(`^total\\s+${points}/${points}`, 'm'));
    expect(r.stdout).not.toMatch(/additiveScores/);
  }, 120_000);
});
