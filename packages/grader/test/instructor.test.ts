import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { exercises } from '../src/exercises/catalog';
import { gradeSubmission } from '../src/grade';
import * as fs from 'node:fs';
import { graderDir, notebooksDir, tempDir, writeSubmission } from './helpers/submissions';

const run = promisify(execFile);

describe('the instructor notebooks', () => {
  it('get full marks, with hidden cases, for every exercise', async () => {
    const result = await gradeSubmission(notebooksDir);
    expect(result.hidden).toBe(true);
    expect(result.exercises.map((e) => e.id)).toEqual(exercises.map((e) => e.id));
    for (const e of result.exercises) expect({ id: e.id, status: e.status, score: e.score }).toEqual({ id: e.id, status: 'passed', score: e.maxScore });
    expect(result.score).toBe(result.maxScore);
  }, 120_000);

  it('are found in sub-folders of a submission (a student may hand in the whole repository)', async () => {
    const root = tempDir('nested');
    try {
      writeSubmission(path.join(root, 'attnlab', 'notebooks'));
      fs.mkdirSync(path.join(root, 'attnlab', 'notebooks', '.ipynb_checkpoints'));
      fs.writeFileSync(path.join(root, 'attnlab', 'notebooks', '.ipynb_checkpoints', '01-scaled-dot-product-checkpoint.ipynb'), '{ not json');
      const result = await gradeSubmission(root);
      expect(result.score).toBe(result.maxScore);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);

  it('`attnlab-grade --nx-test` grades the lesson notebook named by ATTNLAB_SUBMISSION on its own exercises, exiting 0 on full marks', async () => {
    const notebook = path.join(notebooksDir, '01-scaled-dot-product.ipynb');
    const r = await run(process.execPath, [path.join(graderDir, 'dist', 'cli.js'), '--nx-test'], { env: { ...process.env, ATTNLAB_SUBMISSION: notebook } });
    expect(r.stdout).toContain(`attnlab grader — ${notebook}`);
    expect(r.stdout).toMatch(/✔ softmax: 10\/10 points/);
    expect(r.stdout).toMatch(/✔ scaledDotProductAttention: 10\/10 points/);
    expect(r.stdout).toMatch(/^total\s+20\/20/m);
    expect(r.stdout).not.toMatch(/additiveScores/);
  }, 120_000);
});
