// What an exercise's result says about a failing hidden case: that it failed, never its numbers.
import { describe, expect, it } from 'vitest';
import { evaluateExercise } from '../src/evaluate';
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
});
