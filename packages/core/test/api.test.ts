// Behaviour of the public API beyond the PyTorch fixtures: mask layouts, heads, seeds,
// PyTorch conversion details, positional encoding with odd sizes, heatmap figures.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { AdditiveAttention, causalMask, heatmapFigure, maskedSoftmax, MultiHeadAttention, paddingMask, positionalEncoding, scaledDotProductAttention } from '../src';

const values = (t: tf.Tensor) => Array.from(t.dataSync());
function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

describe('masks', () => {
  it('paddingMask: 1-D lengths give [B, 1, Lk], 2-D give [B, Lq, Lk]', () => {
    tf.tidy(() => {
      const m1 = paddingMask([1, 3, 0], 3);
      expect(m1.shape).toEqual([3, 1, 3]);
      expect(values(m1)).toEqual([1, 0, 0, 1, 1, 1, 0, 0, 0]);
      const m2 = paddingMask(
        [
          [1, 2],
          [3, 0],
        ],
        3,
      );
      expect(m2.shape).toEqual([2, 2, 3]);
      expect(values(m2)).toEqual([1, 0, 0, 1, 1, 0, 1, 1, 1, 0, 0, 0]);
    });
  });

  it('causalMask: lower-triangular, top-left aligned when Lk differs', () => {
    tf.tidy(() => {
      expect(causalMask(3).arraySync()).toEqual([
        [1, 0, 0],
        [1, 1, 0],
        [1, 1, 1],
      ]);
      expect(causalMask(2, 4).arraySync()).toEqual([
        [1, 0, 0, 0],
        [1, 1, 0, 0],
      ]);
      expect(causalMask(3, 2).arraySync()).toEqual([
        [1, 0],
        [1, 1],
        [1, 1],
      ]);
    });
  });

  it('a bool mask and the same float mask give identical attention', () => {
    tf.tidy(() => {
      const q = tf.randomNormal([2, 3, 4], 0, 1, 'float32', 1);
      const k = tf.randomNormal([2, 5, 4], 0, 1, 'float32', 2);
      const v = tf.randomNormal([2, 5, 2], 0, 1, 'float32', 3);
      const mask = paddingMask([2, 4], 5);
      const a = scaledDotProductAttention(q, k, v, { mask });
      const b = scaledDotProductAttention(q, k, v, { mask: tf.cast(mask, 'bool') });
      expect(maxAbsDiff(a.output, b.output)).toBe(0);
    });
  });
});

describe('mask values: keep-masks only', () => {
  it('0/1 numbers of any dtype and bools are keep-masks and agree', () => {
    tf.tidy(() => {
      const scores = tf.randomNormal([2, 3, 4], 0, 1, 'float32', 5);
      const keep = [[[1, 0, 1, 1]], [[0, 0, 1, 0]]];
      const asFloat = maskedSoftmax(scores, tf.tensor3d(keep));
      expect(maxAbsDiff(maskedSoftmax(scores, tf.tensor3d(keep, undefined, 'int32')), asFloat)).toBe(0);
      expect(maxAbsDiff(maskedSoftmax(scores, tf.tensor3d(keep, undefined, 'bool')), asFloat)).toBe(0);
    });
  });

  it("the conversions the error suggests give PyTorch's meaning of additive and bool 'true = blocked' masks", () => {
    tf.tidy(() => {
      const scores = tf.randomNormal([2, 3, 4], 0, 1, 'float32', 6);
      const additive = tf.tensor3d([[[0, -Infinity, 0, 0]], [[-Infinity, 0, 0, -Infinity]]]);
      // PyTorch adds an additive mask to the scores before the softmax.
      const torchAdditive = tf.softmax(tf.add(scores, additive));
      expect(maxAbsDiff(maskedSoftmax(scores, tf.equal(additive, 0)), torchAdditive)).toBeLessThan(1e-7);
      // PyTorch's bool masks block where true.
      const blocked = tf.tensor3d([[[true, false, false, true]], [[false, false, true, false]]], undefined, 'bool');
      const torchBool = tf.softmax(tf.where(tf.broadcastTo(blocked, scores.shape), tf.fill(scores.shape, -Infinity), scores));
      expect(maxAbsDiff(maskedSoftmax(scores, tf.logicalNot(blocked)), torchBool)).toBeLessThan(1e-7);
    });
  });
});

