import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mistakes } from '../src/authoring/mistakes/catalog';
import { exercises } from '../src/exercises/catalog';
import { loadReferences } from '../src/references';
import type { GradescopeResults } from '../src/reports/gradescope';
import { type CliRun, runCli } from './helpers/cli';
import { fullMarks, pointsOf, tempDir, withCell, writeSubmission } from './helpers/submissions';
import { parseXml } from './helpers/xml';

// 30 students: most hand in the instructor's solutions, a few make a known mistake,
// three are broken (an infinite loop, malformed notebook JSON, a deleted exercise).
const students = Array.from({ length: 30 }, (_, i) => `student${String(i + 1).padStart(2, '0')}`);
const mistakeFor = new Map([['student05', 'no-scaling'], ['student11', 'mask-with-zero'], ['student17', 'sin-cos-swapped']]);

let root: string;
let out: string;
let run: CliRun;
let seconds: number;

beforeAll(async () => {
  root = tempDir('class');
  const classDir = path.join(root, 'class');
  out = path.join(root, 'out');
  for (const s of students) {
    const dir = path.join(classDir, s);
    const m = mistakes.find((x) => x.id === mistakeFor.get(s));
    if (m) writeSubmission(dir, (_f, nb) => withCell(nb, m.exercise, m.source));
    else if (s === 'student08') writeSubmission(dir, (_f, nb) => withCell(nb, 'softmax', 'function softmax(x: tf.Tensor): tf.Tensor {\n  for (;;) { /* forever */ }\n}\n'));
    else if (s === 'student13') writeSubmission(dir, (f, nb) => (f.startsWith('02-') ? '{"cells": [' : nb));
    else if (s === 'student21') writeSubmission(dir, (_f, nb) => ({ ...nb, cells: nb.cells.filter((c) => c.metadata?.attnlab?.exercise !== 'mergeHeads') }));
    else writeSubmission(dir);
  }
  const started = Date.now();
  run = await runCli([classDir, '--out', out, '--junit', path.join(out, 'junit.xml'), '--timeout', '3'], { cwd: root });
  seconds = (Date.now() - started) / 1000;
}, 300_000);

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('grading a class of 30', () => {
  it('writes one report per student and a gradebook, and exits non-zero because some failed', () => {
    expect(run.exitCode).toBe(1);
    const rows = fs.readFileSync(path.join(out, 'gradebook.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toBe(['student', 'score', 'max_score', ...exercises.map((e) => e.id)].join(','));
    expect(rows.slice(1).map((r) => r.split(',')[0])).toEqual(students);
    for (const s of students) expect(fs.existsSync(path.join(out, s, 'results.json')), s).toBe(true);
    console.log(`graded ${students.length} submissions in ${seconds.toFixed(1)} s`);
    expect(seconds).toBeLessThan(60);
  });

  it('gives full marks to correct work and the right losses to the rest', () => {
    const score = (s: string) => (JSON.parse(fs.readFileSync(path.join(out, s, 'results.json'), 'utf8')) as GradescopeResults).score;
    const broken = new Set([...mistakeFor.keys(), 'student08', 'student13', 'student21']);
    for (const s of students.filter((x) => !broken.has(x))) expect(score(s), s).toBe(fullMarks);
    for (const s of broken) expect(score(s), s).toBeLessThan(fullMarks);
    expect(score('student13')).toBe(fullMarks - pointsOf((e) => e.lesson === '02'));
    expect(score('student21')).toBe(fullMarks - pointsOf((e) => e.id === 'mergeHeads'));
  });

  it('prints a class table and progress on stderr', () => {
    for (const s of students) expect(run.stdout).toContain(s);
    expect(run.stderr).toMatch(/grading 30\/30/);
  });

  it('writes JUnit XML that parses, with test names that start with the exercise id', () => {
    const root = parseXml(fs.readFileSync(path.join(out, 'junit.xml'), 'utf8'));
    expect(root.name).toBe('testsuites');
    expect(root.children).toHaveLength(30);
    const cases = root.children.flatMap((suite) => suite.children);
    expect(cases).toHaveLength(30 * loadReferences().cases.length);
    const ids = new Set(exercises.map((e) => e.id));
    for (const c of cases) {
      expect(c.name).toBe('testcase');
      expect(ids.has(c.attributes.name.split(':')[0]), c.attributes.name).toBe(true);
    }
    const sum = (attribute: string) => root.children.reduce((a, suite) => a + Number(suite.attributes[attribute]), 0);
    expect(Number(root.attributes.errors)).toBe(sum('errors'));
    expect(Number(root.attributes.failures)).toBe(sum('failures'));
    const student08 = root.children.find((s) => s.attributes.name === 'student08')!;
    expect(Number(student08.attributes.errors)).toBeGreaterThan(0);
    const timedOut = student08.children.find((c) => c.attributes.name.startsWith('softmax'))!;
    expect(timedOut.children[0].name).toBe('error');
    expect(timedOut.children[0].text).toMatch(/timed out/);
  });
});
