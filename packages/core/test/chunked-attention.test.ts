// chunkedAttention (online softmax over tiles) against PyTorch's fixtures and against
// scaledDotProductAttention, which forms the whole score matrix: same output within 1e-5.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { causalMask, chunkedAttention, paddingMask, scaledDotProductAttention } from '../src';

const TOL = 1e-5;

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  expect(a.shape).toEqual(b.shape);
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

/** |chunked - sdpa| for the same inputs and options; the tensors are freed. */
function disagreement(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, opts: { mask?: tf.Tensor; causal?: boolean; blockSize: number }): number {
  return tf.tidy(() => {
    const chunked = chunkedAttention(q, k, v, opts);
    expect(tf.any(tf.isNaN(chunked)).dataSync()[0], 'NaN in the output').toBe(0);
    return maxAbsDiff(chunked, scaledDotProductAttention(q, k, v, opts).output);
  });
}

describe('chunkedAttention on the PyTorch fixtures of scaledDotProductAttention', () => {
  const dir = path.resolve(__dirname, '../fixtures/pytorch');
  const files = readdirSync(dir).filter((f) => f.startsWith('sdpa_') && f.endsWith('.json'));

  it('finds the seven sdpa fixtures', () => {
    expect(files.length).toBe(7);
  });

  for (const file of files) {
    it(`${path.basename(file, '.json')}: matches PyTorch within the file's tolerance, for block sizes 1, 2 and 4`, () => {
      const fx = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
      tf.tidy(() => {
        const t = Object.fromEntries(Object.entries(fx.inputs as Record<string, { shape: number[]; data: number[] }>).map(([k, s]) => [k, tf.tensor(s.data, s.shape)]));
        const expected = tf.tensor(fx.expected.output.data, fx.expected.output.shape);
        for (const blockSize of [1, 2, 4]) {
          // Causal fixtures store the causal mask; run it both as the mask and as causal: true.
          const runs = fx.options.causal ? [{ mask: t.mask }, { causal: true }] : [{ mask: t.mask }];
          for (const opts of runs) {
            const out = chunkedAttention(t.q, t.k, t.v, { ...opts, blockSize, scale: fx.options.scale });
            const allowed = tf.add(fx.tolerance.atol, tf.mul(fx.tolerance.rtol, tf.abs(expected)));
            const worst = tf.max(tf.sub(tf.abs(tf.sub(out, expected)), allowed)).dataSync()[0];
            expect(worst, `blockSize ${blockSize}, ${Object.keys(opts).join(', ')}: worst excess over the tolerance`).toBeLessThanOrEqual(0);
          }
        }
      });
    });
  }
});

