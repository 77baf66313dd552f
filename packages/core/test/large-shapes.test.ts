// Large problems take a different route on wasm (one 2-D pipeline per batch entry, see
// src/attention-kernel.ts); on every backend they must give the batched formula's values
// and gradients.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { chunkedAttention, scaledDotProductAttention } from '../src';

/** softmax(q kᵀ/√d with blocked scores at -1e9) v, written out with batched ops. */
function reference(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, mask?: tf.Tensor): tf.Tensor {
  const d = q.shape[q.rank - 1];
  let scores = tf.div(tf.matMul(q, k, false, true), Math.sqrt(d));
  if (mask) scores = tf.add(scores, tf.mul(tf.sub(1, tf.cast(mask, 'float32')), -1e9));
  return tf.matMul(tf.softmax(scores), v);
}

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

describe('large batched problems (the per-entry route on wasm)', () => {
  // Lq·dk·Lk = 64·128·64 = 2^19, the threshold of the per-entry route.
  const [B, H, L, d] = [2, 3, 64, 128];
  const masks: Record<string, () => tf.Tensor | undefined> = {
    none: () => undefined,
    'causal [Lq, Lk]': () => tf.linalg.bandPart(tf.ones([L, L]), -1, 0),
    'padding [B, 1, 1, Lk]': () => tf.reshape(tf.cast(tf.less(tf.range(0, L), tf.tensor2d([[20], [50]])), 'float32'), [B, 1, 1, L]),
    'per head [1, H, 1, Lk]': () => tf.reshape(tf.cast(tf.less(tf.range(0, L), tf.tensor2d([[10], [30], [64]])), 'bool'), [1, H, 1, L]),
    'full [B, H, Lq, Lk]': () => tf.greater(tf.randomUniform([B, H, L, L], 0, 1, 'float32', 5), 0.3),
  };

  for (const [name, makeMask] of Object.entries(masks)) {
    it(`mask ${name}: same output and gradients as the batched formula`, () => {
      tf.tidy(() => {
        const q = tf.randomNormal([B, H, L, d], 0, 1, 'float32', 1);
        const k = tf.randomNormal([B, H, L, d], 0, 1, 'float32', 2);
        const v = tf.randomNormal([B, H, L, 16], 0, 1, 'float32', 3);
        const r = tf.randomNormal([B, H, L, 16], 0, 1, 'float32', 4);
        const mask = makeMask();
        expect(maxAbsDiff(scaledDotProductAttention(q, k, v, { mask }).output, reference(q, k, v, mask))).toBeLessThan(1e-5);
        const loss = (f: typeof reference) => (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.sum(tf.mul(f(a, b, c, mask), r));
        const ours = tf.grads(loss((a, b, c, m) => scaledDotProductAttention(a, b, c, { mask: m }).output))([q, k, v]);
        const theirs = tf.grads(loss(reference))([q, k, v]);
        ours.forEach((g, i) => expect(maxAbsDiff(g, theirs[i]), `gradient ${'qkv'[i]}`).toBeLessThan(1e-4));
      });
    });
  }

  it('causal: true with a padding mask: same output as the batched formula with both masks', () => {
    tf.tidy(() => {
      const q = tf.randomNormal([B, H, L, d], 0, 1, 'float32', 6);
      const k = tf.randomNormal([B, H, L, d], 0, 1, 'float32', 7);
      const v = tf.randomNormal([B, H, L, 16], 0, 1, 'float32', 8);
      const padding = masks['padding [B, 1, 1, Lk]']()!;
      const both = tf.mul(padding, tf.linalg.bandPart(tf.ones([L, L]), -1, 0));
      expect(maxAbsDiff(scaledDotProductAttention(q, k, v, { mask: padding, causal: true }).output, reference(q, k, v, both))).toBeLessThan(1e-5);
    });
  });

  // tfjs-backend-wasm caches its product operators by the right operand's buffer, not its shape
  // (see src/batch-entries.ts): attention must not use the caller's buffers as right operands
  // under shapes of its own, or the caller's next product with them (or ours) goes wrong.
  it("the caller's tensors stay safe as matMul operands before and after, in any shape", () => {
    tf.tidy(() => {
      const q = tf.randomNormal([B, H, L, d], 0, 1, 'float32', 9);
      const k = tf.randomNormal([B, H, L, d], 0, 1, 'float32', 10);
      const v = tf.randomNormal([B, H, L, 16], 0, 1, 'float32', 11);
      const a = tf.randomNormal([3, B * H * L], 0, 1, 'float32', 12);
      const asRows = () => tf.matMul(a, tf.reshape(v, [B * H * L, 16]));
      const first = asRows();
      const expected = reference(q, k, v);
      expect(maxAbsDiff(scaledDotProductAttention(q, k, v).output, expected)).toBeLessThan(1e-5);
      expect(maxAbsDiff(chunkedAttention(q, k, v, { blockSize: 32 }), expected)).toBeLessThan(1e-5);
      expect(maxAbsDiff(asRows(), first)).toBe(0);
      const [q1, k1, v1] = [q, k, v].map((t) => tf.slice(t, [0, 0, 0, 0], [1, 1, L, -1]));
      expect(maxAbsDiff(chunkedAttention(q1, k1, v1, { blockSize: 16 }), reference(q1, k1, v1))).toBeLessThan(1e-5);
      expect(maxAbsDiff(tf.matMul(tf.ones([1, L]), tf.reshape(v1, [L, 16])), tf.sum(tf.reshape(v1, [L, 16]), 0, true))).toBeLessThan(1e-4);
    });
  });
});