describe('causal option', () => {
  const rand = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, 'float32', seed);

  it('scaledDotProductAttention: causal: true is the mask causalMask(Lq, Lk), also for Lq ≠ Lk', () => {
    tf.tidy(() => {
      for (const [lq, lk] of [
        [4, 4],
        [3, 5],
        [5, 3],
      ]) {
        const q = rand([2, lq, 4], lq);
        const k = rand([2, lk, 4], lk + 10);
        const v = rand([2, lk, 3], lk + 20);
        const viaOption = scaledDotProductAttention(q, k, v, { causal: true });
        const viaMask = scaledDotProductAttention(q, k, v, { mask: causalMask(lq, lk) });
        expect(maxAbsDiff(viaOption.weights, viaMask.weights), `Lq ${lq}, Lk ${lk}`).toBe(0);
        expect(maxAbsDiff(viaOption.output, viaMask.output), `Lq ${lq}, Lk ${lk}`).toBe(0);
        // Query i puts no weight on keys after i.
        const w = viaOption.weights.arraySync() as number[][][];
        for (let i = 0; i < lq; i++) expect(w[1][i].slice(i + 1).every((x) => x === 0)).toBe(true);
      }
    });
  });

  it('combines with a padding mask by logical AND; a row left with no key is zeros', () => {
    tf.tidy(() => {
      const [q, k, v] = [rand([3, 4, 4], 1), rand([3, 4, 4], 2), rand([3, 4, 2], 3)];
      // Sequence 2 has no valid key; with causal, sequence 1 (keys 2, 3 valid) leaves queries 0, 1 with none.
      const padding = paddingMask([4, 0, 0], 4);
      const keepKeys23 = tf.tensor3d([[[0, 0, 1, 1]]]);
      const mask = tf.concat([padding.slice([0, 0, 0], [1, 1, 4]), keepKeys23, padding.slice([2, 0, 0], [1, 1, 4])], 0);
      const both = tf.mul(mask, causalMask(4));
      const viaOption = scaledDotProductAttention(q, k, v, { mask, causal: true });
      const viaMask = scaledDotProductAttention(q, k, v, { mask: both });
      expect(maxAbsDiff(viaOption.output, viaMask.output)).toBe(0);
      const w = viaOption.weights.arraySync() as number[][][];
      expect(w[1][0]).toEqual([0, 0, 0, 0]);
      expect(w[1][1]).toEqual([0, 0, 0, 0]);
      expect(w[1][2][2]).toBeCloseTo(1, 6);
      expect(w[2].flat().every((x) => x === 0)).toBe(true);
    });
  });

  it('MultiHeadAttention.call: causal: true with or without a mask equals the explicit causal mask', () => {
    tf.tidy(() => {
      const mha = new MultiHeadAttention({ numHeads: 2, modelDim: 4, seed: 5 });
      const query = rand([2, 3, 4], 1);
      const key = rand([2, 5, 4], 2);
      const viaOption = mha.call(query, key, key, { causal: true });
      const viaMask = mha.call(query, key, key, { mask: causalMask(3, 5) });
      expect(maxAbsDiff(viaOption.weights, viaMask.weights)).toBe(0);
      const padding = paddingMask([5, 2], 5);
      const both = mha.call(query, key, key, { mask: padding, causal: true });
      const explicit = mha.call(query, key, key, { mask: tf.mul(padding, causalMask(3, 5)) });
      expect(maxAbsDiff(both.output, explicit.output)).toBe(0);
      const unmasked = mha.call(query, key, key);
      expect(maxAbsDiff(viaOption.output, unmasked.output)).toBeGreaterThan(1e-3);
      mha.dispose();
    });
  });
});