describe('chunkedAttention agrees with scaledDotProductAttention', () => {
  const [B, H, Lq, Lk, d, dv] = [2, 3, 37, 45, 16, 8];
  const inputs = (seed: number) => [
    tf.randomNormal([B, H, Lq, d], 0, 1.5, 'float32', seed),
    tf.randomNormal([B, H, Lk, d], 0, 1.5, 'float32', seed + 1),
    tf.randomNormal([B, H, Lk, dv], 0, 1, 'float32', seed + 2),
  ];

  it('without a mask, with tiles that do and do not divide the lengths', () => {
    tf.tidy(() => {
      const [q, k, v] = inputs(1);
      for (const blockSize of [1, 5, 8, 37, 64, 512]) expect(disagreement(q, k, v, { blockSize }), `blockSize ${blockSize}`).toBeLessThan(TOL);
    });
  });

  it('with a padding mask [B, 1, 1, Lk] and a per-query one [B, 1, Lq, Lk]', () => {
    tf.tidy(() => {
      const [q, k, v] = inputs(2);
      const padding = tf.reshape(paddingMask([30, 7], Lk), [B, 1, 1, Lk]);
      const perQuery = tf.reshape(
        paddingMask(
          [0, 1].map((b) => Array.from({ length: Lq }, (_, i) => (i * 7 + b) % (Lk + 1))),
          Lk,
        ),
        [B, 1, Lq, Lk],
      );
      for (const blockSize of [4, 16]) {
        expect(disagreement(q, k, v, { mask: padding, blockSize }), `padding, blockSize ${blockSize}`).toBeLessThan(TOL);
        expect(disagreement(q, k, v, { mask: perQuery, blockSize }), `per query, blockSize ${blockSize}`).toBeLessThan(TOL);
      }
    });
  });

  it('causal (skipping the tiles above the diagonal), alone and with a padding mask', () => {
    tf.tidy(() => {
      const [q, k, v] = inputs(3);
      const padding = tf.reshape(paddingMask([45, 12], Lk), [B, 1, 1, Lk]);
      for (const blockSize of [3, 8, 40]) {
        expect(disagreement(q, k, v, { causal: true, blockSize }), `causal, blockSize ${blockSize}`).toBeLessThan(TOL);
        expect(disagreement(q, k, v, { mask: padding, causal: true, blockSize }), `causal + padding, blockSize ${blockSize}`).toBeLessThan(TOL);
        expect(disagreement(q, k, v, { mask: causalMask(Lq, Lk), blockSize }), `causalMask as the mask, blockSize ${blockSize}`).toBeLessThan(TOL);
      }
    });
  });

  it('rows whose keys are all blocked output exactly zero, never NaN', () => {
    tf.tidy(() => {
      const [q, k, v] = inputs(4);
      // Sequence 0: queries 0..9 see no key; sequence 1: every query sees keys 0..19 only.
      const lens = [Array.from({ length: Lq }, (_, i) => (i < 10 ? 0 : Lk)), Array.from({ length: Lq }, () => 20)];
      const mask = tf.reshape(paddingMask(lens, Lk), [B, 1, Lq, Lk]);
      for (const blockSize of [4, 32]) {
        const out = chunkedAttention(q, k, v, { mask, blockSize });
        const blockedRows = tf.slice(out, [0, 0, 0, 0], [1, H, 10, dv]);
        expect(tf.max(tf.abs(blockedRows)).dataSync()[0], `blockSize ${blockSize}: blocked rows`).toBe(0);
        expect(tf.any(tf.isNaN(out)).dataSync()[0]).toBe(0);
        expect(disagreement(q, k, v, { mask, blockSize }), `blockSize ${blockSize}`).toBeLessThan(TOL);
      }
      // Causal with a mask blocking key 0 leaves query 0 with no key at all.
      const noFirstKey = tf.reshape(tf.concat([tf.zeros([1]), tf.ones([Lk - 1])]), [1, Lk]);
      expect(disagreement(q, k, v, { mask: noFirstKey, causal: true, blockSize: 4 })).toBeLessThan(TOL);
      const first = tf.slice(chunkedAttention(q, k, v, { mask: noFirstKey, causal: true, blockSize: 4 }), [0, 0, 0, 0], [B, H, 1, dv]);
      expect(tf.max(tf.abs(first)).dataSync()[0]).toBe(0);
    });
  });

  it('one head of 2-D inputs, and large logits (the running maximum keeps exp in range)', () => {
    tf.tidy(() => {
      const q = tf.randomNormal([20, 8], 0, 30, 'float32', 5);
      const k = tf.randomNormal([33, 8], 0, 30, 'float32', 6);
      const v = tf.randomNormal([33, 4], 0, 1, 'float32', 7);
      for (const blockSize of [2, 7, 33]) expect(disagreement(q, k, v, { blockSize }), `blockSize ${blockSize}`).toBeLessThan(TOL);
    });
  });

  it('never holds a [Lq, Lk] matrix: peak memory far below the scores of one head', async () => {
    const [L, dk] = [2048, 8];
    const [q, k, v] = [1, 2, 3].map((seed) => tf.randomNormal([L, dk], 0, 1, 'float32', seed));
    const before = tf.memory().numBytes;
    const info = await tf.profile(() => {
      chunkedAttention(q, k, v, { blockSize: 64 }).dispose();
    });
    const scoresBytes = L * L * 4;
    // What it holds is O(L·d) (inputs, their tiles, the output: 64 KiB each) and 64 x 64 tiles
    // (16 KiB); the scores would be 16 MiB.
    expect(info.peakBytes - before).toBeLessThan(scoresBytes / 4);
    const sdpa = await tf.profile(() => {
      const r = scaledDotProductAttention(q, k, v);
      tf.dispose([r.output, r.weights]);
    });
    expect(sdpa.peakBytes - before, 'the check is sensitive: scaledDotProductAttention holds the scores').toBeGreaterThanOrEqual(scoresBytes);
    tf.dispose([q, k, v]);
  });

  it('property: any block size, shapes, mask and causal flag', () => {
    const upTo = (max: number) => fc.integer({ min: 1, max });
    const cases = fc.record({
      batch: upTo(3),
      heads: upTo(3),
      lq: upTo(24),
      lk: upTo(24),
      d: upTo(8),
      blockSize: upTo(30),
      keepProb: fc.double({ min: 0, max: 1, noNaN: true }),
      masked: fc.boolean(),
      causal: fc.boolean(),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
    });
    fc.assert(
      fc.property(cases, (c) => {
        tf.tidy(() => {
          const q = tf.randomNormal([c.batch, c.heads, c.lq, c.d], 0, 2, 'float32', c.seed);
          const k = tf.randomNormal([c.batch, c.heads, c.lk, c.d], 0, 2, 'float32', c.seed + 1);
          const v = tf.randomNormal([c.batch, c.heads, c.lk, 3], 0, 1, 'float32', c.seed + 2);
          const mask = c.masked ? tf.less(tf.randomUniform([c.batch, 1, c.lq, c.lk], 0, 1, 'float32', c.seed + 3), c.keepProb) : undefined;
          expect(disagreement(q, k, v, { mask, causal: c.causal, blockSize: c.blockSize })).toBeLessThan(TOL);
        });
      }),
      { numRuns: 40 },
    );
  });
});
