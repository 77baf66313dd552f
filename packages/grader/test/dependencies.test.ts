// Calls between a student's own exercises: a cell may call the exercises its spec lists as
// dependencies; the grader compiles the student's own cells for them with it, as the notebook runs them.
import * as path from 'node:path';
import * as core from '@attnlab/core';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCellModule } from '../src/cell-module';
import { compileCells } from '../src/compile';
import { calledDependencies, type DependencyCell, dependencyNote, withDependencies } from '../src/dependencies';
import { evaluateExercise } from '../src/evaluate';
import { exerciseById } from '../src/exercises/catalog';
import type { ExerciseSpec } from '../src/exercises/spec';
import { runCase } from '../src/invoke';
import { defaultReferenceDir, loadReferences } from '../src/references';

const graderRoot = path.resolve(__dirname, '..');
const refs = loadReferences(defaultReferenceDir, { hidden: false });
const spec = (id: string): ExerciseSpec => exerciseById(id)!;
const ok = (source: string): DependencyCell => ({ ok: true, source });

const proj = 'const proj = (x: tf.Tensor, W: tf.Tensor) => tf.matMul(x.reshape([-1, x.shape[x.rank - 1]]), W).reshape([...x.shape.slice(0, -1), W.shape[1]]);';
const scoresCell = (tanh: string) =>
  `${proj}\nfunction additiveScores(q: tf.Tensor, k: tf.Tensor, Wq: tf.Tensor, Wk: tf.Tensor, wv: tf.Tensor): tf.Tensor {\n  return tf.tidy(() => proj(q, Wq).expandDims(-2).add(proj(k, Wk).expandDims(-3))${tanh}.mul(wv).sum(-1));\n}`;
// the same top-level helper name in both cells, as tslab allows across cells
const attentionCell = `${proj}\nfunction additiveAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, Wq: tf.Tensor, Wk: tf.Tensor, wv: tf.Tensor): { output: tf.Tensor; weights: tf.Tensor } {\n  const weights = tf.softmax(additiveScores(q, k, Wq, Wk, wv));\n  return { output: tf.matMul(weights, v), weights };\n}`;

