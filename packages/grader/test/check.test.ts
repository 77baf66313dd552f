import * as path from 'node:path';
import * as core from '@attnlab/core';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadFunction } from '../src/authoring/load-source';
import { mistakes } from '../src/authoring/mistakes/catalog';
import { defaultNotebooksDir, lessonNotebookFiles } from '../src/authoring/notebook-solutions';
import { runCellModule } from '../src/cell-module';
import { check } from '../src/check';
import { compileCells } from '../src/compile';
import { withDependencies } from '../src/dependencies';
import { exercises } from '../src/exercises/catalog';
import { extractExercises, readNotebook } from '../src/notebook';

/** The reference solutions (the instructor notebooks' solution cells), compiled as the grader compiles a cell: with the dependencies it calls. */
function notebookSolutions(): Record<string, unknown> {
  const cells = extractExercises(lessonNotebookFiles(defaultNotebooksDir).map(readNotebook), exercises);
  const units = exercises.map((spec) => {
    const combined = withDependencies(spec, cells);
    if (!combined.ok) throw new Error(combined.error);
    return { key: spec.id, spec, source: combined.source };
  });
  const compiled = compileCells(units, path.resolve(__dirname, '..'));
  const modules: Record<string, object> = { '@tensorflow/tfjs': tf, '@attnlab/core': core };
  return Object.fromEntries(
    exercises.map((e) => {
      const result = compiled.get(e.id)!;
      if (!result.ok) throw new Error(`${e.id}: ${result.error}`);
      return [e.id, runCellModule(result.js, (name) => modules[name])];
    }),
  );
}

const solutions = notebookSolutions();
const paddingMask = solutions.paddingMask as unknown as (validLens: number[], lk: number) => tf.Tensor;

/** Run check() and return what it printed. */
async function printed(id: string, fn: unknown) {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const error = vi.spyOn(console, 'error');
  const result = await check(id, fn);
  const text = log.mock.calls.map((c) => c.join(' ')).join('\n');
  expect(error).not.toHaveBeenCalled();
  return { result, text };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterEach(() => vi.restoreAllMocks());

describe('check() in the notebook', () => {
  it.each(exercises.map((e) => [e.id, e.points] as const))('%s: the reference solution passes its public cases', async (id, points) => {
    const { result, text } = await printed(id, solutions[id]);
    expect(result).toEqual({ id, score: points, maxScore: points, passed: true });
    expect(text).toMatch(new RegExp(`^✔ ${id}: ${points}/${points} points — all \\d+ public cases pass`));
    expect(text.split('\n')).toHaveLength(1);
  });

  it('names a known mistake, with the failing case, shapes and largest error', async () => {
    const m = mistakes.find((x) => x.id === 'no-scaling')!;
    const { result, text } = await printed(m.exercise, loadFunction(m.source, m.exercise));
    expect(result.passed).toBe(false);
    expect(result.score).toBeLessThan(result.maxScore);
    expect(text).toMatch(/case "batch: q \[2,4,8\], k \[2,6,8\], v \[2,6,5\]"/);
    expect(text).toMatch(/"weights" \(shape \[2,4,6\]\): \d+ of 48 values differ; largest error [\d.e-]+ at \[\d,\d,\d\]/);
    expect(text).toMatch(/likely mistake: the scores are not scaled by 1\/√d_k/);
    expect(text).not.toMatch(/hidden/);
  });

  it('reports shape errors before values', async () => {
    const { text } = await printed('causalMask', (l: number) => tf.ones([l, l + 1]));
    expect(text).toMatch(/result: wrong shape: expected \[4,4\], got \[4,5\]/);
  });

  it('says "not implemented yet" and how to start for a stub', async () => {
    const stub = () => {
      throw new Error('not implemented: softmax');
    };
    const { result, text } = await printed('softmax', stub);
    expect(result).toEqual({ id: 'softmax', score: 0, maxScore: 10, passed: false });
    expect(text).toMatch(/not implemented yet/);
    expect(text).toMatch(/How to start: .*axis -1/);
  });

  it('never throws, whatever it is given', async () => {
    expect((await printed('softmax', 42)).text).toMatch(/softmax is not a function/);
    expect((await printed('softmax', () => 'a string')).text).toMatch(/must return a tf\.Tensor, but it returned a string/);
    expect((await printed('scaledDotProductAttention', () => ({ output: tf.zeros([1]) }))).text).toMatch(/"weights" is undefined/);
    const unknown = await printed('softmaxx', () => null);
    expect(unknown.result).toEqual({ id: 'softmaxx', score: 0, maxScore: 0, passed: false });
    expect(unknown.text).toMatch(/there is no exercise "softmaxx"/);
  });

  it('gives each case a copy of its inputs, so a function that changes them cannot spoil later checks', async () => {
    const vandal = (validLens: number[], lk: number) => {
      const mask = paddingMask(validLens, lk);
      validLens.fill(0);
      return mask;
    };
    expect((await printed('paddingMask', vandal)).result.passed).toBe(true);
    expect((await printed('paddingMask', solutions.paddingMask)).result.passed).toBe(true);
  });

  it('gives 0 for a shortcut, naming the call, and leaves the tensor methods as they were', async () => {
    const method = Object.getOwnPropertyDescriptor(tf.Tensor.prototype, 'softmax');
    const { result, text } = await printed('softmax', loadFunction('function softmax(x: tf.Tensor): tf.Tensor {\n  return x.softmax();\n}', 'softmax'));
    expect(result).toEqual({ id: 'softmax', score: 0, maxScore: 10, passed: false });
    expect(text).toMatch(/^✘ softmax: 0\/10 points\n {2}shortcut: softmax must be written with tf operations, but line 2 uses Tensor\.softmax: x\.softmax\(\) is the TF\.js op/);
    expect(Object.getOwnPropertyDescriptor(tf.Tensor.prototype, 'softmax')).toEqual(method);
  });

  it('leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    await printed('multiHeadAttention', solutions.multiHeadAttention);
    await printed('softmax', loadFunction(mistakes[0].source, 'softmax'));
    expect(tf.memory().numTensors).toBe(before);
  });
});
