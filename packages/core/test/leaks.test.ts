// Every public function leaves tf.memory().numTensors as it found it, apart from what it returns.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
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

/** Runs fn, disposes what it returns, and expects the tensor count to be back where it was. */
function expectNoLeak(name: string, fn: () => tf.TensorContainer | object | void, returned: number): void {
  const before = tf.memory().numTensors;
  const result = fn();
  const tensors = collect(result);
  expect(tensors.length, `${name}: tensors returned`).toBe(returned);
  expect(tf.memory().numTensors - before, `${name}: tensors alive after the call`).toBe(returned);
  tf.dispose(tensors);
  expect(tf.memory().numTensors, `${name}: tensors alive after disposing its result`).toBe(before);
}

function collect(x: unknown): tf.Tensor[] {
  if (x instanceof tf.Tensor) return [x];
  if (Array.isArray(x)) return x.flatMap(collect);
  if (x && typeof x === 'object') return Object.values(x).flatMap(collect);
  return [];
}

describe('no tensor leaks', () => {
  let q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, scores: tf.Tensor, floatMask: tf.Tensor, boolMask: tf.Tensor;
  // Created in a hook, after the setup file has chosen the backend.
  beforeAll(() => {
    q = tf.randomNormal([2, 4, 8], 0, 1, 'float32', 1);
    k = tf.randomNormal([2, 6, 8], 0, 1, 'float32', 2);
    v = tf.randomNormal([2, 6, 5], 0, 1, 'float32', 3);
    scores = tf.randomNormal([2, 4, 6], 0, 1, 'float32', 4);
    floatMask = paddingMask([2, 6], 6);
    boolMask = tf.cast(causalMask(4, 6), 'bool');
  });

  it('masks', () => {
    expectNoLeak('paddingMask 1-D', () => paddingMask([1, 3], 4), 1);
    expectNoLeak(
      'paddingMask 2-D',
      () =>
        paddingMask(
          [
            [1, 3],
            [0, 4],
          ],
          4,
        ),
      1,
    );
    expectNoLeak('causalMask', () => causalMask(5), 1);
  });

  it('maskedSoftmax without a mask, with a float mask and with a bool mask', () => {
    expectNoLeak('maskedSoftmax', () => maskedSoftmax(scores), 1);
    expectNoLeak('maskedSoftmax float mask', () => maskedSoftmax(scores, floatMask), 1);
    expectNoLeak('maskedSoftmax bool mask', () => maskedSoftmax(scores, boolMask), 1);
  });

  it('scaledDotProductAttention and additiveAttention', () => {
    expectNoLeak('scaledDotProductAttention', () => scaledDotProductAttention(q, k, v, { mask: floatMask }), 2);
    const params = { Wq: tf.ones([8, 3]), Wk: tf.ones([8, 3]), wv: tf.ones([3]) };
    expectNoLeak('additiveAttention', () => additiveAttention(q, k, v, params, { mask: boolMask }), 2);
    // Large enough for the per-entry route on wasm (src/attention-kernel.ts).
    const big = [tf.ones([2, 3, 64, 128]), tf.ones([2, 3, 64, 128]), tf.ones([2, 3, 64, 8])];
    const padding = tf.ones([2, 1, 1, 64]);
    const causal = causalMask(64);
    expectNoLeak('scaledDotProductAttention large', () => scaledDotProductAttention(big[0], big[1], big[2], { mask: padding }), 2);
    expectNoLeak('scaledDotProductAttention large causal', () => scaledDotProductAttention(big[0], big[1], big[2], { mask: causal }), 2);
    expectNoLeak('scaledDotProductAttention large, causal option and mask', () => scaledDotProductAttention(big[0], big[1], big[2], { mask: padding, causal: true }), 2);
    expectNoLeak('scaledDotProductAttention causal option', () => scaledDotProductAttention(q, k, v, { causal: true }), 2);
    expectNoLeak('scaledDotProductAttention causal option and mask', () => scaledDotProductAttention(q, k, v, { mask: boolMask, causal: true }), 2);
    tf.dispose([...big, padding, causal]);
    tf.dispose(Object.values(params));
  });

  it('chunkedAttention: every option, and a call that throws', () => {
    expectNoLeak('chunkedAttention', () => chunkedAttention(q, k, v, { blockSize: 4 }), 1);
    expectNoLeak('chunkedAttention, float mask, causal', () => chunkedAttention(q, k, v, { mask: floatMask, causal: true, blockSize: 3 }), 1);
    expectNoLeak('chunkedAttention, bool mask, one tile', () => chunkedAttention(q, k, v, { mask: boolMask }), 1);
    const before = tf.memory().numTensors;
    expect(() => chunkedAttention(q, k, v, { blockSize: 0 })).toThrow();
    expect(() => chunkedAttention(q, q, v)).toThrow();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('AdditiveAttention: constructor, call, dispose', () => {
    const before = tf.memory().numTensors;
    const layer = new AdditiveAttention({ queryDim: 8, keyDim: 8, hiddenDim: 4, seed: 1 });
    expect(tf.memory().numTensors - before, 'constructor keeps exactly its 3 weights').toBe(3);
    expectNoLeak('AdditiveAttention.call', () => layer.call(q, k, v, { mask: floatMask }), 2);
    layer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('MultiHeadAttention: constructor, call, splitHeads, mergeHeads, fromPyTorch, dispose', () => {
    const before = tf.memory().numTensors;
    const mha = new MultiHeadAttention({ numHeads: 2, modelDim: 8, valueDim: 5, seed: 1 });
    expect(tf.memory().numTensors - before, 'constructor keeps exactly its 8 weights').toBe(8);
    expectNoLeak('MultiHeadAttention.call', () => mha.call(q, k, v, { mask: floatMask }), 2);
    expectNoLeak('MultiHeadAttention.call causal', () => mha.call(q, k, v, { mask: boolMask }), 2);
    expectNoLeak('MultiHeadAttention.call causal option', () => mha.call(q, k, v, { mask: floatMask, causal: true }), 2);
    expectNoLeak('splitHeads', () => mha.splitHeads(q), 1);
    const heads = mha.splitHeads(q);
    expectNoLeak('mergeHeads', () => mha.mergeHeads(heads), 1);
    heads.dispose();
    mha.dispose();
    expect(tf.memory().numTensors, 'dispose frees all weights').toBe(before);

    const state = {
      in_proj_weight: tf.ones([24, 8]),
      in_proj_bias: tf.zeros([24]),
      'out_proj.weight': tf.ones([8, 8]),
      'out_proj.bias': tf.zeros([8]),
    };
    const withState = tf.memory().numTensors;
    const converted = MultiHeadAttention.fromPyTorch(state, 4);
    expect(tf.memory().numTensors - withState, 'fromPyTorch keeps exactly 8 weights').toBe(8);
    converted.dispose();
    expect(tf.memory().numTensors).toBe(withState);
    tf.dispose(Object.values(state));
  });

  it('positionalEncoding and heatmapFigure', () => {
    expectNoLeak('positionalEncoding', () => positionalEncoding(7, 5), 1);
    const w = tf.tidy(() => tf.softmax(tf.randomNormal([3, 4])));
    expectNoLeak('heatmapFigure', () => heatmapFigure(w, { title: 'weights' }), 0);
    w.dispose();
  });

  it('a call that throws leaks nothing', () => {
    const badKeys = tf.ones([2, 6, 3]);
    const before = tf.memory().numTensors;
    expect(() => scaledDotProductAttention(q, badKeys, v)).toThrow();
    expect(() => maskedSoftmax(scores, tf.ones([3, 6]))).toThrow();
    // The second line's tf.ones([3, 6]) is the only new tensor.
    expect(tf.memory().numTensors - before).toBe(1);
    badKeys.dispose();
  });

  it('rejecting a mask that is not a keep-mask leaks nothing', () => {
    const additive = tf.tensor3d([[[0, 0, -Infinity, 0, -Infinity, 0]]]);
    const params = { Wq: tf.ones([8, 3]), Wk: tf.ones([8, 3]), wv: tf.ones([3]) };
    const layer = new AdditiveAttention({ queryDim: 8, keyDim: 8, hiddenDim: 4 });
    const mha = new MultiHeadAttention({ numHeads: 2, modelDim: 8, valueDim: 5 });
    const before = tf.memory().numTensors;
    expect(() => maskedSoftmax(scores, additive)).toThrow(/keep-mask/);
    expect(() => scaledDotProductAttention(q, k, v, { mask: additive, causal: true })).toThrow(/keep-mask/);
    expect(() => additiveAttention(q, k, v, params, { mask: additive })).toThrow(/keep-mask/);
    expect(() => layer.call(q, k, v, { mask: additive })).toThrow(/keep-mask/);
    expect(() => mha.call(q, k, v, { mask: additive })).toThrow(/keep-mask/);
    expect(tf.memory().numTensors).toBe(before);
    layer.dispose();
    mha.dispose();
    tf.dispose([additive, ...Object.values(params)]);
  });

  it('fromPyTorch with a bad state dict leaks nothing', () => {
    const state = {
      in_proj_weight: tf.ones([24, 8]),
      in_proj_bias: tf.zeros([24]),
      'out_proj.weight': tf.ones([8, 8]),
      'out_proj.bias': tf.zeros([8]),
    };
    const wrong = { in_proj_bias: tf.zeros([20]), 'out_proj.bias': tf.zeros([6]), in_proj_weight: tf.ones([24, 6]) };
    const before = tf.memory().numTensors;
    for (const [key, bad] of Object.entries(wrong)) {
      expect(() => MultiHeadAttention.fromPyTorch({ ...state, [key]: bad }, 2), key).toThrow(key);
    }
    expect(() => MultiHeadAttention.fromPyTorch(state, 3)).toThrow('numHeads 3 does not divide');
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([...Object.values(state), ...Object.values(wrong)]);
  });
});
