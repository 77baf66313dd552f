// Properties of masked softmax and attention over random shapes, values and masks.
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { additiveAttention, maskedSoftmax, MultiHeadAttention, scaledDotProductAttention } from '../src';

const RUNS = { numRuns: 40 };

const shapes = fc.record({
  batch: fc.integer({ min: 1, max: 3 }),
  lq: fc.integer({ min: 1, max: 6 }),
  lk: fc.integer({ min: 1, max: 7 }),
  d: fc.integer({ min: 1, max: 8 }),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  keepProb: fc.double({ min: 0, max: 1, noNaN: true }),
});
type Case = { batch: number; lq: number; lk: number; d: number; seed: number; keepProb: number };

function randomMask(c: Case, shape: number[]): tf.Tensor {
  return tf.tidy(() => tf.less(tf.randomUniform(shape, 0, 1, 'float32', c.seed + 7), c.keepProb));
}

/** A seeded permutation of 0..n-1 (Fisher-Yates driven by a small LCG). */
function permutation(n: number, seed: number): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  let s = seed >>> 0;
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

/** Checks every row of weights [..., Lk] against keep [..., Lk] (both already broadcast). */
function checkRows(weights: tf.Tensor, keep: tf.Tensor): void {
  const lk = weights.shape[weights.rank - 1];
  const w = weights.dataSync();
  const m = tf.tidy(() => tf.broadcastTo(keep, weights.shape).dataSync());
  for (let r = 0; r < w.length / lk; r++) {
    let sum = 0;
    let anyKept = false;
    for (let j = r * lk; j < (r + 1) * lk; j++) {
      expect(Number.isFinite(w[j]), `weight ${j} is ${w[j]}`).toBe(true);
      if (m[j]) {
        anyKept = true;
        sum += w[j];
      } else {
        expect(w[j], `blocked weight at row ${r}`).toBe(0);
      }
    }
    if (anyKept) expect(Math.abs(sum - 1), `row ${r} sums to ${sum}`).toBeLessThan(1e-5);
    else expect(sum, `all-blocked row ${r}`).toBe(0);
  }
}

describe('maskedSoftmax', () => {
  it('rows of kept entries sum to 1, blocked entries are exactly 0, all-blocked rows are zeros', () => {
    fc.assert(
      fc.property(shapes, (c) => {
        tf.tidy(() => {
          const scores = tf.randomNormal([c.batch, c.lq, c.lk], 0, 3, 'float32', c.seed);
          const mask = randomMask(c, [c.batch, c.lq, c.lk]);
          checkRows(maskedSoftmax(scores, mask), mask);
        });
      }),
      RUNS,
    );
  });

  it('a float mask that broadcasts ([B, 1, Lk]) with fully blocked sequences gives zeros, not NaN', () => {
    fc.assert(
      fc.property(shapes, (c) => {
        tf.tidy(() => {
          const scores = tf.randomNormal([c.batch, c.lq, c.lk], 0, 3, 'float32', c.seed);
          // Sequence 0 has no valid key at all.
          const mask = tf.concat([tf.zeros([1, 1, c.lk]), tf.cast(randomMask(c, [c.batch - 1, 1, c.lk]), 'float32')], 0);
          const w = maskedSoftmax(scores, mask);
          checkRows(w, mask);
          expect(Array.from(w.slice([0, 0, 0], [1, c.lq, c.lk]).dataSync()).every((x) => x === 0)).toBe(true);
        });
      }),
      RUNS,
    );
  });

  it('stays finite and normalised for logits from 1e4 to 1e30', () => {
    fc.assert(
      fc.property(shapes, fc.integer({ min: 4, max: 30 }), (c, exponent) => {
        tf.tidy(() => {
          const scores = tf.mul(tf.randomNormal([c.batch, c.lq, c.lk], 0, 1, 'float32', c.seed), 10 ** exponent);
          const mask = randomMask(c, [c.batch, c.lq, c.lk]);
          checkRows(maskedSoftmax(scores, mask), mask);
          checkRows(maskedSoftmax(scores), tf.onesLike(scores));
        });
      }),
      RUNS,
    );
  });
});

