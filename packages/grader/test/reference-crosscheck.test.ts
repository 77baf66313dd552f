/**
 * The reference outputs are generated from the notebooks' solution cells, so "the
 * reference solution passes" holds by construction. This file checks them against two
 * sources that share no code with those cells or with the generator:
 *
 * 1. every reference case (public and hidden) against @attnlab/core's version of the
 *    exercise, run on the case's inputs;
 * 2. every PyTorch fixture (../shared/fixtures/pytorch beside the repository, and
 *    packages/core/fixtures/pytorch) against the notebook solution of the matching exercise.
 *
 * A disagreement names the exercise and the case or fixture. The last block proves the
 * check bites: a copy of the notebooks with 1/√d dropped from scaledDotProductAttention
 * yields references (and a solution) that the cross-check reports.
 *
 * ATTNLAB_CROSSCHECK_NOTEBOOKS and ATTNLAB_CROSSCHECK_REFERENCES point blocks 2 and 1 at
 * another notebooks folder or references folder (default: the repository's).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as core from '@attnlab/core';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadNotebookSolutions, type SolutionFunction } from '../src/authoring/notebook-solutions';
import { generateReferences } from '../src/authoring/regenerate';
import { exercises } from '../src/exercises/catalog';
import { graderDir, notebooksDir, repoRoot, tempDir } from './helpers/submissions';

// ---------------------------------------------------------------- data and comparison

interface Tensorish {
  shape: number[];
  data: ArrayLike<number | string>;
}
interface Tolerance {
  rtol: number;
  atol: number;
}
interface RefCase {
  exercise: string;
  name: string;
  visibility: string;
  inputs: Record<string, unknown>;
  expected: Record<string, Tensorish>;
  tolerance: Tolerance;
}
interface Fixture {
  name: string;
  op: string;
  inputs: Record<string, Tensorish>;
  options: { scale?: number; numHeads?: number; validLens?: number[] | number[][]; causal?: boolean; length?: number; dim?: number };
  expected: Record<string, Tensorish>;
  tolerance: Tolerance;
}
/** Plain values read back from a tensor. */
interface Values {
  shape: number[];
  data: Float64Array;
}
interface Disagreement {
  exercise: string;
  where: string;
  detail: string;
}

const numbers = (t: Tensorish): Float64Array => Float64Array.from(t.data as ArrayLike<number>, Number); // "NaN", "Infinity" too
const toTensor = (t: Tensorish): tf.Tensor => tf.tensor(Float32Array.from(numbers(t)), t.shape, 'float32');
const values = (t: tf.Tensor): Values => ({ shape: [...t.shape], data: Float64Array.from(t.dataSync() as Float32Array) });

function unravel(flat: number, shape: number[]): number[] {
  const index = shape.map(() => 0);
  for (let axis = shape.length - 1, rest = flat; axis >= 0; axis--) {
    index[axis] = rest % shape[axis];
    rest = Math.floor(rest / shape[axis]);
  }
  return index;
}

/** Why `actual` is not `expected` within |a - e| <= atol + rtol·|e| (shape first), or undefined. */
function difference(expected: Tensorish, actual: Values, tol: Tolerance, says = ['expected', 'got']): string | undefined {
  if (expected.shape.join() !== actual.shape.join()) return `shapes differ: ${says[0]} [${expected.shape.join(', ')}], ${says[1]} [${actual.shape.join(', ')}]`;
  const e = numbers(expected);
  let bad = 0;
  let worst = -1;
  let worstExcess = -Infinity;
  e.forEach((x, i) => {
    const a = actual.data[i];
    const ok = Number.isNaN(x) ? Number.isNaN(a) : Number.isFinite(x) ? Math.abs(a - x) <= tol.atol + tol.rtol * Math.abs(x) : a === x;
    if (ok) return;
    bad++;
    const excess = Number.isFinite(a - x) ? Math.abs(a - x) - tol.rtol * Math.abs(x) : Infinity;
    if (excess > worstExcess) [worst, worstExcess] = [i, excess];
  });
  if (bad === 0) return undefined;
  const at = unravel(worst, expected.shape).join(', ');
  return `${bad} of ${e.length} values differ beyond atol ${tol.atol} + rtol ${tol.rtol}·|x|; worst at [${at}]: ${says[0]} ${e[worst]}, ${says[1]} ${actual.data[worst]}`;
}

function compareAll(exercise: string, where: string, expected: Record<string, Tensorish>, actual: Record<string, Values>, tol: Tolerance, says?: string[]): Disagreement[] {
  const found: Disagreement[] = [];
  for (const [name, e] of Object.entries(expected)) {
    const a = actual[name];
    const detail = a ? difference(e, a, tol, says) : `no "${name}" output to compare`;
    if (detail) found.push({ exercise, where, detail: `"${name}": ${detail}` });
  }
  return found;
}

function formatDisagreements(list: Disagreement[]): string {
  return list.map((d) => `${d.exercise}: ${d.where}: ${d.detail}`).join('\n');
}

