// The lesson 06 model: its pooling against core's attention, masking, a trainable embedding lookup, and saving.
import * as core from '@attnlab/core';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AttentionFilter, poolWithQuery } from '../src/models/attention-filter';
import { embeddingLookup } from '../src/models/embedding-lookup';

const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

beforeAll(async () => {
  await core.initBackend('cpu');
});

describe('poolWithQuery', () => {
  it('is scaled dot-product attention with the query as the one row of Q and h as keys and values', () => {
    const h = tf.randomNormal([3, 5, 4], 0, 1, 'float32', 1) as tf.Tensor3D;
    const q = tf.randomNormal([4], 0, 1, 'float32', 2) as tf.Tensor1D;
    const mask = tf.tensor2d([
      [1, 1, 1, 0, 0],
      [1, 1, 1, 1, 1],
      [0, 1, 0, 1, 0],
    ]);
    const pooled = poolWithQuery(h, q, mask);
    const queries = tf.tile(tf.reshape(q, [1, 1, 4]), [3, 1, 1]);
    const reference = core.scaledDotProductAttention(queries, h, h, { mask: tf.expandDims(mask, 1) });
    expect(pooled.output.shape).toEqual([3, 4]);
    expect(pooled.weights.shape).toEqual([3, 5]);
    expect(maxDiff(pooled.output, reference.output.reshape([3, 4]))).toBeLessThan(1e-6);
    expect(maxDiff(pooled.weights, reference.weights.reshape([3, 5]))).toBeLessThan(1e-6);
    tf.dispose([h, q, mask, pooled.output, pooled.weights, queries, reference.output, reference.weights]);
  });

  it('gives a fully masked row zero weights and a zero output, not NaN', () => {
    const h = tf.randomNormal([2, 3, 4], 0, 1, 'float32', 3) as tf.Tensor3D;
    const q = tf.ones([4]) as tf.Tensor1D;
    const mask = tf.tensor2d([
      [0, 0, 0],
      [1, 0, 1],
    ]);
    const pooled = poolWithQuery(h, q, mask);
    expect(Array.from(pooled.weights.dataSync().slice(0, 3))).toEqual([0, 0, 0]);
    expect(Array.from(pooled.output.dataSync().slice(0, 4))).toEqual([0, 0, 0, 0]);
    tf.dispose([h, q, mask, pooled.output, pooled.weights]);
  });
});

describe('embeddingLookup', () => {
  it('returns the rows of the table and the gradient tf.gather has, repeated ids summed', () => {
    const table = tf.randomNormal([6, 3], 0, 1, 'float32', 4) as tf.Tensor2D;
    const ids = tf.tensor2d(
      [
        [1, 1, 4],
        [0, 1, 5],
      ],
      undefined,
      'int32',
    );
    const weights = tf.randomNormal([2, 3, 3], 0, 1, 'float32', 5);
    const ours = tf.grad((t: tf.Tensor) =>
      embeddingLookup(t as tf.Tensor2D, ids)
        .mul(weights)
        .sum(),
    )(table);
    // the cpu backend has the UnsortedSegmentSum kernel that tf.gather's own gradient needs
    const gathers = tf.grad((t: tf.Tensor) => tf.gather(t, ids).mul(weights).sum())(table);
    expect(maxDiff(embeddingLookup(table, ids), tf.gather(table, ids))).toBe(0);
    expect(maxDiff(ours, gathers)).toBeLessThan(1e-6);
    expect(Array.from(ours.slice([2, 0], [2, 3]).dataSync())).toEqual([0, 0, 0, 0, 0, 0]); // ids 2 and 3 are not looked up
    tf.dispose([table, ids, weights, ours, gathers]);
  });
});

describe('AttentionFilter', () => {
  const config = { vocabSize: 20, dim: 8, numHeads: 2, seed: 1, initScale: 1 };
  const ids = tf.tensor2d(
    [
      [3, 4, 5, 0, 0, 0],
      [7, 8, 9, 10, 11, 12],
    ],
    undefined,
    'int32',
  );
  const mask = tf.tensor2d([
    [1, 1, 1, 0, 0, 0],
    [1, 1, 1, 1, 1, 1],
  ]);

  it('maps ids [B, L] and a mask to logits [B], pooling weights [B, L], per-head weights [B, H, L, L] and states [B, L, d]', () => {
    const model = new AttentionFilter(config);
    const out = model.call(ids, mask);
    expect([out.logits.shape, out.poolWeights.shape, out.selfWeights.shape, out.states.shape]).toEqual([[2], [2, 6], [2, 2, 6, 6], [2, 6, 8]]);
    expect(Array.from(out.poolWeights.sum(-1).dataSync()).map((s) => Number(s.toFixed(5)))).toEqual([1, 1]);
    tf.dispose(Object.values(out));
    model.dispose();
  });

  it('ignores whatever sits at masked positions, in self-attention and in pooling alike', () => {
    const model = new AttentionFilter(config);
    const otherPadding = tf.tensor2d(
      [
        [3, 4, 5, 19, 2, 1],
        [7, 8, 9, 10, 11, 12],
      ],
      undefined,
      'int32',
    );
    const a = model.call(ids, mask);
    const b = model.call(otherPadding, mask);
    expect(maxDiff(a.logits, b.logits)).toBe(0);
    expect(Array.from(a.poolWeights.dataSync().slice(3, 6))).toEqual([0, 0, 0]);
    tf.dispose([otherPadding, ...Object.values(a), ...Object.values(b)]);
    model.dispose();
  });

  it('starts from the same weights for the same seed, and leaks no tensors', () => {
    const before = tf.memory().numTensors;
    const m1 = new AttentionFilter(config);
    const m2 = new AttentionFilter(config);
    const [a, b] = [m1.call(ids, mask), m2.call(ids, mask)];
    expect(maxDiff(a.logits, b.logits)).toBe(0);
    tf.dispose([...Object.values(a), ...Object.values(b)]);
    m1.dispose();
    m2.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reads its weights out and writes them into another model, which then computes the same', () => {
    const trained = new AttentionFilter(config);
    const fresh = new AttentionFilter({ ...config, seed: 99 });
    const weights = trained.readWeights();
    expect(Object.keys(weights)).toEqual(['embedding', 'Wq', 'Wk', 'Wv', 'Wo', 'bq', 'bk', 'bv', 'bo', 'query', 'classifier', 'bias']);
    const [a, before] = [trained.call(ids, mask), fresh.call(ids, mask)];
    expect(maxDiff(a.logits, before.logits)).toBeGreaterThan(0);
    fresh.writeWeights(weights);
    const after = fresh.call(ids, mask);
    expect(maxDiff(a.logits, after.logits)).toBe(0);
    expect(() => fresh.writeWeights({ ...weights, query: { shape: [9], values: new Float32Array(9) } })).toThrow(/"query" must have shape \[8\], got \[9\]/);
    tf.dispose([...Object.values(a), ...Object.values(before), ...Object.values(after)]);
    trained.dispose();
    fresh.dispose();
  });
});
