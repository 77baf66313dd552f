// Careless-student layouts, each a real folder graded through the command: strays at the class
// root, a Jupyter copy beside its original, a missing lesson notebook, symbolic links, a folder
// named like a formula or like a report, --out inside the class, and a student's whole repository.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exercises } from '../src/exercises/catalog';
import type { GradescopeResults } from '../src/reports/gradescope';
import { type CliRun, runCli } from './helpers/cli';
import { fullMarks, lessonNotebooks, pointsOf, tempDir, withCell, writeSubmission } from './helpers/submissions';

const masked = lessonNotebooks().find((n) => n.startsWith('03-'))!;
const first = lessonNotebooks().find((n) => n.startsWith('01-'))!;
const copyName = masked.replace(/\.ipynb$/, '-Copy1.ipynb');
const maskedPoints = pointsOf((e) => e.lesson === '03');
const firstPoints = pointsOf((e) => e.lesson === '01');
const stub = (id: string) => `function ${id}(): never {\n  throw new Error("not implemented: ${id}");\n}\n`;

let root: string;
let classDir: string;
let out: string;
let run: CliRun;
let repoRun: CliRun;

function report(folder: string): GradescopeResults {
  return JSON.parse(fs.readFileSync(path.join(out, folder, 'results.json'), 'utf8')) as GradescopeResults;
}

function gradebookRows(): string[] {
  return fs.readFileSync(path.join(out, 'gradebook.csv'), 'utf8').trim().split('\n').slice(1);
}

beforeAll(async () => {
  root = tempDir('layouts');
  classDir = path.join(root, 'class');
  out = path.join(classDir, 'reports'); // --out inside the class: never graded as a student
  // alice keeps a Jupyter copy of lesson 03, all stubs, beside her finished original
  const alice = writeSubmission(path.join(classDir, 'alice'));
  const copy = JSON.parse(fs.readFileSync(path.join(alice, masked), 'utf8'));
  for (const e of exercises.filter((x) => x.lesson === '03')) withCell(copy, e.id, stub(e.id));
  fs.writeFileSync(path.join(alice, copyName), JSON.stringify(copy));
  writeSubmission(path.join(classDir, '=1+2'));
  // a folder named like the gradebook, without lesson 03
  const clash = writeSubmission(path.join(classDir, 'gradebook.csv'));
  fs.rmSync(path.join(clash, masked));
  // bob's lesson 01 is a link to a file outside his folder; carol's whole folder is a link
  const outside = writeSubmission(path.join(root, 'outside'));
  const bob = writeSubmission(path.join(classDir, 'bob'));
  fs.rmSync(path.join(bob, first));
  fs.symlinkSync(path.join(outside, first), path.join(bob, first));
  fs.symlinkSync(outside, path.join(classDir, 'carol'));
  for (const stray of ['notes.ipynb', 'class.zip', 'README.md']) fs.writeFileSync(path.join(classDir, stray), '{}');
  fs.mkdirSync(out);
  fs.writeFileSync(path.join(out, 'stale.txt'), 'from an earlier run');

  // a student's repository as Gradescope receives it from GitHub (the student edition's layout)
  const repo = path.join(root, 'repo');
  fs.mkdirSync(path.join(repo, 'packages', 'core'), { recursive: true });
  fs.writeFileSync(path.join(repo, 'package.json'), '{"name": "attnlab", "workspaces": ["packages/*"]}');
  fs.writeFileSync(path.join(repo, 'packages', 'core', 'package.json'), '{"name": "@attnlab/core"}');
  fs.writeFileSync(path.join(repo, 'README.md'), '# attnlab');
  writeSubmission(path.join(repo, 'notebooks'));

  [run, repoRun] = await Promise.all([runCli([classDir, '--out', out], { cwd: root }), runCli([repo, '--results', path.join(root, 'repo-results.json')], { cwd: root })]);
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('a class folder with careless layouts', () => {
  it('reports and skips the stray files at the class root and the --out folder inside it', () => {
    for (const stray of ['notes.ipynb', 'class.zip', 'README.md'])
      expect(run.stderr).toMatch(new RegExp(`skipped ${stray.replace('.', '\\.')} at the class root .*: not in a student folder`));
    expect(run.stderr).toMatch(/skipped reports in .*class: it is where the reports are written \(--out\)/);
  });

  it('grades every student folder, the linked one too, as one row each', () => {
    const students = gradebookRows().map((r) => r.split(',')[0]);
    expect(students).toEqual(['"\'=1+2"', 'alice', 'bob', 'carol', 'gradebook.csv']);
  });

  it('escapes a folder name that a spreadsheet would run as a formula', () => {
    expect(gradebookRows()[0]).toBe(['"\'=1+2"', fullMarks, fullMarks, ...exercises.map((e) => e.points)].join(','));
  });

  it('ignores a Jupyter copy beside its original, and says so', () => {
    expect(report('alice').score).toBe(fullMarks);
    const feedback = fs.readFileSync(path.join(out, 'alice', 'feedback.md'), 'utf8');
    expect(feedback).toContain(`skipped ${copyName}: a Jupyter copy of ${masked}, which is graded instead`);
  });

  it('names a missing lesson notebook as such, and a folder named like the gradebook cannot clobber it', () => {
    const clash = report('gradebook.csv_');
    expect(clash.score).toBe(fullMarks - maskedPoints);
    const lesson03 = clash.tests.filter((t) => exercises.find((e) => t.name.startsWith(`${e.id}:`))?.lesson === '03');
    expect(lesson03.length).toBeGreaterThan(0);
    for (const t of lesson03) expect(t.output).toContain(`${masked} is missing from the submission`);
    expect(fs.statSync(path.join(out, 'gradebook.csv')).isFile()).toBe(true);
    expect(fs.readFileSync(path.join(out, 'stale.txt'), 'utf8')).toBe('from an earlier run');
  });

  it('reports a linked notebook and a linked student folder without following them', () => {
    const bob = report('bob');
    expect(bob.score).toBe(fullMarks - firstPoints);
    expect(bob.output).toContain(`skipped ${first}: it is a symbolic link, which the grader does not follow`);
    const carol = report('carol');
    expect(carol.score).toBe(0);
    for (const t of carol.tests) expect(t.output).toMatch(/carol is a symbolic link, which the grader does not follow; copy the student's folder itself/);
  });
});

describe("a student's whole repository", () => {
  it('is one submission, also with --results', () => {
    expect(repoRun.exitCode, repoRun.stderr).toBe(0);
    const results = JSON.parse(fs.readFileSync(path.join(root, 'repo-results.json'), 'utf8')) as GradescopeResults;
    expect([results.score, results.max_score]).toEqual([fullMarks, fullMarks]);
  });
});