/** Run `compute` with every tensor it makes disposed; what it reads out survives. */
function withTensors<T>(compute: () => T): T {
  let result: T | undefined;
  tf.tidy(() => {
    result = compute();
  });
  return result!;
}

// ---------------------------------------------------------------- 1. reference cases vs @attnlab/core

/** Softmax over the last axis, in float64, of plain values (for additiveScores, see below). */
function softmaxRows(t: Tensorish): Values {
  const x = numbers(t);
  const n = t.shape[t.shape.length - 1];
  const out = new Float64Array(x.length);
  for (let r = 0; r < x.length; r += n) {
    const row = x.subarray(r, r + n);
    const max = Math.max(...row);
    const e = Array.from(row, (v) => Math.exp(v - max));
    const sum = e.reduce((a, b) => a + b, 0);
    e.forEach((v, j) => (out[r + j] = v / sum));
  }
  return { shape: [...t.shape], data: out };
}

/** MultiHeadAttention.call with the case's weights, or core's pieces where its layer cannot hold them. */
function coreMultiHead(i: Record<string, unknown>): Record<string, Values> {
  const p = i.params as Record<string, Tensorish>;
  const numHeads = i.numHeads as number;
  const mask = i.mask ? toTensor(i.mask as Tensorish) : undefined;
  const [query, key, value] = [i.query, i.key, i.value].map((x) => toTensor(x as Tensorish));
  const e = p.Wq.shape[1];
  const layerFits = p.Wq.shape[0] === e && p.Wv.shape[1] === e && p.Wo.shape[0] === e && p.Wo.shape[1] === e;
  if (layerFits) {
    const layer = new core.MultiHeadAttention(
      { numHeads, modelDim: e, keyDim: p.Wk.shape[0], valueDim: p.Wv.shape[0] },
      {
        Wq: toTensor(p.Wq),
        Wk: toTensor(p.Wk),
        Wv: toTensor(p.Wv),
        Wo: toTensor(p.Wo),
        bq: p.bq && toTensor(p.bq),
        bk: p.bk && toTensor(p.bk),
        bv: p.bv && toTensor(p.bv),
        bo: p.bo && toTensor(p.bo),
      },
    );
    try {
      const { output, weights } = layer.call(query, key, value, { mask });
      return { output: values(output), weights: values(weights) };
    } finally {
      layer.dispose();
    }
  }
  // Value heads narrower than the model (H·d_v ≠ E): core's layer has one width, so use its
  // splitHeads/mergeHeads (any numHeads-divisible width) and scaledDotProductAttention.
  const heads = new core.MultiHeadAttention({ numHeads, modelDim: numHeads });
  try {
    const dense = (x: tf.Tensor, w: string, b: string) => (p[b] ? tf.matMul(x, toTensor(p[w])).add(toTensor(p[b])) : tf.matMul(x, toTensor(p[w])));
    const headMask = mask && mask.rank === 3 ? mask.expandDims(1) : mask;
    const attended = core.scaledDotProductAttention(
      heads.splitHeads(dense(query, 'Wq', 'bq')),
      heads.splitHeads(dense(key, 'Wk', 'bk')),
      heads.splitHeads(dense(value, 'Wv', 'bv')),
      { mask: headMask },
    );
    return { output: values(dense(heads.mergeHeads(attended.output), 'Wo', 'bo')), weights: values(attended.weights) };
  } finally {
    heads.dispose();
  }
}

/**
 * shiftMatrix has no counterpart in core; its defining property does: for row vectors
 * PE(p + k) = PE(p) · M_k, with PE from core.positionalEncoding. Enough positions
 * (at least dim) are used that only the right M_k satisfies it.
 */
function shiftProperty(c: RefCase): Disagreement[] {
  const k = c.inputs.k as number;
  const dim = c.inputs.dim as number;
  const m = c.expected.result;
  if (m.shape.join() !== `${dim},${dim}`)
    return [{ exercise: c.exercise, where: `${c.visibility} case "${c.name}"`, detail: `"result": shape [${m.shape.join(', ')}], expected [${dim}, ${dim}]` }];
  const M = numbers(m);
  const first = Math.max(0, -k);
  const count = Math.max(dim, 8);
  const pe = withTensors(() => values(core.positionalEncoding(first + count + Math.max(0, k), dim)));
  const row = (p: number) => pe.data.subarray(p * dim, (p + 1) * dim);
  const shifted = new Float64Array(count * dim);
  const target = new Float64Array(count * dim);
  for (let r = 0; r < count; r++) {
    const x = row(first + r);
    for (let j = 0; j < dim; j++) {
      let s = 0;
      for (let i = 0; i < dim; i++) s += x[i] * M[i * dim + j];
      shifted[r * dim + j] = s;
    }
    target.set(row(first + r + k), r * dim);
  }
  const detail = difference({ shape: [count, dim], data: target }, { shape: [count, dim], data: shifted }, c.tolerance, ["core's PE(p + k) is", 'PE(p) · M is']);
  return detail ? [{ exercise: c.exercise, where: `${c.visibility} case "${c.name}"`, detail: `PE(p + ${k}) ≠ PE(p) · M for p = ${first}…${first + count - 1}: ${detail}` }] : [];
}

