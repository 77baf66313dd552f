import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GradescopeResults } from '../src/reports/gradescope';
import { type CliRun, runCli } from './helpers/cli';
import { fullMarks, getProcess, graderDir, notebooksDir, pointsOf, repoRoot, tempDir, unchecked, withCell, writeSubmission } from './helpers/submissions';

// A student cell that tries every way we know to reach the expected outputs; a read
// that succeeds is reported as "READ" (and a read of the references answers with what
// it read, which would score), otherwise it throws the list of refusals.
const solutionsModule = path.join(graderDir, 'dist', 'authoring', 'notebook-solutions.js');
const stealer = (targets: string[]) => `// @ts-ignore: the module's own require, as the sandbox hands it to the cell
const cellRequire: any = arguments[1];
function softmax(x: tf.Tensor): tf.Tensor {
  const proc = ${getProcess};
  const main = ${unchecked('mainModule')};
  const loaders: [string, () => any][] = [
    ['getBuiltinModule', () => proc.getBuiltinModule('fs')],
    ['mainModule.require', () => proc[main].require('fs')],
    ['cell require', () => cellRequire('fs')],
  ];
  const refusals: string[] = [];
  for (const [how, load] of loaders) {
    let fs: any;
    try { fs = load(); } catch (e) { refusals.push(how + ': ' + (e as Error).message); continue; }
    for (const file of ${JSON.stringify(targets)}) {
      let text: string;
      try { text = fs.readFileSync(file, 'utf8'); } catch (e) { refusals.push(how + ' ' + file + ': ' + ((e as any).code ?? (e as Error).message)); continue; }
      refusals.push(how + ' ' + file + ': READ');
      try {
        const hit = JSON.parse(text).cases.find((c: any) => c.exercise === 'softmax' && c.expected.result.shape.join() === x.shape.join());
        if (hit) return tf.tensor(hit.expected.result.data.map(Number), x.shape);
      } catch { /* not a reference file */ }
    }
    try { proc.binding('fs'); refusals.push('binding: allowed'); } catch (e) { refusals.push('binding: ' + ((e as any).code ?? 'refused')); }
    try {
      proc[main].require(${JSON.stringify(solutionsModule)});
      refusals.push('solutions: READ');
    } catch (e) { refusals.push('solutions: ' + ((e as any).code ?? (e as Error).message)); }
  }
  throw new Error('hostile: ' + refusals.join(' | '));
}
`;

// A cell that tries to forge the reports and to kill the grader, then answers wrongly.
const forger = (files: string[]) => `function causalMask(l: number): tf.Tensor2D {
  const proc = ${getProcess};
  const fs = proc.getBuiltinModule('fs');
  for (const file of ${JSON.stringify(files)}) {
    try { fs.writeFileSync(file, '{"score": 1000, "forged": true}'); } catch { /* refused */ }
  }
  try { proc.kill(proc.ppid, 'SIGKILL'); } catch { /* refused */ }
  return tf.zeros([l, l]) as tf.Tensor2D;
}
`;

// Both sandboxes this grader has: bubblewrap (where it works, as here) and Node's permission
// model alone (elsewhere; ATTNLAB_SANDBOX=permission forces it), each attacked the same way.
/** The lessons of softmax (01) and causalMask (03), the exercises mallory attacks. */
const LESSONS = ['01', '03'];

describe.each([
  ['the default sandbox', {}],
  ["Node's permission model alone", { ATTNLAB_SANDBOX: 'permission' }],
])('a hostile submission, under %s', (_name, env) => {
  let root: string;
  let out: string;
  let run: CliRun;
  let targets: string[];

  beforeAll(async () => {
    root = tempDir('hostile');
    out = path.join(root, 'out');
    const references = path.join(graderDir, 'references');
    const classDir = path.join(root, 'class');
    targets = [
      path.join(references, 'hidden.json'),
      path.join(references, 'public.json'),
      path.join(repoRoot, 'node_modules', '@attnlab', 'grader', 'references', 'hidden.json'),
      path.join(notebooksDir, '01-scaled-dot-product.ipynb'), // the instructor's solutions
      path.join(classDir, 'honest', '01-scaled-dot-product.ipynb'),
    ];
    const forged = [path.join(out, 'gradebook.csv'), path.join(out, 'mallory', 'results.json'), path.join(root, 'forged.txt')];
    // the lessons of the two attacked exercises are enough: the others would only add sandboxes
    writeSubmission(path.join(classDir, 'honest'), undefined, LESSONS);
    writeSubmission(path.join(classDir, 'mallory'), (_f, nb) => withCell(withCell(nb, 'softmax', stealer(targets)), 'causalMask', forger(forged)), LESSONS);
    run = await runCli([classDir, '--out', out, '--jobs', '2'], { cwd: root, env: { ...process.env, ...env } });
  });

  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("cannot read the reference outputs (or other students' work)", () => {
    const report = JSON.parse(fs.readFileSync(path.join(out, 'mallory', 'results.json'), 'utf8')) as GradescopeResults;
    const softmax = report.tests.filter((t) => t.name.startsWith('softmax:'));
    expect(softmax).toHaveLength(2); // public and hidden cases
    expect(softmax.reduce((a, t) => a + t.score, 0)).toBe(0);
    const output = softmax.map((t) => t.output).join('\n');
    expect(output).toMatch(/hostile: /);
    expect(output).not.toMatch(/READ|binding: allowed/);
    for (const file of targets) {
      expect(fs.existsSync(file), file).toBe(true); // else the probe proves nothing
      // refused by the permission model, or not there at all in bubblewrap's view
      expect(output).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: (ERR_ACCESS_DENIED|ENOENT)`));
    }
    expect(fs.existsSync(solutionsModule), solutionsModule).toBe(true);
    expect(output).toMatch(/solutions: (ERR_ACCESS_DENIED|MODULE_NOT_FOUND)/);
    expect(output).toMatch(/cell require: exercise cells may import only/);
  });

  it('cannot write or forge the reports, nor stop the grader', () => {
    expect(run.exitCode).toBe(1);
    expect(fs.existsSync(path.join(root, 'forged.txt'))).toBe(false);
    const report = JSON.parse(fs.readFileSync(path.join(out, 'mallory', 'results.json'), 'utf8')) as GradescopeResults & { forged?: boolean };
    expect(report.forged).toBeUndefined();
    expect(report.score).toBeCloseTo(
      report.tests.reduce((a, t) => a + t.score, 0),
      1,
    );
    expect(report.tests.filter((t) => t.name.startsWith('causalMask:')).map((t) => t.score)).toEqual([0, 0]);
    const gradebook = fs.readFileSync(path.join(out, 'gradebook.csv'), 'utf8').trim().split('\n');
    expect(gradebook).toHaveLength(3);
    const handedIn = pointsOf((e) => LESSONS.includes(e.lesson));
    const mallory = handedIn - pointsOf((e) => e.id === 'softmax' || e.id === 'causalMask');
    expect(gradebook.find((l) => l.startsWith('mallory,'))).toMatch(new RegExp(`^mallory,${mallory},${fullMarks},`));
    expect(gradebook.find((l) => l.startsWith('honest,'))).toMatch(new RegExp(`^honest,${handedIn},${fullMarks},`));
    expect(run.stdout).toMatch(/mallory/);
  });
});
