// Bad shapes and arguments throw an Error naming the argument and the shapes involved.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  additiveAttention,
  AdditiveAttention,
  causalMask,
  chunkedAttention,
  heatmapFigure,
  maskedSoftmax,
  MultiHeadAttention,
  paddingMask,
  positionalEncoding,
  scaledDotProductAttention,
} from '../src';

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(Error);
    return (err as Error).message;
  }
  throw new Error('expected a throw, but the call returned');
}

describe('errors name the argument and the shapes', () => {
  const made: tf.Tensor[] = [];
  const t = (shape: number[]) => {
    const x = tf.ones(shape);
    made.push(x);
    return x;
  };
  let q: tf.Tensor, k: tf.Tensor, v: tf.Tensor;
  beforeAll(() => {
    [q, k, v] = [t([2, 4, 8]), t([2, 5, 8]), t([2, 5, 3])];
  });
  afterAll(() => tf.dispose(made));

  it('keys whose last dim differs from the queries', () => {
    expect(messageOf(() => scaledDotProductAttention(q, t([2, 5, 6]), v))).toBe(
      'scaledDotProductAttention: keys last dim 6 does not match queries last dim 8 (q [2,4,8], k [2,5,6])',
    );
  });

  it('keys and values of different lengths', () => {
    const msg = messageOf(() => scaledDotProductAttention(q, k, t([2, 7, 3])));
    expect(msg).toContain('values length 7 does not match keys length 5');
    expect(msg).toContain('k [2,5,8]');
    expect(msg).toContain('v [2,7,3]');
    expect(messageOf(() => additiveAttention(q, k, t([2, 7, 3]), { Wq: t([8, 4]), Wk: t([8, 4]), wv: t([4]) }))).toContain(
      'additiveAttention: values length 7 does not match keys length 5',
    );
  });

  it('batch dimensions that differ', () => {
    expect(messageOf(() => scaledDotProductAttention(q, t([3, 5, 8]), t([3, 5, 3])))).toContain('keys batch dimensions [3] do not match queries batch dimensions [2]');
  });

  it('a mask that does not broadcast to the scores', () => {
    const msg = messageOf(() => scaledDotProductAttention(q, k, v, { mask: t([2, 4, 4]) }));
    expect(msg).toContain('scaledDotProductAttention: mask [2,4,4] does not broadcast to scores [2,4,5]');
    expect(messageOf(() => maskedSoftmax(t([2, 3, 5]), t([3, 1, 5])))).toContain('maskedSoftmax: mask [3,1,5] does not broadcast to scores [2,3,5]');
    const mha = new MultiHeadAttention({ numHeads: 2, modelDim: 8 });
    expect(messageOf(() => mha.call(q, k, k, { mask: t([2, 4, 6]) }))).toContain('MultiHeadAttention.call: mask [2,4,6] does not broadcast to scores [2,4,5]');
    mha.dispose();
  });

  it('chunkedAttention: shapes, mask and blockSize', () => {
    expect(messageOf(() => chunkedAttention(q, t([2, 5, 6]), v))).toBe('chunkedAttention: keys last dim 6 does not match queries last dim 8 (q [2,4,8], k [2,5,6])');
    expect(messageOf(() => chunkedAttention(q, k, t([2, 7, 3])))).toContain('chunkedAttention: values length 7 does not match keys length 5');
    expect(messageOf(() => chunkedAttention(t([8]), k, v))).toBe('chunkedAttention: queries must have shape [..., Lq, dk], got [8]');
    expect(messageOf(() => chunkedAttention(q, k, v, { mask: t([2, 4, 4]) }))).toContain('chunkedAttention: mask [2,4,4] does not broadcast to scores [2,4,5]');
    const half = tf.fill([5], 0.5);
    made.push(half);
    expect(messageOf(() => chunkedAttention(q, k, v, { mask: half }))).toContain('chunkedAttention: mask [5] holds 0.5 at [0], but attnlab masks are keep-masks');
    for (const blockSize of [0, -2, 1.5, NaN]) {
      expect(messageOf(() => chunkedAttention(q, k, v, { blockSize }))).toBe(`chunkedAttention: blockSize must be a positive integer, got ${blockSize}`);
    }
  });

  it('additive parameters that do not fit the inputs', () => {
    expect(messageOf(() => additiveAttention(q, k, v, { Wq: t([7, 4]), Wk: t([8, 4]), wv: t([4]) }))).toBe(
      'additiveAttention: Wq rows 7 does not match queries last dim 8 (q [2,4,8], Wq [7,4])',
    );
    expect(messageOf(() => additiveAttention(q, k, v, { Wq: t([8, 4]), Wk: t([8, 4]), wv: t([5]) }))).toContain('wv length 5 does not match hidden size 4');
  });

  it('modelDim not divisible by numHeads', () => {
    expect(messageOf(() => new MultiHeadAttention({ numHeads: 3, modelDim: 8 }))).toContain('MultiHeadAttention: modelDim 8 is not divisible by numHeads 3');
  });

  it('MultiHeadAttention inputs and PyTorch state of the wrong size', () => {
    const mha = new MultiHeadAttention({ numHeads: 2, modelDim: 8 });
    expect(messageOf(() => mha.call(t([2, 4, 6]), k, k))).toBe('MultiHeadAttention.call: query last dim 6 does not match modelDim 8 (query [2,4,6], key [2,5,8], value [2,5,8])');
    expect(messageOf(() => mha.splitHeads(t([2, 4, 7])))).toContain('x last dim 7 is not divisible by numHeads 2 (x [2,4,7])');
    mha.dispose();
    const state = { in_proj_weight: t([20, 8]), 'out_proj.weight': t([8, 8]) };
    expect(messageOf(() => MultiHeadAttention.fromPyTorch(state, 2))).toBe(
      'MultiHeadAttention.fromPyTorch: in_proj_weight must have shape [24,8] (E = 8, the size of out_proj.weight [8,8]), got [20,8]',
    );
    expect(messageOf(() => MultiHeadAttention.fromPyTorch({ in_proj_weight: t([24, 8]) }, 2))).toContain('missing "out_proj.weight"');
  });

  it('PyTorch state dicts: every key checked, named with both shapes, before any tensor op', () => {
    const good = () => ({ in_proj_weight: t([24, 8]), in_proj_bias: t([24]), 'out_proj.weight': t([8, 8]), 'out_proj.bias': t([8]) });
    const from = '(E = 8, the size of out_proj.weight [8,8])';
    const fromPyTorch = (change: Record<string, tf.Tensor | undefined>, numHeads = 2) =>
      messageOf(() => MultiHeadAttention.fromPyTorch({ ...good(), ...change } as Record<string, tf.Tensor>, numHeads));
    // The case: TF.js's own "Number of splits must evenly divide the axis" came through.
    expect(fromPyTorch({ in_proj_bias: t([20]) })).toBe(`MultiHeadAttention.fromPyTorch: in_proj_bias must have shape [24] ${from}, got [20]`);
    expect(fromPyTorch({ 'out_proj.bias': t([6]) })).toBe(`MultiHeadAttention.fromPyTorch: out_proj.bias must have shape [8] ${from}, got [6]`);
    expect(fromPyTorch({ 'out_proj.weight': t([8, 6]) })).toBe('MultiHeadAttention.fromPyTorch: out_proj.weight must be a square matrix [E,E] with E ≥ 1, got [8,6]');
    expect(fromPyTorch({}, 3)).toBe(`MultiHeadAttention.fromPyTorch: numHeads 3 does not divide the embedding size ${from}; each head gets E / numHeads features`);
    expect(fromPyTorch({}, 0)).toContain('numHeads must be a positive integer, got 0');
    expect(fromPyTorch({ in_proj_weight: undefined })).toContain('state is missing "q_proj_weight" (has in_proj_bias, out_proj.weight, out_proj.bias)');
    const separate = { in_proj_weight: undefined, q_proj_weight: t([8, 8]), k_proj_weight: t([8, 3]), v_proj_weight: t([8, 5]) };
    expect(fromPyTorch({ ...separate, q_proj_weight: t([8, 3]) })).toBe(`MultiHeadAttention.fromPyTorch: q_proj_weight must have shape [8,8] ${from}, got [8,3]`);
    expect(fromPyTorch({ ...separate, k_proj_weight: t([6, 3]) })).toBe(`MultiHeadAttention.fromPyTorch: k_proj_weight must have shape [8,kdim] ${from}, got [6,3]`);
    expect(fromPyTorch({ ...separate, v_proj_weight: t([8]) })).toContain('v_proj_weight must have shape [8,vdim]');
  });

  it('a mask that is not a keep-mask: additive 0/-Infinity, fractions, NaN', () => {
    const rule = [
      'attnlab masks are keep-masks: 1 or true = may attend, 0 or false = blocked',
      "An additive mask (0 = attend, -Infinity = blocked, added to the scores) and PyTorch's bool masks (true = blocked) use the opposite convention",
      'convert with tf.equal(additiveMask, 0) or tf.logicalNot(torchMask)',
    ];
    // The example: read as a keep-mask, [0, 0, -inf] gave weights [0, 0, 1].
    const additive = tf.tensor1d([0, 0, -Infinity]);
    made.push(additive);
    const msg = messageOf(() => maskedSoftmax(t([2, 3]), additive));
    expect(msg).toContain('maskedSoftmax: mask [3] holds -Infinity at [2], but ');
    for (const part of rule) expect(msg).toContain(part);

    const at = (shape: number[], flat: number, value: number) => {
      const data = new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(1);
      data[flat] = value;
      const m = tf.tensor(data, shape);
      made.push(m);
      return m;
    };
    expect(messageOf(() => scaledDotProductAttention(q, k, v, { mask: at([2, 1, 5], 7, 0.5) }))).toContain(
      'scaledDotProductAttention: mask [2,1,5] holds 0.5 at [1,0,2], but attnlab masks are keep-masks',
    );
    expect(messageOf(() => scaledDotProductAttention(q, k, v, { mask: at([4, 5], 0, NaN), causal: true }))).toContain('scaledDotProductAttention: mask [4,5] holds NaN at [0,0]');
    const params = { Wq: t([8, 4]), Wk: t([8, 4]), wv: t([4]) };
    expect(messageOf(() => additiveAttention(q, k, v, params, { mask: at([5], 4, 2) }))).toContain('additiveAttention: mask [5] holds 2 at [4]');
    const layer = new AdditiveAttention({ queryDim: 8, keyDim: 8, hiddenDim: 4 });
    expect(messageOf(() => layer.call(q, k, v, { mask: at([5], 1, -1) }))).toContain('additiveAttention: mask [5] holds -1 at [1]');
    layer.dispose();
    const mha = new MultiHeadAttention({ numHeads: 2, modelDim: 8 });
    expect(messageOf(() => mha.call(q, k, k, { mask: at([2, 2, 4, 5], 79, -Infinity) }))).toContain('MultiHeadAttention.call: mask [2,2,4,5] holds -Infinity at [1,1,3,4]');
    mha.dispose();
  });

  it('validLens below 0 or above Lk, and bad lengths', () => {
    expect(messageOf(() => paddingMask([2, -1], 4))).toBe('paddingMask: validLens entries must be integers in [0, lk=4], got -1');
    expect(messageOf(() => paddingMask([[1, 5]], 4))).toBe('paddingMask: validLens entries must be integers in [0, lk=4], got 5');
    expect(messageOf(() => paddingMask([[1, 2], [3]], 4))).toContain('validLens must be rectangular');
    expect(messageOf(() => paddingMask([1], 0))).toContain('paddingMask: lk must be a positive integer, got 0');
    expect(messageOf(() => causalMask(2.5))).toContain('causalMask: lq must be a positive integer, got 2.5');
    expect(messageOf(() => positionalEncoding(4, 0))).toContain('positionalEncoding: dim must be a positive integer, got 0');
  });

  it('heatmap of the wrong rank or with the wrong number of labels', () => {
    expect(messageOf(() => heatmapFigure(t([2, 3, 4])))).toContain('heatmapFigure: weights must be 2-D [Lq, Lk], got [2,3,4]');
    expect(messageOf(() => heatmapFigure([[1, 0]], { xLabels: ['a'] }))).toContain('xLabels has 1 labels but weights has 2 columns');
  });
});