/**
 * onlineSoftmaxUpdate has no counterpart in core; what its state means does. A state (m, l, acc)
 * stands for keys whose weights sum to l·e^m and whose weighted values sum to acc·e^m, which is one
 * key with score m + log l and value acc / l (none when l = 0, the empty state). So after the
 * update, acc / l must be core.maskedSoftmax over that key and the block's scores, applied to its
 * value and the block's values; m must be the running maximum; and m + log l the log-sum-exp of
 * all those scores.
 */
function onlineSoftmaxProperty(c: RefCase): Disagreement[] {
  const where = `${c.visibility} case "${c.name}"`;
  const state = c.inputs.state as Record<'m' | 'l' | 'acc', Tensorish>;
  const scores = c.inputs.scores as Tensorish;
  const [lq, bk] = scores.shape;
  const dv = state.acc.shape[1];
  const [mOld, lOld, accOld, s] = [state.m, state.l, state.acc, scores].map(numbers);
  const e = { m: numbers(c.expected.m), l: numbers(c.expected.l), acc: numbers(c.expected.acc) };
  const shapes = [`${lq},1`, `${lq},1`, `${lq},${dv}`];
  const wrongShape = (['m', 'l', 'acc'] as const).find((name, n) => c.expected[name].shape.join() !== shapes[n]);
  if (wrongShape)
    return [
      { exercise: c.exercise, where, detail: `"${wrongShape}": shape [${c.expected[wrongShape].shape.join(', ')}], expected [${shapes[['m', 'l', 'acc'].indexOf(wrongShape)]}]` },
    ];
  const row = (x: Float64Array, r: number, n: number) => Array.from(x.subarray(r * n, (r + 1) * n));
  const runningMax = Float64Array.from({ length: lq }, (_, r) => Math.max(mOld[r], ...row(s, r, bk)));
  const logSumExp = Float64Array.from({ length: lq }, (_, r) => {
    const all = [...(lOld[r] > 0 ? [mOld[r] + Math.log(lOld[r])] : []), ...row(s, r, bk)];
    const top = Math.max(...all);
    return top + Math.log(all.reduce((sum, x) => sum + Math.exp(x - top), 0));
  });
  const output = withTensors(() => {
    const earlier = tf.tensor2d(
      Float32Array.from(mOld, (m, r) => (lOld[r] > 0 ? m + Math.log(lOld[r]) : 0)),
      [lq, 1],
    );
    const kept = tf.concat(
      [
        tf.tensor2d(
          Float32Array.from(lOld, (l) => (l > 0 ? 1 : 0)),
          [lq, 1],
        ),
        tf.ones([lq, bk]),
      ],
      1,
    );
    const weights = core.maskedSoftmax(tf.concat([earlier, toTensor(scores)], 1), kept);
    const earlierValue = tf.tensor2d(
      Float32Array.from(accOld, (a, i) => (lOld[Math.floor(i / dv)] > 0 ? a / lOld[Math.floor(i / dv)] : 0)),
      [lq, dv],
    );
    const blockOutput = tf.matMul(weights.slice([0, 1], [lq, bk]), toTensor(c.inputs.values as Tensorish));
    return values(weights.slice([0, 0], [lq, 1]).mul(earlierValue).add(blockOutput));
  });
  const plain = (data: Float64Array, cols: number): Values => ({ shape: [lq, cols], data });
  return [
    ...compareAll(c.exercise, where, { m: c.expected.m }, { m: plain(runningMax, 1) }, c.tolerance, ['the reference has', 'the running maximum is']),
    ...compareAll(c.exercise, where, { 'm + log l': { shape: [lq, 1], data: e.m.map((m, r) => m + Math.log(e.l[r])) } }, { 'm + log l': plain(logSumExp, 1) }, c.tolerance, [
      'the reference has',
      'the log-sum-exp of every score is',
    ]),
    ...compareAll(c.exercise, where, { 'acc / l': { shape: [lq, dv], data: e.acc.map((a, i) => a / e.l[Math.floor(i / dv)]) } }, { 'acc / l': output }, c.tolerance, [
      'the reference has',
      'core.maskedSoftmax over the state and the block gives',
    ]),
  ];
}

/** Layer normalisation over the last axis, written out here (core has none): γ · (x − μ) / √(σ² + ε) + β with σ² the mean squared deviation. */
function layerNormHere(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, eps: number): tf.Tensor {
  const mean = tf.mean(x, -1, true);
  const deviation = tf.sub(x, mean);
  return tf.add(tf.mul(tf.div(deviation, tf.sqrt(tf.add(tf.mean(tf.square(deviation), -1, true), eps))), gamma), beta);
}