describe('MultiHeadAttention', () => {
  it('splitHeads moves consecutive feature groups into heads; mergeHeads undoes it', () => {
    tf.tidy(() => {
      const mha = new MultiHeadAttention({ numHeads: 2, modelDim: 4 });
      const x = tf.tensor3d([
        [
          [0, 1, 2, 3],
          [4, 5, 6, 7],
        ],
      ]);
      const heads = mha.splitHeads(x);
      expect(heads.shape).toEqual([1, 2, 2, 2]);
      expect(heads.arraySync()).toEqual([
        [
          [
            [0, 1],
            [4, 5],
          ],
          [
            [2, 3],
            [6, 7],
          ],
        ],
      ]);
      expect(values(mha.mergeHeads(heads))).toEqual(values(x));
      mha.dispose();
    });
  });

  it('the seed fixes the initial weights; another seed changes them', () => {
    const [a, b, c] = [1, 1, 2].map((seed) => new MultiHeadAttention({ numHeads: 2, modelDim: 4, seed }));
    expect(values(a.weights.Wq)).toEqual(values(b.weights.Wq));
    expect(values(a.weights.Wq)).not.toEqual(values(c.weights.Wq));
    expect(values(a.weights.bq!)).toEqual([0, 0, 0, 0]);
    const noBias = new MultiHeadAttention({ numHeads: 1, modelDim: 2, useBias: false });
    expect(noBias.weights.bq).toBeNull();
    expect(noBias.trainableWeights.length).toBe(4);
    [a, b, c, noBias].forEach((m) => m.dispose());
  });

  it('weights are per head [B, H, Lq, Lk]; a [B, Lq, Lk] mask applies to every head', () => {
    tf.tidy(() => {
      const mha = new MultiHeadAttention({ numHeads: 4, modelDim: 8, seed: 3 });
      const x = tf.randomNormal([2, 3, 8], 0, 1, 'float32', 4);
      const mask = paddingMask(
        [
          [1, 2, 3],
          [3, 3, 3],
        ],
        3,
      );
      const { output, weights } = mha.call(x, x, x, { mask });
      expect(output.shape).toEqual([2, 3, 8]);
      expect(weights.shape).toEqual([2, 4, 3, 3]);
      const w = weights.arraySync() as number[][][][];
      for (let h = 0; h < 4; h++) expect(w[0][h][0].slice(1)).toEqual([0, 0]);
      const rank4 = mha.call(x, x, x, { mask: tf.expandDims(mask, 1) });
      expect(maxAbsDiff(rank4.output, output)).toBe(0);
      mha.dispose();
    });
  });

  it('fromPyTorch with separate q/k/v projections (kdim, vdim ≠ E) applies x · Wᵀ + b', () => {
    tf.tidy(() => {
      const E = 4;
      const state = {
        q_proj_weight: tf.randomNormal([E, E], 0, 1, 'float32', 1),
        k_proj_weight: tf.randomNormal([E, 3], 0, 1, 'float32', 2),
        v_proj_weight: tf.randomNormal([E, 5], 0, 1, 'float32', 3),
        in_proj_bias: tf.randomNormal([3 * E], 0, 1, 'float32', 4),
        'out_proj.weight': tf.randomNormal([E, E], 0, 1, 'float32', 5),
        'out_proj.bias': tf.randomNormal([E], 0, 1, 'float32', 6),
      };
      const mha = MultiHeadAttention.fromPyTorch(state, 2);
      expect([mha.keyDim, mha.valueDim]).toEqual([3, 5]);
      const query = tf.randomNormal([1, 2, E], 0, 1, 'float32', 7);
      const key = tf.randomNormal([1, 3, 3], 0, 1, 'float32', 8);
      const value = tf.randomNormal([1, 3, 5], 0, 1, 'float32', 9);
      // The same computation written the PyTorch way, x · Wᵀ + b, heads by hand.
      const [bq, bk, bv] = tf.split(state.in_proj_bias, 3);
      const lin = (x: tf.Tensor, W: tf.Tensor, b: tf.Tensor) => tf.add(tf.matMul(x, W, false, true), b);
      const Q = lin(query.squeeze([0]), state.q_proj_weight, bq);
      const K = lin(key.squeeze([0]), state.k_proj_weight, bk);
      const V = lin(value.squeeze([0]), state.v_proj_weight, bv);
      const heads = [0, 1].map((h) => {
        const cols = (t: tf.Tensor) => tf.slice(t, [0, 2 * h], [-1, 2]);
        const w = tf.softmax(tf.div(tf.matMul(cols(Q), cols(K), false, true), Math.sqrt(2)));
        return tf.matMul(w, cols(V));
      });
      const expected = lin(tf.concat(heads, 1), state['out_proj.weight'], state['out_proj.bias']);
      expect(maxAbsDiff(mha.call(query, key, value).output.squeeze([0]), expected)).toBeLessThan(1e-5);
      mha.dispose();
      // The state stays the caller's.
      expect(state.q_proj_weight.isDisposed).toBe(false);
    });
  });
});

