import { describe, expect, it } from 'vitest';
import { compareOutput, describeMismatch } from '../src/compare';
import { diagnose } from '../src/diagnose';
import { checkProperties } from '../src/properties';
import type { ReferenceCase } from '../src/references';
import { fromJsonTensor, toJsonTensor } from '../src/tensor-data';

const tol = { rtol: 1e-4, atol: 1e-5 };
const t = (shape: number[], data: number[]) => ({ shape, data });

describe('compareOutput', () => {
  it('checks the shape before any value', () => {
    const m = compareOutput('weights', t([2, 3], [1, 2, 3, 4, 5, 6]), t([3, 2], [1, 2, 3, 4, 5, 6]), tol)!;
    expect(m.kind).toBe('shape');
    expect(describeMismatch(m)).toBe('"weights": wrong shape: expected [2,3], got [3,2]');
  });

  it('says when an output is missing', () => {
    const m = compareOutput('weights', t([2, 3], [1, 2, 3, 4, 5, 6]), undefined, tol)!;
    expect(describeMismatch(m)).toBe('"weights": missing (expected shape [2,3])');
  });

  it('names the largest error, where it is, and counts NaN and Inf', () => {
    const m = compareOutput('result', t([2, 2], [0, 1, 2, 3]), t([2, 2], [0, 1.5, NaN, Infinity]), tol)!;
    expect(m).toMatchObject({ kind: 'values', mismatched: 3, total: 4, nan: 1, inf: 1, maxErrorAt: [1, 0] });
    expect(describeMismatch(m)).toBe('result (shape [2,2]): 3 of 4 values differ; first non-finite value at [1,0] (expected 2, got NaN); 1 NaN, 1 Inf');
    const finite = compareOutput('result', t([2, 2], [0, 1, 2, 3]), t([2, 2], [0, 1.5, 2, 2]), tol)!;
    expect(finite).toMatchObject({ maxError: 1, maxErrorAt: [1, 1], expectedValue: 3, actualValue: 2 });
    expect(describeMismatch(finite)).toBe('result (shape [2,2]): 2 of 4 values differ; largest error 1 at [1,1] (expected 3, got 2); 0 NaN, 0 Inf');
  });

  it('accepts values within atol + rtol·|expected|', () => {
    expect(compareOutput('r', t([2], [1000, 0]), t([2], [1000.09, 0.000009]), tol)).toBeUndefined();
    expect(compareOutput('r', t([2], [1000, 0]), t([2], [1000.2, 0]), tol)).toBeDefined();
  });

  it('never lets NaN or ±Infinity match a finite value, but lets them match themselves', () => {
    expect(compareOutput('r', t([3], [NaN, Infinity, -Infinity]), t([3], [NaN, Infinity, -Infinity]), tol)).toBeUndefined();
    expect(compareOutput('r', t([1], [1]), t([1], [NaN]), tol)).toMatchObject({ mismatched: 1, nan: 1 });
    expect(compareOutput('r', t([1], [1e30]), t([1], [Infinity]), tol)).toMatchObject({ mismatched: 1, inf: 1 });
    expect(compareOutput('r', t([1], [Infinity]), t([1], [-Infinity]), tol)).toMatchObject({ mismatched: 1 });
  });
});

describe('JSON tensors', () => {
  it('round-trip NaN and ±Infinity', () => {
    const json = JSON.parse(JSON.stringify(toJsonTensor(t([3], [NaN, Infinity, -Infinity]))));
    expect(Array.from(fromJsonTensor(json).data)).toEqual([NaN, Infinity, -Infinity]);
  });
});

describe('property checks', () => {
  it('find rows that do not sum to 1 and blocked weights that are not 0', () => {
    const mask = toJsonTensor(t([1, 1, 3], [1, 1, 0]));
    const good = checkProperties({ weights: 'result', mask: 'mask' }, { mask }, { result: t([1, 2, 3], [0.5, 0.5, 0, 0.2, 0.8, 0]) });
    expect(good).toEqual([]);
    const bad = checkProperties({ weights: 'result', mask: 'mask' }, { mask }, { result: t([1, 2, 3], [0.4, 0.4, 0.2, 0.2, 0.7, 0]) });
    expect(bad).toEqual([
      'rows of the result must sum to 1, but row [0,1] sums to 0.9',
      'blocked positions must get weight 0, but the result has 0.2 at [0,0,2] where the mask is 0',
    ]);
  });

  it('expect all-zero rows where every key is blocked', () => {
    const mask = toJsonTensor(t([2, 2], [1, 1, 0, 0]));
    expect(checkProperties({ weights: 'w', mask: 'mask' }, { mask }, { w: t([2, 2], [0.5, 0.5, 0, 0]) })).toEqual([]);
    expect(checkProperties({ weights: 'w', mask: 'mask' }, { mask }, { w: t([2, 2], [0.5, 0.5, 0.5, 0.5]) })[0]).toMatch(/sum to 0 where every key is blocked/);
  });
});

describe('diagnose', () => {
  const ref = (name: string, mistakes: ReferenceCase['mistakes']): ReferenceCase => ({
    exercise: 'softmax',
    name,
    visibility: 'public',
    inputs: {},
    expected: { result: toJsonTensor(t([1], [1])) },
    tolerance: tol,
    mistakes,
  });
  const catalog = [
    { id: 'a', exercise: 'softmax', what: 'A', fix: 'fix A' },
    { id: 'b', exercise: 'softmax', what: 'B', fix: 'fix B' },
  ];
  const out = (x: number) => ({ result: toJsonTensor(t([1], [x])) });

  it('names the mistake whose outputs the student reproduces', () => {
    const cases = [
      { ref: ref('1', { a: out(2), b: out(3) }), passed: false, outputs: { result: t([1], [2]) } },
      { ref: ref('2', { a: out(5) }), passed: false, outputs: { result: t([1], [5]) } },
    ];
    expect(diagnose(catalog, cases).map((d) => d.mistake)).toEqual(['a']);
  });

  it('names nothing when the student reproduces the mistake on fewer than half of the failing cases where it shows', () => {
    const cases = ['1', '2', '3'].map((name) => ({ ref: ref(name, { a: out(2) }), passed: false, outputs: { result: t([1], [name === '1' ? 2 : 7]) } }));
    expect(diagnose(catalog, cases)).toEqual([]);
    cases[1].outputs.result = t([1], [2]);
    expect(diagnose(catalog, cases).map((d) => d.mistake)).toEqual(['a']);
  });

  it('names nothing when the student passes a case the mistake would fail', () => {
    const cases = [
      { ref: ref('1', { a: out(2) }), passed: false, outputs: { result: t([1], [2]) } },
      { ref: ref('2', { a: out(5) }), passed: true, outputs: { result: t([1], [1]) } },
    ];
    expect(diagnose(catalog, cases)).toEqual([]);
  });
});