/** A pre-LN block from core's multi-head layer: h = x + MHA(LN1(x)), output = h + relu(LN2(h)·W1 + b1)·W2 + b2. */
function coreTransformerBlock(i: Record<string, unknown>): Record<string, Values> {
  const x = toTensor(i.x as Tensorish);
  const p = i.params as Record<'ln1' | 'ln2' | 'attn' | 'ffn', Record<string, Tensorish>>;
  const t = (group: 'ln1' | 'ln2' | 'attn' | 'ffn', name: string) => toTensor(p[group][name]);
  const [b, l, e] = x.shape;
  const layer = new core.MultiHeadAttention(
    { numHeads: i.numHeads as number, modelDim: e },
    { Wq: t('attn', 'Wq'), Wk: t('attn', 'Wk'), Wv: t('attn', 'Wv'), Wo: t('attn', 'Wo'), bq: t('attn', 'bq'), bk: t('attn', 'bk'), bv: t('attn', 'bv'), bo: t('attn', 'bo') },
  );
  try {
    const n1 = layerNormHere(x, t('ln1', 'gamma'), t('ln1', 'beta'), 1e-5);
    const mask = i.mask ? toTensor(i.mask as Tensorish) : undefined;
    const h = tf.add(x, layer.call(n1, n1, n1, { mask }).output);
    const n2 = tf.reshape(layerNormHere(h, t('ln2', 'gamma'), t('ln2', 'beta'), 1e-5), [b * l, e]);
    const hidden = tf.relu(tf.add(tf.matMul(n2, t('ffn', 'W1')), t('ffn', 'b1')));
    return { result: values(tf.add(h, tf.reshape(tf.add(tf.matMul(hidden, t('ffn', 'W2')), t('ffn', 'b2')), [b, l, e]))) };
  } finally {
    layer.dispose();
  }
}

/** core's outputs for one case of each exercise that core also computes. */
const coreOf: Record<string, (i: Record<string, unknown>) => Record<string, Values>> = {
  softmax: (i) => ({ result: values(core.maskedSoftmax(toTensor(i.x as Tensorish))) }),
  scaledDotProductAttention: (i) => {
    const { output, weights } = core.scaledDotProductAttention(toTensor(i.q as Tensorish), toTensor(i.k as Tensorish), toTensor(i.v as Tensorish));
    return { output: values(output), weights: values(weights) };
  },
  additiveAttention: (i) => {
    const [q, k, v, Wq, Wk, wv] = ['q', 'k', 'v', 'Wq', 'Wk', 'wv'].map((n) => toTensor(i[n] as Tensorish));
    const { output, weights } = core.additiveAttention(q, k, v, { Wq, Wk, wv });
    return { output: values(output), weights: values(weights) };
  },
  paddingMask: (i) => ({ result: values(core.paddingMask(i.validLens as number[], i.lk as number)) }),
  causalMask: (i) => ({ result: values(core.causalMask(i.l as number)) }),
  maskedSoftmax: (i) => ({ result: values(core.maskedSoftmax(toTensor(i.scores as Tensorish), toTensor(i.mask as Tensorish))) }),
  splitHeads: (i) => {
    const x = i.x as Tensorish;
    const layer = new core.MultiHeadAttention({ numHeads: i.numHeads as number, modelDim: x.shape[2] });
    try {
      return { result: values(layer.splitHeads(toTensor(x))) };
    } finally {
      layer.dispose();
    }
  },
  mergeHeads: (i) => {
    const [, h, , d] = (i.x as Tensorish).shape;
    const layer = new core.MultiHeadAttention({ numHeads: h, modelDim: h * d });
    try {
      return { result: values(layer.mergeHeads(toTensor(i.x as Tensorish))) };
    } finally {
      layer.dispose();
    }
  },
  multiHeadAttention: coreMultiHead,
  positionalEncoding: (i) => ({ result: values(core.positionalEncoding(i.length as number, i.dim as number)) }),
  // pooling is attention with one query row shared by the batch: q [B, 1, d], keys = values = h, mask [B, 1, L]
  attentionPooling: (i) => {
    const h = toTensor(i.h as Tensorish);
    const [b, l, d] = h.shape;
    const q = tf.tile(toTensor(i.query as Tensorish).reshape([1, 1, d]), [b, 1, 1]);
    const mask = i.mask ? toTensor(i.mask as Tensorish).reshape([b, 1, l]) : undefined;
    const { output, weights } = core.scaledDotProductAttention(q, h, h, { mask });
    return { output: values(output.reshape([b, d])), weights: values(weights.reshape([b, l])) };
  },
  // one query row per aspect, shared by the batch: q [B, A, d], keys = values = h, mask [B, 1, L]
  aspectAttention: (i) => {
    const h = toTensor(i.h as Tensorish);
    const [b, l] = h.shape;
    const aspects = toTensor(i.aspects as Tensorish);
    const q = tf.tile(aspects.expandDims(0), [b, 1, 1]);
    const mask = i.mask ? toTensor(i.mask as Tensorish).reshape([b, 1, l]) : undefined;
    const { output, weights } = core.scaledDotProductAttention(q, h, h, { mask });
    return { output: values(output), weights: values(weights) };
  },
  // one query row per learner, its own candidate: q [B, 1, d], keys = values = history, mask [B, 1, T]
  targetAttention: (i) => {
    const history = toTensor(i.history as Tensorish);
    const [b, t, d] = history.shape;
    const q = toTensor(i.candidate as Tensorish).reshape([b, 1, d]);
    const mask = i.mask ? toTensor(i.mask as Tensorish).reshape([b, 1, t]) : undefined;
    const { output, weights } = core.scaledDotProductAttention(q, history, history, { mask });
    return { output: values(output.reshape([b, d])), weights: values(weights.reshape([b, t])) };
  },
  // one additive query per input, its decoder state: q [B, 1, ds], keys = values = encoder outputs, mask [B, 1, L]
  bahdanauContext: (i) => {
    const enc = toTensor(i.encoderOutputs as Tensorish);
    const [b, l, de] = enc.shape;
    const state = toTensor(i.state as Tensorish);
    const q = state.reshape([b, 1, -1]);
    const p = i.params as Record<'Wq' | 'Wk' | 'wv', Tensorish>;
    const mask = i.mask ? toTensor(i.mask as Tensorish).reshape([b, 1, l]) : undefined;
    const { output, weights } = core.additiveAttention(q, enc, enc, { Wq: toTensor(p.Wq), Wk: toTensor(p.Wk), wv: toTensor(p.wv) }, { mask });
    return { context: values(output.reshape([b, de])), weights: values(weights.reshape([b, l])) };
  },
  // core has no layer normalisation: the formula written out above; eps defaults to 1e-5 as in the spec
  layerNorm: (i) => ({
    result: values(layerNormHere(toTensor(i.x as Tensorish), toTensor(i.gamma as Tensorish), toTensor(i.beta as Tensorish), (i.eps as number | undefined) ?? 1e-5)),
  }),
  transformerBlock: coreTransformerBlock,
};