describe('attention', () => {
  it('scaled dot-product, additive and multi-head weights are normalised rows that respect the mask', () => {
    fc.assert(
      fc.property(shapes, (c) => {
        tf.tidy(() => {
          const q = tf.randomNormal([c.batch, c.lq, 2 * c.d], 0, 1, 'float32', c.seed);
          const k = tf.randomNormal([c.batch, c.lk, 2 * c.d], 0, 1, 'float32', c.seed + 1);
          const v = tf.randomNormal([c.batch, c.lk, 3], 0, 1, 'float32', c.seed + 2);
          const mask = randomMask(c, [c.batch, 1, c.lk]);
          checkRows(scaledDotProductAttention(q, k, v, { mask }).weights, mask);
          const params = {
            Wq: tf.randomNormal([2 * c.d, 4], 0, 1, 'float32', c.seed + 3),
            Wk: tf.randomNormal([2 * c.d, 4], 0, 1, 'float32', c.seed + 4),
            wv: tf.randomNormal([4], 0, 1, 'float32', c.seed + 5),
          };
          checkRows(additiveAttention(q, k, v, params, { mask }).weights, mask);
          const mha = new MultiHeadAttention({ numHeads: 2, modelDim: 2 * c.d, valueDim: 3, seed: c.seed });
          const { weights } = mha.call(q, k, v, { mask });
          mha.dispose();
          checkRows(weights, tf.expandDims(mask, 1));
        });
      }),
      RUNS,
    );
  });

  it('permuting keys and values together (and the mask) leaves the output unchanged', () => {
    fc.assert(
      fc.property(shapes, (c) => {
        tf.tidy(() => {
          const q = tf.randomNormal([c.batch, c.lq, c.d], 0, 1, 'float32', c.seed);
          const k = tf.randomNormal([c.batch, c.lk, c.d], 0, 1, 'float32', c.seed + 1);
          const v = tf.randomNormal([c.batch, c.lk, 5], 0, 1, 'float32', c.seed + 2);
          const mask = randomMask(c, [c.batch, c.lq, c.lk]);
          const p = tf.tensor1d(permutation(c.lk, c.seed), 'int32');
          const before = scaledDotProductAttention(q, k, v, { mask });
          const after = scaledDotProductAttention(q, tf.gather(k, p, 1), tf.gather(v, p, 1), { mask: tf.gather(mask, p, 2) });
          expect(maxAbsDiff(before.output, after.output)).toBeLessThan(1e-5);
          expect(maxAbsDiff(tf.gather(before.weights, p, 2), after.weights)).toBeLessThan(1e-6);
        });
      }),
      RUNS,
    );
  });

  it('permuting the queries permutes the output rows the same way', () => {
    fc.assert(
      fc.property(shapes, (c) => {
        tf.tidy(() => {
          const q = tf.randomNormal([c.batch, c.lq, c.d], 0, 1, 'float32', c.seed);
          const k = tf.randomNormal([c.batch, c.lk, c.d], 0, 1, 'float32', c.seed + 1);
          const v = tf.randomNormal([c.batch, c.lk, 5], 0, 1, 'float32', c.seed + 2);
          const mask = randomMask(c, [c.batch, 1, c.lk]);
          const p = tf.tensor1d(permutation(c.lq, c.seed + 3), 'int32');
          const before = scaledDotProductAttention(q, k, v, { mask });
          const after = scaledDotProductAttention(tf.gather(q, p, 1), k, v, { mask });
          expect(maxAbsDiff(tf.gather(before.output, p, 1), after.output)).toBeLessThan(1e-6);
        });
      }),
      RUNS,
    );
  });
});
