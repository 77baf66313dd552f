import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mistakes } from '../src/authoring/mistakes/catalog';
import { exerciseById, exercises } from '../src/exercises/catalog';
import { loadReferences } from '../src/references';
import type { GradescopeResults } from '../src/reports/gradescope';
import { roundPoints } from '../src/results';
import { type CliRun, runCli } from './helpers/cli';
import { fullMarks, tempDir, withCell, writeSubmission } from './helpers/submissions';
import { parseXml, type XmlElement } from './helpers/xml';

// What only a class run shows: one row, one report and one JUnit suite per student,
// each with that student's own marks. How each kind of broken cell is reported is
// tested on single submissions (bad-submissions, hostile, reports, mistakes); here
// each broken student loses a different part, so mixed-up rows would show.
const refs = loadReferences();
const casesOf = (exercise: string) => refs.cases.filter((c) => c.exercise === exercise);
const gradedCases = exercises.flatMap((e) => casesOf(e.id)); // in the order the grader reports them
// a mistake that fails some of its exercise's cases, not all: partial credit
const mistake = mistakes.find((m) => {
  const passing = casesOf(m.exercise).filter((c) => !(m.id in c.mistakes)).length;
  return passing > 0 && passing < casesOf(m.exercise).length;
})!;
const crashed = 'causalMask';
const stubbed = exerciseById('positionalEncoding')!;
const oddName = "o'brien, j"; // hands in the whole repository (notebooks in sub-folders, a stale checkpoint)
const students = ['alice', 'bob', 'carol', 'dave', 'erin', oddName];

/** The points each student should get per exercise: all of them, except for what each broke. */
function expectedMarks(student: string): Record<string, number> {
  const marks = Object.fromEntries(exercises.map((e) => [e.id, e.points]));
  if (student === 'carol') {
    const cases = casesOf(mistake.exercise);
    const passing = cases.filter((c) => !(mistake.id in c.mistakes)).length;
    expect(passing).toBeGreaterThan(0);
    expect(passing).toBeLessThan(cases.length);
    marks[mistake.exercise] = roundPoints((exerciseById(mistake.exercise)!.points / cases.length) * passing);
  }
  if (student === 'dave') marks[crashed] = 0;
  if (student === 'erin') marks[stubbed.id] = 0;
  return marks;
}
/** "2 of 3": how a hidden case is named in reports (its own name may describe its inputs). */
function hiddenIndex(c: (typeof gradedCases)[number]): string {
  const hidden = casesOf(c.exercise).filter((x) => x.visibility === 'hidden');
  return `${hidden.indexOf(c) + 1} of ${hidden.length}`;
}
const total = (marks: Record<string, number>) => roundPoints(Object.values(marks).reduce((a, b) => a + b, 0));

let root: string;
let out: string;
let run: CliRun;