/** Compile the cell with its dependencies as the grader does, run it on the public cases. */
async function grade(id: string, cells: Map<string, DependencyCell>) {
  const combined = withDependencies(spec(id), cells);
  if (!combined.ok) throw new Error(combined.error);
  const compiled = compileCells([{ key: id, spec: spec(id), source: combined.source }], graderRoot).get(id)!;
  if (!compiled.ok) throw new Error(compiled.error);
  const modules: Record<string, object> = { '@tensorflow/tfjs': tf, '@attnlab/core': core };
  const fn = runCellModule(compiled.js, (name) => modules[name]);
  const cases = refs.cases.filter((c) => c.exercise === id);
  const runs = [];
  for (const c of cases) runs.push(await runCase(spec(id), fn, c.inputs));
  return evaluateExercise(spec(id), cases, runs, refs.mistakes);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('withDependencies', () => {
  it("additiveAttention calling the student's own additiveScores compiles and passes", async () => {
    const cells = new Map([
      ['additiveScores', ok(scoresCell('.tanh()'))],
      ['additiveAttention', ok(attentionCell)],
    ]);
    const combined = withDependencies(spec('additiveAttention'), cells);
    expect(combined).toMatchObject({ ok: true, dependencies: ['additiveScores'] });
    // alone, the cell does not compile: that was the bug
    const alone = compileCells([{ key: 'a', spec: spec('additiveAttention'), source: attentionCell }], graderRoot).get('a')!;
    expect(alone.ok === false && alone.error).toMatch(/Cannot find name 'additiveScores'/);
    expect((await grade('additiveAttention', cells)).status).toBe('passed');
  });

  it("uses the student's own dependency: a wrong additiveScores makes additiveAttention fail", async () => {
    const cells = new Map([
      ['additiveScores', ok(scoresCell(''))],
      ['additiveAttention', ok(attentionCell)],
    ]);
    expect((await grade('additiveAttention', cells)).status).not.toBe('passed');
  });

  it("keeps the cell's own line numbers in compiler messages", () => {
    const broken = attentionCell.replace('return { output', 'return { outptu: 1, output');
    const combined = withDependencies(spec('additiveAttention'), new Map([['additiveScores', ok(scoresCell('.tanh()'))]]), broken);
    if (!combined.ok) throw new Error(combined.error);
    const compiled = compileCells([{ key: 'x', spec: spec('additiveAttention'), source: combined.source }], graderRoot).get('x')!;
    expect(compiled.ok === false && compiled.error).toMatch(/^type error in the cell:\nline 4, /);
  });

  it('adds only the dependencies the cell calls, transitively, each once, and none the cell declares itself', () => {
    const split = 'function splitHeads(x: tf.Tensor, numHeads: number): tf.Tensor {\n  return x;\n}';
    const merge = 'function mergeHeads(x: tf.Tensor): tf.Tensor {\n  return x;\n}';
    const cells = new Map([
      ['splitHeads', ok(split)],
      ['mergeHeads', ok(merge)],
      ['scaledDotProductAttention', ok('syntax error (((')],
    ]);
    const mha = (body: string) => `function multiHeadAttention(query, key, value, params, numHeads, mask?) {\n${body}\n}`;
    const both = withDependencies(spec('multiHeadAttention'), cells, mha('  return mergeHeads(splitHeads(query, numHeads));'));
    expect(both).toMatchObject({ ok: true, dependencies: ['splitHeads', 'mergeHeads'] });
    expect(both.ok && both.source.match(/function splitHeads/g)).toHaveLength(1);
    const own = withDependencies(spec('multiHeadAttention'), cells, `${split}\n${mha('  return splitHeads(query, numHeads);')}`);
    expect(own).toMatchObject({ ok: true, dependencies: [] });
    expect(withDependencies(spec('multiHeadAttention'), cells, mha('  return core.scaledDotProductAttention(query, key, value);'))).toMatchObject({ ok: true, dependencies: [] });
    expect(calledDependencies(spec('multiHeadAttention'), 'function multiHeadAttention(x) {\n    return exports.mergeHeads(exports.splitHeads(x, 2));\n}')).toEqual([
      'splitHeads',
      'mergeHeads',
    ]);
  });

  it('says what to do when a dependency is missing, broken or not allowed', () => {
    const call = (cells: Map<string, DependencyCell>) => withDependencies(spec('additiveAttention'), cells, attentionCell);
    expect(call(new Map())).toEqual({
      ok: false,
      error: 'additiveAttention calls your additiveScores (lesson 02), which is not in this submission: hand in its notebook too, or write the code inside additiveAttention',
    });
    expect(call(new Map([['additiveScores', { ok: false, error: 'no cell with metadata attnlab.exercise = "additiveScores"\nmore' }]]))).toEqual({
      ok: false,
      error:
        'additiveAttention calls your additiveScores (lesson 02), which could not be used (no cell with metadata attnlab.exercise = "additiveScores"): fix additiveScores first',
    });
    expect(call(new Map([['additiveScores', ok(`import * as fs from 'fs';\n${scoresCell('.tanh()')}`)]]))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/import or export statements/),
    });
    // a cell that is not a dependency is never pulled in, however it is called
    expect(
      withDependencies(spec('softmax'), new Map([['maskedSoftmax', ok('function maskedSoftmax() {}')]]), 'function softmax(x) {\n  return maskedSoftmax(x);\n}'),
    ).toMatchObject({
      ok: true,
      dependencies: [],
    });
  });
});

describe('dependencyNote', () => {
  it('says a failure may come from a dependency, and to fix that first', () => {
    expect(dependencyNote(spec('additiveAttention'), [{ id: 'additiveScores', failed: 2, cases: 3 }])).toBe(
      'additiveAttention calls your additiveScores, which fails 2 of 3 cases: fix additiveScores first',
    );
    expect(dependencyNote(spec('multiHeadAttention'), ['splitHeads', 'mergeHeads'])).toBe(
      'multiHeadAttention calls your splitHeads, which fails its own cases, and your mergeHeads, which fails its own cases: fix splitHeads and mergeHeads first',
    );
    expect(dependencyNote(spec('multiHeadAttention'), [])).toBe('');
  });
});