/** Exercises checked another way than by comparing with core's outputs, and why. */
const checkedOtherwise: Record<string, (c: RefCase) => Disagreement[]> = {
  shiftMatrix: shiftProperty,
  onlineSoftmaxUpdate: onlineSoftmaxProperty,
  // core.additiveAttention returns softmax(scores), not the scores: softmax of the expected
  // scores must equal core's weights (this pins the scores up to a constant per row).
  additiveScores: (c) => {
    const i = c.inputs as Record<string, Tensorish>;
    const lk = i.k.shape[i.k.shape.length - 2];
    const weights = withTensors(() => {
      const [q, k, Wq, Wk, wv] = [i.q, i.k, i.Wq, i.Wk, i.wv].map(toTensor);
      return values(core.additiveAttention(q, k, tf.zeros([...i.k.shape.slice(0, -1), 1]), { Wq, Wk, wv }).weights);
    });
    const expectedWeights = softmaxRows(c.expected.result);
    if (c.expected.result.shape.join() !== weights.shape.join() || weights.shape[weights.shape.length - 1] !== lk) {
      return [
        {
          exercise: c.exercise,
          where: `${c.visibility} case "${c.name}"`,
          detail: `"result": shape [${c.expected.result.shape.join(', ')}], core's weights are [${weights.shape.join(', ')}]`,
        },
      ];
    }
    return compareAll(c.exercise, `${c.visibility} case "${c.name}"`, { 'softmax(result)': weights }, { 'softmax(result)': expectedWeights }, c.tolerance, [
      "core's weights are",
      'the reference gives',
    ]);
  },
};

/** Every disagreement between reference cases and core (or the defining property). */
function crossCheckReferences(cases: RefCase[]): Disagreement[] {
  const found: Disagreement[] = [];
  for (const c of cases) {
    const where = `${c.visibility} case "${c.name}"`;
    const other = checkedOtherwise[c.exercise];
    const compute = coreOf[c.exercise];
    if (other) {
      found.push(...other(c));
    } else if (compute) {
      let actual: Record<string, Values>;
      try {
        actual = withTensors(() => compute(c.inputs));
      } catch (error) {
        found.push({ exercise: c.exercise, where, detail: `core failed on the case's inputs: ${(error as Error).message}` });
        continue;
      }
      found.push(...compareAll(c.exercise, where, c.expected, actual, c.tolerance, ['the reference has', 'core gives']));
    } else {
      found.push({ exercise: c.exercise, where, detail: 'no cross-check for this exercise: add one to test/reference-crosscheck.test.ts' });
    }
  }
  return found;
}

function readReferenceCases(dir: string): RefCase[] {
  return ['public', 'hidden'].flatMap((v) => (JSON.parse(fs.readFileSync(path.join(dir, `${v}.json`), 'utf8')) as { cases: RefCase[] }).cases);
}

// ---------------------------------------------------------------- 2. PyTorch fixtures vs the notebook solutions

