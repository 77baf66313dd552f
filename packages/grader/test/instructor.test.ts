import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exercises } from '../src/exercises/catalog';
import { runCli } from './helpers/cli';
import { graderDir, notebooksDir, pointsOf } from './helpers/submissions';

// That the instructor notebooks get full marks on every exercise, hidden cases included,
// is what `npx nx test grader` itself checks in `npm test`; class.test.ts grades copies of
// them (also in sub-folders) to full marks.
describe('the instructor notebooks', () => {
  it('`attnlab-grade --nx-test` grades the lesson notebook named by ATTNLAB_SUBMISSION (relative to the repository root, as nx runs it from the package) on its own exercises, exiting 0 on full marks', async () => {
    const relative = path.join('notebooks', '01-scaled-dot-product.ipynb');
    const r = await runCli(['--nx-test'], { cwd: graderDir, env: { ...process.env, ATTNLAB_SUBMISSION: relative } });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain(`attnlab grader — ${path.join(notebooksDir, '01-scaled-dot-product.ipynb')}`);
    const lesson01 = exercises.filter((e) => e.lesson === '01');
    expect(lesson01.map((e) => e.id)).toEqual(['softmax', 'scaledDotProductAttention']);
    for (const e of lesson01) expect(r.stdout).toContain(`✔ ${e.id}: ${e.points}/${e.points} points`);
    const points = pointsOf((e) => e.lesson === '01');
    expect(r.stdout).toMatch(new RegExp(`^total\\s+${points}/${points}`, 'm'));
    expect(r.stdout).not.toMatch(/additiveScores/);
  });
});
