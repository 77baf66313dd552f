// What an exercise's result says about a failing hidden case: that it failed, never its numbers; and how
// its points are counted and printed.
import { describe, expect, it } from 'vitest';
import { evaluateExercise } from '../src/evaluate';
import { formatExercise } from '../src/feedback';
import { submissionTable } from '../src/reports/table';
import { roundPoints, type SubmissionResult } from '../src/results';
import { exerciseById } from '../src/exercises/catalog';
import type { ReferenceCase } from '../src/references';

const softmax = exerciseById('softmax')!;
const refCase = (name: string, visibility: 'public' | 'hidden', expected: number[]): ReferenceCase => ({
  exercise: 'softmax',
  name,
  visibility,
  inputs: { x: { shape: [1, 2], data: [0.123456, 7.654321] } },
  expected: { result: { shape: [1, 2], data: expected } },
  tolerance: { rtol: 1e-4, atol: 1e-5 },
  mistakes: {},
});
const output = (data: number[]) => ({ outputs: { result: { shape: [1, 2], data: Float32Array.from(data) } } });

describe('evaluateExercise', () => {
  it('summarises a failing hidden case without its values, and checks properties on public cases only', () => {
    const cases = [refCase('public one', 'public', [0.25, 0.75]), refCase('hidden: wide rows', 'hidden', [0.000512, 0.999488])];
    const result = evaluateExercise(softmax, cases, [output([0.25, 0.75]), output([0.3141, 0.4242])], []);
    expect(result.status).toBe('partial');
    expect(result.summary).toBe('1 of 2 cases failed: a hidden case fails');
    expect(result.properties).toEqual([]);
    expect(JSON.stringify({ summary: result.summary, properties: result.properties })).not.toMatch(/0\.000512|0\.3141|0\.4242|7\.654321/);
  });

  it('summarises a failing public case with its detail', () => {
    const cases = [refCase('public one', 'public', [0.25, 0.75]), refCase('hidden: wide rows', 'hidden', [0.000512, 0.999488])];
    const result = evaluateExercise(softmax, cases, [output([0.3141, 0.4242]), output([0.000512, 0.999488])], []);
    expect(result.summary).toMatch(/^1 of 2 cases failed: .*0\.75/);
    expect(result.properties.join('\n')).toMatch(/sum/);
  });

  it('keeps scores exact, so a total rounds once: two exercises at 2 of 3 cases make 13.33, not 6.67 + 6.67', () => {
    const cases = ['a', 'b', 'c'].map((name) => refCase(name, 'public', [0.25, 0.75]));
    const twoOfThree = () => evaluateExercise(softmax, cases, [output([0.25, 0.75]), output([0.25, 0.75]), output([0.5, 0.5])], []);
    const results = [twoOfThree(), { ...twoOfThree(), id: 'softmax again' }];
    expect(results[0].score).toBeCloseTo(20 / 3, 12);
    expect(formatExercise(results[0])).toMatch(/^✘ softmax: 6\.67\/10 points/);
    const submission: SubmissionResult = {
      student: 'x',
      path: 'x',
      score: roundPoints(results.reduce((sum, r) => sum + r.score, 0)),
      maxScore: 20,
      exercises: results,
      seconds: 0,
      hidden: false,
    };
    const table = submissionTable(submission);
    expect(table).toMatch(/^softmax +01 +6\.67\/10 /m);
    expect(table).toMatch(/^total +13\.33\/20/m);
  });

  it('counts the failing cases it does not show, in the singular for one', () => {
    const four = ['a', 'b', 'c', 'd'].map((name) => refCase(name, 'public', [0.25, 0.75]));
    const wrong = four.map(() => output([0.5, 0.5]));
    expect(formatExercise(evaluateExercise(softmax, four, wrong, []))).toMatch(/… and 1 more failing case$/m);
    const five = [...four, refCase('e', 'public', [0.25, 0.75])];
    expect(formatExercise(evaluateExercise(softmax, five, [...wrong, output([0.5, 0.5])], []))).toMatch(/… and 2 more failing cases$/m);
  });
});