type Solutions = Record<string, SolutionFunction>;

function call(solutions: Solutions, id: string, ...args: unknown[]): Record<string, tf.Tensor> {
  const fn = solutions[id] as unknown as (...a: unknown[]) => unknown;
  const result = fn(...args);
  if (result instanceof tf.Tensor) return { result };
  return result as Record<string, tf.Tensor>;
}

/** One fixture check: which exercise's solution computed what. */
interface FixtureRun {
  exercise: string;
  actual: Record<string, Values>;
  expected: Record<string, Tensorish>;
}

/**
 * The notebook solutions run on a fixture: the exercise whose signature fits, composed
 * from the exercises' own solutions where the fixture has more than the exercise takes
 * (a mask, a custom scale); the fixture's mask is also rebuilt with paddingMask or
 * causalMask where its options say how it was made. Undefined: no exercise computes this op.
 */
function fixtureRuns(f: Fixture, solutions: Solutions): FixtureRun[] | undefined {
  const i = f.inputs;
  const t = (name: string) => toTensor(i[name]);
  const read = (r: Record<string, tf.Tensor>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, values(v)]));
  const runs: FixtureRun[] = [];
  const maskRuns = () => {
    if (!i.mask) return;
    const lk = i.mask.shape[i.mask.shape.length - 1];
    const lens = f.options.validLens;
    if (lens && (lens as unknown[]).every((x) => typeof x === 'number')) {
      const mask = call(solutions, 'paddingMask', [...(lens as number[])], lk).result;
      runs.push({ exercise: 'paddingMask', expected: { mask: i.mask }, actual: { mask: values(tf.broadcastTo(mask, i.mask.shape)) } });
    }
    const lq = i.mask.shape[i.mask.shape.length - 2];
    if (f.options.causal && lq === lk) {
      const mask = call(solutions, 'causalMask', lk).result;
      runs.push({ exercise: 'causalMask', expected: { mask: i.mask }, actual: { mask: values(tf.broadcastTo(mask, i.mask.shape)) } });
    }
  };
  switch (f.op) {
    case 'scaledDotProductAttention': {
      const dk = i.k.shape[i.k.shape.length - 1];
      const scale = f.options.scale ?? 1 / Math.sqrt(dk);
      if (!i.mask) {
        // the exercise divides by √d_k; scaling q by scale·√d_k gives any other scale
        const q = f.options.scale === undefined ? t('q') : t('q').mul(scale * Math.sqrt(dk));
        runs.push({ exercise: 'scaledDotProductAttention', expected: f.expected, actual: read(call(solutions, 'scaledDotProductAttention', q, t('k'), t('v'))) });
      } else {
        const weights = call(solutions, 'maskedSoftmax', tf.matMul(t('q'), t('k'), false, true).mul(scale), t('mask')).result;
        runs.push({ exercise: 'maskedSoftmax', expected: f.expected, actual: read({ output: tf.matMul(weights, t('v')), weights }) });
      }
      maskRuns();
      return runs;
    }
    case 'maskedSoftmax':
      runs.push({ exercise: 'maskedSoftmax', expected: f.expected, actual: read({ weights: call(solutions, 'maskedSoftmax', t('scores'), t('mask')).result }) });
      maskRuns();
      return runs;
    case 'additiveAttention': {
      if (!i.mask) {
        runs.push({ exercise: 'additiveAttention', expected: f.expected, actual: read(call(solutions, 'additiveAttention', t('q'), t('k'), t('v'), t('Wq'), t('Wk'), t('wv'))) });
      } else {
        const scores = call(solutions, 'additiveScores', t('q'), t('k'), t('Wq'), t('Wk'), t('wv')).result;
        const weights = call(solutions, 'maskedSoftmax', scores, t('mask')).result;
        runs.push({ exercise: 'additiveScores', expected: f.expected, actual: read({ output: tf.matMul(weights, t('v')), weights }) });
      }
      maskRuns();
      return runs;
    }
    case 'MultiHeadAttention.fromPyTorch': {
      // nn.MultiheadAttention applies x · Wᵀ, with in_proj_weight = [Wq; Wk; Wv] stacked on rows
      const inProj = t('state.in_proj_weight');
      const inBias = t('state.in_proj_bias');
      const e = inProj.shape[1]!;
      const block = (n: number) => inProj.slice([n * e, 0], [e, e]).transpose();
      const bias = (n: number) => inBias.slice([n * e], [e]);
      const params = {
        Wq: block(0),
        Wk: block(1),
        Wv: block(2),
        Wo: t('state.out_proj.weight').transpose(),
        bq: bias(0),
        bk: bias(1),
        bv: bias(2),
        bo: t('state.out_proj.bias'),
      };
      const mask = i.mask ? t('mask') : undefined;
      runs.push({
        exercise: 'multiHeadAttention',
        expected: f.expected,
        actual: read(call(solutions, 'multiHeadAttention', t('query'), t('key'), t('value'), params, f.options.numHeads!, mask)),
      });
      maskRuns();
      return runs;
    }
    case 'positionalEncoding':
      runs.push({
        exercise: 'positionalEncoding',
        expected: f.expected,
        actual: { encoding: values(call(solutions, 'positionalEncoding', f.options.length!, f.options.dim!).result) },
      });
      return runs;
    default:
      return undefined;
  }
}