describe('AdditiveAttention', () => {
  it('is seeded, trainable, and maps [B, Lq, dq], [B, Lk, dk], [B, Lk, dv] to [B, Lq, dv]', () => {
    tf.tidy(() => {
      const a = new AdditiveAttention({ queryDim: 3, keyDim: 2, hiddenDim: 4, seed: 9 });
      const b = new AdditiveAttention({ queryDim: 3, keyDim: 2, hiddenDim: 4, seed: 9 });
      expect(values(a.Wq)).toEqual(values(b.Wq));
      expect(a.trainableWeights.every((w) => w.trainable)).toBe(true);
      const { output, weights } = a.call(tf.ones([2, 5, 3]), tf.ones([2, 4, 2]), tf.ones([2, 4, 6]));
      expect(output.shape).toEqual([2, 5, 6]);
      expect(weights.shape).toEqual([2, 5, 4]);
      a.dispose();
      b.dispose();
    });
  });
});

describe('positionalEncoding', () => {
  it('interleaves sin and cos; an odd dim ends with a sine column', () => {
    tf.tidy(() => {
      const pe = positionalEncoding(6, 5).arraySync();
      expect(pe.length).toBe(6);
      expect(pe[0]).toEqual([0, 1, 0, 1, 0]);
      const p = 5;
      const expected = [Math.sin(p), Math.cos(p), Math.sin(p / 10000 ** 0.4), Math.cos(p / 10000 ** 0.4), Math.sin(p / 10000 ** 0.8)];
      pe[p].forEach((x, i) => expect(x).toBeCloseTo(expected[i], 6));
    });
  });
});

describe('heatmapFigure', () => {
  it('is a pure-JSON Plotly heatmap with row 0 at the top', () => {
    const w = tf.tensor2d([
      [0.25, 0.75],
      [1, 0],
      [0.5, 0.5],
    ]);
    const fig = heatmapFigure(w, { xLabels: ['the', 'cat'], yLabels: ['a', 'b', 'c'], title: 'Attention' });
    w.dispose();
    expect(JSON.parse(JSON.stringify(fig))).toEqual(fig);
    const [trace] = fig.data;
    expect(trace).toMatchObject({
      type: 'heatmap',
      z: [
        [0.25, 0.75],
        [1, 0],
        [0.5, 0.5],
      ],
      zmin: 0,
      zmax: 1,
    });
    expect(fig.layout).toMatchObject({
      xaxis: { tickvals: [0, 1], ticktext: ['the', 'cat'], title: { text: 'key' } },
      yaxis: { tickvals: [0, 1, 2], ticktext: ['a', 'b', 'c'], autorange: 'reversed', title: { text: 'query' } },
      title: { text: 'Attention' },
    });
    expect((trace.text as string[][])[2][0]).toBe('query c<br>key the');
  });

  it('keeps repeated tokens apart and takes other axis titles', () => {
    const fig = heatmapFigure(
      [
        [0.5, 0.5],
        [0.1, 0.9],
      ],
      { xLabels: ['the', 'the'], yLabels: ['the', 'the'], xTitle: 'dimension', yTitle: 'position' },
    );
    expect(fig.layout).toMatchObject({
      xaxis: { tickvals: [0, 1], ticktext: ['the', 'the'], title: { text: 'dimension' } },
      yaxis: { tickvals: [0, 1], ticktext: ['the', 'the'], title: { text: 'position' } },
    });
  });

  it('accepts number[][], labels rows and columns by index by default, and widens the scale for other values', () => {
    const fig = heatmapFigure([[-1, 2]]);
    expect(fig.data[0]).toMatchObject({ zmin: -1, zmax: 2 });
    expect(fig.layout).toMatchObject({ xaxis: { ticktext: ['0', '1'] }, yaxis: { ticktext: ['0'] } });
    expect('title' in fig.layout).toBe(false);
  });

  it('draws at most 24 tick labels per axis on long sequences, but hovers every cell', () => {
    const labels = Array.from({ length: 50 }, (_, i) => `t${i}`);
    const z = labels.map(() => labels.map(() => 1 / 50));
    const fig = heatmapFigure(z, { xLabels: labels, yLabels: labels });
    const xaxis = fig.layout.xaxis as { tickvals: number[]; ticktext: string[] };
    expect(xaxis.tickvals.length).toBeLessThanOrEqual(24);
    expect(xaxis.tickvals[0]).toBe(0);
    expect(xaxis.ticktext).toEqual(xaxis.tickvals.map((i) => `t${i}`));
    expect((fig.data[0].text as string[][])[49][49]).toBe('query t49<br>key t49');
  });

  it('handles a 512 × 512 matrix', () => {
    const big = tf.tidy(() => tf.softmax(tf.randomNormal([512, 512], 0, 1, 'float32', 1)));
    expect((heatmapFigure(big).data[0].z as number[][]).length).toBe(512);
    big.dispose();
  });
});
