// Analytic gradients (tf.grad through our ops) against central finite differences.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { additiveAttention, causalMask, maskedSoftmax, MultiHeadAttention, paddingMask, scaledDotProductAttention } from '../src';

// float32 central differences: truncation error ~eps², rounding error ~1e-7·|f|/eps.
const EPS = 1e-2;
const ATOL = 2e-3;
const RTOL = 2e-2;

/** f(x + eps e_i) - f(x - eps e_i) / 2 eps for every element i of xs[which]. */
function finiteDifferences(f: (xs: tf.Tensor[]) => tf.Scalar, xs: tf.Tensor[], which: number): Float64Array {
  const base = xs[which].dataSync().slice();
  const grad = new Float64Array(base.length);
  const at = (i: number, delta: number) =>
    tf.tidy(() => {
      const data = base.slice();
      data[i] += delta;
      const args = xs.slice();
      args[which] = tf.tensor(data, xs[which].shape);
      return f(args).dataSync()[0];
    });
  for (let i = 0; i < base.length; i++) grad[i] = (at(i, EPS) - at(i, -EPS)) / (2 * EPS);
  return grad;
}

/** Largest violation of |analytic - numeric| <= ATOL + RTOL |numeric| (<= 0 means all agree). */
function worst(analytic: ArrayLike<number>, numeric: Float64Array): number {
  let w = -Infinity;
  for (let i = 0; i < numeric.length; i++) {
    w = Math.max(w, Math.abs(analytic[i] - numeric[i]) - (ATOL + RTOL * Math.abs(numeric[i])));
    if (Number.isNaN(analytic[i])) return Infinity;
  }
  return w;
}

/** Checks d f / d xs[i] for every input, and that the gradients are not trivially zero. */
function expectGradientsMatch(name: string, f: (xs: tf.Tensor[]) => tf.Scalar, xs: tf.Tensor[]): void {
  const analytic = tf.grads((...args: tf.Tensor[]) => f(args))(xs);
  analytic.forEach((g, i) => {
    const a = g.dataSync();
    const numeric = finiteDifferences(f, xs, i);
    expect(worst(a, numeric), `${name}: input ${i} gradient vs finite differences`).toBeLessThanOrEqual(0);
    expect(Math.max(...Array.from(numeric, Math.abs)), `${name}: input ${i} gradient is non-trivial`).toBeGreaterThan(1e-2);
  });
  tf.dispose(analytic);
}

/** A scalar that depends on every output element with a different weight. */
function project(t: tf.Tensor, seed: number): tf.Scalar {
  return tf.sum(tf.mul(t, tf.randomNormal(t.shape, 0, 1, 'float32', seed)));
}

const rand = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, 'float32', seed);

describe('gradients agree with central finite differences', () => {
  it('maskedSoftmax, with a blocked row: gradients finite, zero for blocked scores', () => {
    const scores = rand([2, 3, 5], 1);
    const mask = paddingMask(
      [
        [0, 2, 5],
        [3, 1, 4],
      ],
      5,
    );
    const f = ([s]: tf.Tensor[]) => project(maskedSoftmax(s, mask), 2);
    expectGradientsMatch('maskedSoftmax', f, [scores]);
    const g = tf.grad((s: tf.Tensor) => f([s]))(scores);
    const blocked = tf.tidy(() => tf.sum(tf.abs(tf.mul(g, tf.sub(1, mask)))).dataSync()[0]);
    expect(blocked).toBe(0);
    tf.dispose([scores, mask, g]);
  });

  it('the check is sensitive: softmax without the mask does not pass as the masked gradient', () => {
    const scores = rand([2, 3, 5], 1);
    const mask = paddingMask([2, 4], 5);
    const masked = ([s]: tf.Tensor[]) => project(maskedSoftmax(s, mask), 2);
    const unmasked = tf.grad((s: tf.Tensor) => project(maskedSoftmax(s), 2))(scores);
    expect(worst(unmasked.dataSync(), finiteDifferences(masked, [scores], 0))).toBeGreaterThan(0);
    tf.dispose([scores, mask, unmasked]);
  });

  it('scaledDotProductAttention (q, k, v) with a causal mask', () => {
    const xs = [rand([2, 4, 3], 3), rand([2, 4, 3], 4), rand([2, 4, 2], 5)];
    const mask = causalMask(4);
    expectGradientsMatch('scaledDotProductAttention', ([q, k, v]) => project(scaledDotProductAttention(q, k, v, { mask }).output, 6), xs);
    tf.dispose([...xs, mask]);
  });

  it('additiveAttention (q, k, v, Wq, Wk, wv) with a padding mask', () => {
    const xs = [rand([2, 3, 3], 7), rand([2, 4, 2], 8), rand([2, 4, 2], 9), rand([3, 4], 10), rand([2, 4], 11), rand([4], 12)];
    const mask = paddingMask([3, 2], 4);
    expectGradientsMatch('additiveAttention', ([q, k, v, Wq, Wk, wv]) => project(additiveAttention(q, k, v, { Wq, Wk, wv }, { mask }).output, 13), xs);
    tf.dispose([...xs, mask]);
  });

  it('MultiHeadAttention (query, key, value, and its trainable weights)', () => {
    const mha = new MultiHeadAttention({ numHeads: 2, modelDim: 4, seed: 3 });
    const xs = [rand([1, 3, 4], 14), rand([1, 4, 4], 15), rand([1, 4, 4], 16)];
    const mask = paddingMask([3], 4);
    const loss = ([q, k, v]: tf.Tensor[]) => project(mha.call(q, k, v, { mask }).output, 17);
    expectGradientsMatch('MultiHeadAttention.call', loss, xs);

    const { grads } = tf.variableGrads(() => loss(xs), mha.trainableWeights);
    for (const w of mha.trainableWeights) {
      const original = w.dataSync().slice();
      const numeric = new Float64Array(original.length);
      for (let i = 0; i < original.length; i++) {
        const at = (delta: number) => {
          const data = original.slice();
          data[i] += delta;
          tf.tidy(() => w.assign(tf.tensor(data, w.shape)));
          return tf.tidy(() => loss(xs).dataSync()[0]);
        };
        numeric[i] = (at(EPS) - at(-EPS)) / (2 * EPS);
      }
      tf.tidy(() => w.assign(tf.tensor(original, w.shape)));
      expect(worst(grads[w.name].dataSync(), numeric), `weight ${w.name} gradient`).toBeLessThanOrEqual(0);
    }
    tf.dispose([...xs, mask, ...Object.values(grads)]);
    mha.dispose();
  });
});