/** Every disagreement between one fixture and the notebook solutions. */
function crossCheckFixture(f: Fixture, set: string, solutions: Solutions): Disagreement[] {
  const where = `fixture ${f.name} (${set})`;
  let runs: FixtureRun[] | undefined;
  try {
    runs = withTensors(() => fixtureRuns(f, solutions));
  } catch (error) {
    return [{ exercise: f.op, where, detail: `the notebook solution failed on the fixture's inputs: ${(error as Error).message}` }];
  }
  return (runs ?? []).flatMap((r) =>
    compareAll(r.exercise, where, r.expected, r.actual, r.exercise === 'paddingMask' || r.exercise === 'causalMask' ? { rtol: 0, atol: 0 } : f.tolerance, [
      'PyTorch gives',
      'the notebook solution gives',
    ]),
  );
}

const fixtureSets = [
  { name: '../shared/fixtures/pytorch', dir: path.resolve(repoRoot, '..', 'shared', 'fixtures', 'pytorch') },
  { name: 'packages/core/fixtures/pytorch', dir: path.join(repoRoot, 'packages', 'core', 'fixtures', 'pytorch') },
];

function readFixtures(dir: string): Fixture[] {
  return fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => JSON.parse(fs.readFileSync(path.join(dir, n), 'utf8')) as Fixture);
}

/** The fixture ops fixtureRuns maps to exercises. */
const fixtureOpsWithExercise = new Set(['scaledDotProductAttention', 'maskedSoftmax', 'additiveAttention', 'MultiHeadAttention.fromPyTorch', 'positionalEncoding']);
/** Ops a fixture may have that no exercise computes (core's own tests check core against them). */
const fixtureOpsWithoutExercise = new Set(['chunkedAttention']);

// ---------------------------------------------------------------- the tests

const referenceDir = process.env.ATTNLAB_CROSSCHECK_REFERENCES ? path.resolve(process.env.ATTNLAB_CROSSCHECK_REFERENCES) : path.join(graderDir, 'references');
const solutionsDir = process.env.ATTNLAB_CROSSCHECK_NOTEBOOKS ? path.resolve(process.env.ATTNLAB_CROSSCHECK_NOTEBOOKS) : notebooksDir;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe(`reference cases in ${path.relative(repoRoot, referenceDir) || referenceDir} agree with @attnlab/core`, () => {
  const cases = readReferenceCases(referenceDir);
  const ids = [...new Set(cases.map((c) => c.exercise))];

  it('has a cross-check for every exercise in the catalogue', () => {
    const missing = exercises.map((e) => e.id).filter((id) => !coreOf[id] && !checkedOtherwise[id]);
    expect(missing, 'exercises without a cross-check against core').toEqual([]);
  });

  it.each(ids)('%s: every public and hidden case', (id) => {
    const mine = cases.filter((c) => c.exercise === id);
    expect(mine.some((c) => c.visibility === 'hidden')).toBe(true);
    const found = crossCheckReferences(mine);
    expect(found, formatDisagreements(found)).toEqual([]);
  });
});

describe(`PyTorch fixtures agree with the notebook solutions in ${path.relative(repoRoot, solutionsDir) || solutionsDir}`, () => {
  let solutions: Solutions;
  beforeAll(() => {
    solutions = loadNotebookSolutions(solutionsDir);
  });

  for (const set of fixtureSets) {
    const present = fs.existsSync(set.dir);
    const fixtures = present ? readFixtures(set.dir) : [];
    it.skipIf(!present)(`${set.name}${present ? '' : ` (skipped: ${set.dir} does not exist)`}: reads every fixture`, () => {
      expect(fixtures.length).toBeGreaterThan(0);
      const unknown = fixtures.filter((f) => !fixtureOpsWithExercise.has(f.op) && !fixtureOpsWithoutExercise.has(f.op));
      expect(
        unknown.map((f) => `${f.name}: op ${f.op}`),
        'fixtures whose op no exercise computes: map them in fixtureRuns or list the op in fixtureOpsWithoutExercise',
      ).toEqual([]);
    });
    for (const f of fixtures) {
      it.skipIf(fixtureOpsWithoutExercise.has(f.op))(`${set.name}: ${f.name} (${f.op})`, () => {
        const found = crossCheckFixture(f, set.name, solutions);
        expect(found, formatDisagreements(found)).toEqual([]);
      });
    }
  }
});