beforeAll(async () => {
  root = tempDir('class');
  const classDir = path.join(root, 'class');
  out = path.join(root, 'out');
  writeSubmission(path.join(classDir, 'carol'), (_f, nb) => withCell(nb, mistake.exercise, mistake.source));
  writeSubmission(path.join(classDir, 'dave'), (_f, nb) =>
    withCell(nb, crashed, `function causalMask(l: number): tf.Tensor2D {\n  const kept: number[][] = [];\n  for (;;) kept.push(new Array(1 << 16).fill(l));\n}\n`),
  );
  writeSubmission(path.join(classDir, 'erin'), (_f, nb) =>
    withCell(nb, stubbed.id, `${stubbed.signature} {\n  // YOUR CODE HERE\n  throw new Error("not implemented: ${stubbed.id}");\n}\n`),
  );
  for (const s of ['alice', 'bob']) writeSubmission(path.join(classDir, s));
  const nested = path.join(classDir, oddName, 'attnlab', 'notebooks');
  writeSubmission(nested);
  fs.mkdirSync(path.join(nested, '.ipynb_checkpoints'));
  fs.writeFileSync(path.join(nested, '.ipynb_checkpoints', '01-scaled-dot-product-checkpoint.ipynb'), '{ not json');
  // a cap low enough that dave's cell reaches V8's heap limit (half of it) soon
  run = await runCli([classDir, '--out', out, '--junit', path.join(out, 'junit.xml'), '--memory', '400'], { cwd: root });
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('grading a class', () => {
  it('exits 1 because some exercises failed, with a class table on stdout and one progress line per student on stderr', () => {
    expect(run.exitCode, run.stderr).toBe(1);
    for (const s of students) expect(run.stdout).toContain(s);
    const progress = run.stderr.split('\n').filter((l) => l.startsWith('grading '));
    expect(progress.map((l) => l.replace(/:.*/, ''))).toEqual(students.map((_s, i) => `grading ${i + 1}/${students.length}`));
    const graded = progress.map((l) => /^grading \d+\/\d+: (.+) ([\d.]+)\/([\d.]+)$/.exec(l)!);
    expect(graded.map((m) => m[1]).sort()).toEqual([...students].sort());
    for (const [, s, score, max] of graded) expect([Number(score), Number(max)], s).toEqual([total(expectedMarks(s)), fullMarks]);
  });

  it("writes a gradebook with one row per student: the total and each exercise's points", () => {
    const [header, ...rows] = fs.readFileSync(path.join(out, 'gradebook.csv'), 'utf8').trim().split('\n');
    expect(header).toBe(['student', 'score', 'max_score', ...exercises.map((e) => e.id)].join(','));
    expect(rows).toEqual(
      students.map((s) => {
        const marks = expectedMarks(s);
        const name = s.includes(',') ? `"${s}"` : s;
        return [name, total(marks), fullMarks, ...exercises.map((e) => marks[e.id])].join(',');
      }),
    );
  });

  it("writes each student's results.json under a file-safe folder name, hidden cases included", () => {
    expect(fs.readdirSync(out).sort()).toEqual([...students.map((s) => s.replace(/[^\w.-]+/g, '_')), 'gradebook.csv', 'junit.xml'].sort());
    expect(fs.existsSync(path.join(out, 'o_brien_j', 'results.json'))).toBe(true);
    for (const s of students) {
      const report = JSON.parse(fs.readFileSync(path.join(out, s.replace(/[^\w.-]+/g, '_'), 'results.json'), 'utf8')) as GradescopeResults;
      expect(report.score, s).toBe(total(expectedMarks(s)));
      expect(report.tests.filter((t) => t.visibility === 'after_published')).toHaveLength(exercises.length);
    }
  });

  it('writes JUnit XML with a suite per student and a case per reference case: crashes are errors, wrong outputs and stubs failures', () => {
    const xml = parseXml(fs.readFileSync(path.join(out, 'junit.xml'), 'utf8'));
    expect(xml.name).toBe('testsuites');
    expect(xml.children.map((s) => s.attributes.name)).toEqual(students);
    const outcome = (c: XmlElement) => (c.children[0] ? `${c.children[0].name}:${c.children[0].attributes.type}` : 'passed');
    for (const suite of xml.children) {
      const s = suite.attributes.name;
      expect(
        suite.children.map((c) => c.attributes.name),
        s,
      ).toEqual(gradedCases.map((c) => `${c.exercise}: ${c.visibility === 'public' ? c.name : `hidden case ${hiddenIndex(c)}`}`));
      const expected = gradedCases.map((c) => {
        if (s === 'carol' && c.exercise === mistake.exercise && mistake.id in c.mistakes) return 'failure:wrong-output';
        if (s === 'dave' && c.exercise === crashed) return 'error:exercise-error';
        if (s === 'erin' && c.exercise === stubbed.id) return 'failure:not-implemented';
        return 'passed';
      });
      expect(suite.children.map(outcome), s).toEqual(expected);
      expect(Number(suite.attributes.tests), s).toBe(expected.length);
      expect(Number(suite.attributes.errors), s).toBe(expected.filter((x) => x.startsWith('error')).length);
      expect(Number(suite.attributes.failures), s).toBe(expected.filter((x) => x.startsWith('failure')).length);
    }
    const sum = (attribute: string) => xml.children.reduce((a, suite) => a + Number(suite.attributes[attribute]), 0);
    for (const a of ['tests', 'errors', 'failures']) expect(Number(xml.attributes[a]), a).toBe(sum(a));
    const dave = xml.children.find((s) => s.attributes.name === 'dave')!;
    const crash = dave.children.find((c) => c.attributes.name.startsWith(`${crashed}: `))!.children[0];
    expect(crash.text).toMatch(new RegExp(`ran out of memory \\(limit \\d+ MB\\) while running ${crashed}`));
  });
});