describe('the cross-check catches a wrong reference solution', () => {
  let broken: string;
  let solutions: { broken: Solutions; right: Solutions };
  let generated: { broken: RefCase[]; right: RefCase[] };
  let found: Disagreement[];
  beforeAll(async () => {
    // a copy of the instructor notebooks whose scaledDotProductAttention forgets 1/√d_k
    broken = tempDir('crosscheck');
    let edited = 0;
    for (const name of fs.readdirSync(notebooksDir).filter((n) => /^\d{2}-.*\.ipynb$/.test(n))) {
      const nb = JSON.parse(fs.readFileSync(path.join(notebooksDir, name), 'utf8')) as { cells: { metadata?: { attnlab?: { exercise?: string } }; source: string | string[] }[] };
      for (const cell of nb.cells) {
        if (cell.metadata?.attnlab?.exercise !== 'scaledDotProductAttention') continue;
        const source = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
        cell.source = source.replace(/\.div\(Math\.sqrt\(\w+\)\)/, '');
        if (cell.source !== source) edited++;
      }
      fs.writeFileSync(path.join(broken, name), JSON.stringify(nb, null, 1));
    }
    expect(edited, 'the scaledDotProductAttention solution cell divides by Math.sqrt(d)').toBe(1);
    const only = ['scaledDotProductAttention'];
    const cases = (refs: Awaited<ReturnType<typeof generateReferences>>) => [...refs.public.cases, ...refs.hidden.cases] as RefCase[];
    generated = { broken: cases(await generateReferences({ notebooksDir: broken, only })), right: cases(await generateReferences({ notebooksDir: notebooksDir, only })) };
    solutions = { broken: loadNotebookSolutions(broken), right: loadNotebookSolutions(notebooksDir) };
    found = crossCheckReferences(generated.broken);
  });
  afterAll(() => fs.rmSync(broken, { recursive: true, force: true }));

  it('reports each scaledDotProductAttention case whose reference it changes, and nothing else', () => {
    const reported = [...new Set(found.map((d) => `${d.exercise}: ${d.where}`))].sort();
    // saturated cases (logits in the hundreds) give one-hot weights with or without the scaling
    const changed = generated.broken
      .filter(
        (c, n) =>
          compareAll(
            c.exercise,
            '',
            generated.right[n].expected,
            Object.fromEntries(Object.entries(c.expected).map(([k, t]) => [k, { shape: t.shape, data: numbers(t) }])),
            c.tolerance,
          ).length > 0,
      )
      .map((c) => `scaledDotProductAttention: ${c.visibility} case "${c.name}"`);
    expect(changed.length).toBeGreaterThanOrEqual(3);
    expect(reported).toEqual(changed.sort());
    expect(formatDisagreements(found)).toMatch(/^scaledDotProductAttention: (public|hidden) case "[^"]+": "(output|weights)": \d+ of \d+ values differ/m);
  });

  const present = fixtureSets.filter((s) => fs.existsSync(s.dir));
  it.skipIf(present.length === 0)(
    `reports the PyTorch fixtures where the wrong solution's outputs change, and no other exercise${present.length === 0 ? ' (skipped: no fixture folder exists)' : ''}`,
    () => {
      const fixtures = present.flatMap((s) => readFixtures(s.dir).map((f) => ({ f, set: s.name })));
      const reported = fixtures.flatMap(({ f, set }) => crossCheckFixture(f, set, solutions.broken));
      const changed = fixtures
        .filter(({ f }) => {
          const [right, wrong] = [solutions.right, solutions.broken].map((s) => withTensors(() => fixtureRuns(f, s)) ?? []);
          return right.some((r, n) => compareAll(r.exercise, '', r.actual, wrong[n].actual, f.tolerance).length > 0);
        })
        .map(({ f, set }) => `fixture ${f.name} (${set})`);
      expect(changed.length).toBeGreaterThanOrEqual(3);
      expect([...new Set(reported.map((d) => d.where))].sort()).toEqual(changed.sort());
      expect(reported.filter((d) => d.exercise !== 'scaledDotProductAttention')).toEqual([]);
    },
  );
});

describe('the onlineSoftmaxUpdate cross-check catches a wrong reference', () => {
  const cases = ['public', 'hidden']
    .flatMap(
      (v) => (JSON.parse(fs.readFileSync(path.join(referenceDir, `${v}.json`), 'utf8')) as { cases: (RefCase & { mistakes: Record<string, Record<string, Tensorish>> })[] }).cases,
    )
    .filter((c) => c.exercise === 'onlineSoftmaxUpdate');

  it.each(['online-softmax-no-rescale', 'online-softmax-rescale-l-only', 'online-softmax-block-max', 'online-softmax-normalised-acc'])(
    'reports every case whose reference the mistake %s would change',
    (mistake) => {
      const changed = cases.filter((c) => c.mistakes[mistake]);
      expect(changed.length).toBeGreaterThan(0);
      const found = crossCheckReferences(changed.map((c) => ({ ...c, expected: c.mistakes[mistake] })));
      expect(new Set(found.map((d) => d.where))).toEqual(new Set(changed.map((c) => `${c.visibility} case "${c.name}"`)));
    },
  );
});
