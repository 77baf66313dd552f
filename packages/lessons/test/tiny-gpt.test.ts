// Lesson 10's model: layer normalisation, RoPE, the pre-LN block against core's multi-head layer,
// causality, step-by-step evaluation with earlier keys and values kept (the KV cache of lesson 11),
// the names and their split, the bigram baseline, sampling and a short training run.
import * as core from '@attnlab/core';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { bigramLoss, fitBigram } from '../src/tiny-gpt/bigram';
import { blockForward, type BlockParams } from '../src/tiny-gpt/block';
import { attendHeads, attentionHeads } from '../src/tiny-gpt/causal-self-attention';
import { encodeName, NAME_ALPHABET, NAME_VOCAB, nameBatch } from '../src/tiny-gpt/characters';
import { feedForward } from '../src/tiny-gpt/feed-forward';
import { generate, sampleToken } from '../src/tiny-gpt/generate';
import { previousCharacterScores } from '../src/tiny-gpt/head-scores';
import { layerNorm } from '../src/tiny-gpt/layer-norm';
import { linear } from '../src/tiny-gpt/linear';
import { createTinyGpt, disposeTinyGpt, embed, logits, outputLogits, parameterCount, type PositionScheme, type TinyGpt, type TinyGptConfig } from '../src/tiny-gpt/model';
import { loadFirstNames, splitNames } from '../src/tiny-gpt/names';
import { rotate } from '../src/tiny-gpt/rotary';
import { evaluateLoss, trainTinyGpt } from '../src/tiny-gpt/train';
import { SeededRandom } from '../src/seeded-random';

const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
const small = (positions: PositionScheme, seed = 3): TinyGptConfig => ({
  vocabSize: NAME_VOCAB,
  contextLength: 12,
  dim: 16,
  numHeads: 4,
  numLayers: 2,
  ffnDim: 32,
  positions,
  seed,
});
const tokens = (rows: number[][]) => tf.tensor2d(rows, [rows.length, rows[0].length], 'int32');

beforeAll(async () => {
  await core.initBackend('wasm');
});

describe('layerNorm', () => {
  it('normalises each row over the last axis with the biased variance, then scales and shifts', () => {
    const x = tf.tensor2d([
      [1, 2, 3, 6],
      [-2, 0, 0, 2],
    ]);
    const out = layerNorm(x, tf.tensor1d([1, 2, 1, 1]), tf.tensor1d([0, 0, 0, 10]), 0);
    // row 0: mean 3, variance (4 + 1 + 0 + 9) / 4 = 3.5; row 1: mean 0, variance 2
    const s0 = Math.sqrt(3.5);
    const s1 = Math.sqrt(2);
    const expected = [
      [-2 / s0, (2 * -1) / s0, 0, 10 + 3 / s0],
      [-2 / s1, 0, 0, 10 + 2 / s1],
    ];
    expect(maxDiff(out, tf.tensor2d(expected))).toBeLessThan(1e-5);
  });

  it('adds eps to the variance inside the square root', () => {
    const out = layerNorm(tf.tensor2d([[0, 2]]), tf.ones([2]), tf.zeros([2]), 1);
    expect(maxDiff(out, tf.tensor2d([[-1 / Math.sqrt(2), 1 / Math.sqrt(2)]]))).toBeLessThan(1e-6);
  });
});

describe('linear', () => {
  it('gives the values and gradients of x · W + b, batch axes included', () => {
    const x = tf.randomNormal([2, 3, 4], 0, 1, 'float32', 11);
    const W = tf.randomNormal([4, 5], 0, 1, 'float32', 12);
    const b = tf.randomNormal([5], 0, 1, 'float32', 13);
    const weights = tf.randomNormal([2, 3, 5], 0, 1, 'float32', 14);
    const reference = (xi: tf.Tensor, Wi: tf.Tensor, bi: tf.Tensor) => tf.add(tf.reshape(tf.matMul(tf.reshape(xi, [6, 4]), Wi), [2, 3, 5]), bi);
    expect(maxDiff(linear(x, W, b), reference(x, W, b))).toBeLessThan(1e-5);
    const ours = tf.grads((xi: tf.Tensor, Wi: tf.Tensor, bi: tf.Tensor) => tf.sum(tf.mul(linear(xi, Wi, bi), weights)))([x, W, b]);
    const theirs = tf.grads((xi: tf.Tensor, Wi: tf.Tensor, bi: tf.Tensor) => tf.sum(tf.mul(reference(xi, Wi, bi), weights)))([x, W, b]);
    ours.forEach((g, i) => {
      expect(g.shape).toEqual(theirs[i].shape);
      expect(maxDiff(g, theirs[i])).toBeLessThan(1e-4);
    });
  });
});

describe('rotary positions', () => {
  /** lesson 05's M_k for one head width, built entry by entry */
  function shift(k: number, dim: number): tf.Tensor2D {
    const m = tf.buffer([dim, dim]);
    for (let i = 0; i < dim / 2; i++) {
      const a = k / Math.pow(10000, (2 * i) / dim);
      m.set(Math.cos(a), 2 * i, 2 * i);
      m.set(-Math.sin(a), 2 * i, 2 * i + 1);
      m.set(Math.sin(a), 2 * i + 1, 2 * i);
      m.set(Math.cos(a), 2 * i + 1, 2 * i + 1);
    }
    return m.toTensor() as tf.Tensor2D;
  }

  it('multiply the row at position p by M_p, counting from the offset', () => {
    const x = tf.randomNormal([2, 3, 5, 8], 0, 1, 'float32', 1);
    const rotated = rotate(x, 4);
    for (const row of [0, 3]) {
      const at = tf.slice(x, [1, 2, row, 0], [1, 1, 1, 8]).reshape([1, 8]);
      const expected = tf.matMul(at, shift(4 + row, 8));
      expect(maxDiff(tf.slice(rotated, [1, 2, row, 0], [1, 1, 1, 8]).reshape([1, 8]), expected)).toBeLessThan(1e-5);
    }
  });

  it('make the score of a query and a key depend on their offset only', () => {
    const q = tf.randomNormal([1, 8], 0, 1, 'float32', 2);
    const k = tf.randomNormal([1, 8], 0, 1, 'float32', 3);
    const score = (m: number, n: number) => tf.sum(tf.mul(rotate(q.reshape([1, 1, 8]), m), rotate(k.reshape([1, 1, 8]), n))).dataSync()[0];
    expect(score(7, 4)).toBeCloseTo(score(3, 0), 4);
    expect(score(12, 9)).toBeCloseTo(score(3, 0), 4);
    expect(Math.abs(score(4, 0) - score(3, 0))).toBeGreaterThan(1e-3);
  });
});

describe('the block', () => {
  const E = 8;
  const H = 2;
  const r = (shape: number[], seed: number, std = 0.5) => tf.randomNormal(shape, 0, std, 'float32', seed);
  const params = (): BlockParams => ({
    ln1: { gamma: r([E], 1, 0.3).add(1), beta: r([E], 2, 0.1) },
    attn: { Wq: r([E, E], 3), Wk: r([E, E], 4), Wv: r([E, E], 5), Wo: r([E, E], 6), bq: r([E], 7, 0.1), bk: r([E], 8, 0.1), bv: r([E], 9, 0.1), bo: r([E], 10, 0.1) },
    ln2: { gamma: r([E], 11, 0.3).add(1), beta: r([E], 12, 0.1) },
    ffn: { W1: r([E, 4 * E], 13), b1: r([4 * E], 14, 0.1), W2: r([4 * E, E], 15), b2: r([E], 16, 0.1) },
  });
  /** layer normalisation written out, independent of tf.moments */
  const norm = (x: tf.Tensor, p: { gamma: tf.Tensor; beta: tf.Tensor }) =>
    tf.tidy(() => {
      const mean = x.mean(-1, true);
      const variance = x.sub(mean).square().mean(-1, true);
      return x.sub(mean).div(variance.add(1e-5).sqrt()).mul(p.gamma).add(p.beta);
    });

  it('pre-LN: x + MHA(LN1(x)) with a causal mask, then h + FFN(LN2(h)), as core.MultiHeadAttention computes it', () => {
    const p = params();
    const x = r([2, 5, E], 20, 1);
    const mha = new core.MultiHeadAttention({ numHeads: H, modelDim: E }, Object.fromEntries(Object.entries(p.attn).map(([k, t]) => [k, t.clone()])) as never);
    const n1 = norm(x, p.ln1);
    const attended = mha.call(n1, n1, n1, { mask: core.causalMask(5) });
    const h = x.add(attended.output);
    const hidden = tf.relu(tf.matMul(norm(h, p.ln2).reshape([-1, E]), p.ffn.W1).add(p.ffn.b1));
    const expected = h.add(tf.matMul(hidden, p.ffn.W2).add(p.ffn.b2).reshape([2, 5, E]));
    const out = blockForward(p, x, H);
    expect(maxDiff(out.output, expected)).toBeLessThan(1e-4);
    expect(maxDiff(out.weights, attended.weights)).toBeLessThan(1e-5);
  });

  it('post-LN: LN1(x + MHA(x)), then LN2(h + FFN(h))', () => {
    const p = params();
    const x = r([1, 4, E], 21, 1);
    const mha = new core.MultiHeadAttention({ numHeads: H, modelDim: E }, Object.fromEntries(Object.entries(p.attn).map(([k, t]) => [k, t.clone()])) as never);
    const h = norm(x.add(mha.call(x, x, x, { mask: core.causalMask(4) }).output), p.ln1);
    const expected = norm(h.add(feedForward(p.ffn, h)), p.ln2);
    expect(maxDiff(blockForward(p, x, H, { norm: 'post' }).output, expected)).toBeLessThan(1e-4);
  });

  it('is causal: a change at position 3 leaves positions 0-2 alone and changes 3', () => {
    const p = params();
    const x = r([1, 5, E], 22, 1);
    const changed = tf.concat([x.slice([0, 0, 0], [1, 3, E]), r([1, 2, E], 23, 1)], 1);
    for (const rotary of [false, true]) {
      const [a, b] = [blockForward(p, x, H, { rotary }).output, blockForward(p, changed, H, { rotary }).output];
      expect(maxDiff(a.slice([0, 0, 0], [1, 3, E]), b.slice([0, 0, 0], [1, 3, E]))).toBe(0);
      expect(maxDiff(a.slice([0, 3, 0], [1, 1, E]), b.slice([0, 3, 0], [1, 1, E]))).toBeGreaterThan(1e-3);
    }
  });

  it('keeps no tensors beyond its outputs', () => {
    const p = params();
    const x = r([2, 6, E], 24, 1);
    const before = tf.memory().numTensors;
    const out = blockForward(p, x, H, { rotary: true, positionOffset: 3 });
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.dispose([out.output, out.weights]);
  });
});

describe('the model, one position at a time', () => {
  /** logits of every position, computed step by step with each layer's earlier keys and values kept */
  function cachedLogits(model: TinyGpt, ids: number[]): tf.Tensor2D {
    const { numHeads, positions } = model.config;
    const cache: { k: tf.Tensor4D; v: tf.Tensor4D }[] = [];
    const rows: tf.Tensor[] = [];
    ids.forEach((id, t) => {
      let x: tf.Tensor = embed(model, tokens([[id]]), t);
      model.params.blocks.forEach((block, layer) => {
        const heads = attentionHeads(block.attn, layerNorm(x, block.ln1.gamma, block.ln1.beta), numHeads, { rotary: positions === 'rotary', positionOffset: t });
        const k = cache[layer] ? (tf.concat([cache[layer].k, heads.k], 2) as tf.Tensor4D) : heads.k;
        const v = cache[layer] ? (tf.concat([cache[layer].v, heads.v], 2) as tf.Tensor4D) : heads.v;
        cache[layer] = { k, v };
        x = x.add(attendHeads(block.attn, { q: heads.q, k, v }, { causal: true }).output);
        x = x.add(feedForward(block.ffn, layerNorm(x, block.ln2.gamma, block.ln2.beta)));
      });
      rows.push(outputLogits(model, x).reshape([1, -1]));
    });
    return tf.concat(rows, 0) as tf.Tensor2D;
  }

  for (const positions of ['learned', 'sinusoidal', 'rotary'] as const) {
    it(`gives the logits of a whole-sequence pass (${positions} positions)`, () => {
      const model = createTinyGpt(small(positions));
      const ids = [0, ...encodeName('annabel')];
      const whole = logits(model, tokens([ids])).reshape([ids.length, NAME_VOCAB]);
      expect(maxDiff(cachedLogits(model, ids), whole)).toBeLessThan(1e-4);
      disposeTinyGpt(model);
    });
  }

  it('attends to earlier keys with the causal triangle moved right when keys outnumber queries', () => {
    const model = createTinyGpt(small('rotary'));
    const block = model.params.blocks[0];
    const x = tf.randomNormal([1, 6, 16], 0, 1, 'float32', 5);
    const all = attentionHeads(block.attn, x, 4, { rotary: true });
    const last3 = attentionHeads(block.attn, x.slice([0, 3, 0], [1, 3, 16]), 4, { rotary: true, positionOffset: 3 });
    const whole = attendHeads(block.attn, all, { causal: true });
    const tail = attendHeads(block.attn, { q: last3.q, k: all.k, v: all.v }, { causal: true });
    expect(maxDiff(tail.output, whole.output.slice([0, 3, 0], [1, 3, 16]))).toBeLessThan(1e-5);
    expect(tail.weights.shape).toEqual([1, 4, 3, 6]);
    disposeTinyGpt(model);
  });

  it('refuses positions past its learned embeddings, and counts its parameters', () => {
    const model = createTinyGpt(small('learned'));
    expect(() => embed(model, tokens([[1, 2, 3]]), 10)).toThrow(/past the 12 learned position embeddings/);
    // E = 16, F = 32, V = 27, 12 positions: per block 2·2E + 4(E² + E) + (EF + F) + (FE + E)
    const block = 4 * 16 + 4 * (16 * 16 + 16) + (16 * 32 + 32) + (32 * 16 + 16);
    expect(parameterCount(model)).toBe(27 * 16 + 12 * 16 + 2 * block + 2 * 16 + 16 * 27 + 27);
    disposeTinyGpt(model);
  });
});

describe('names', () => {
  const names = loadFirstNames();

  it('are the distinct lower-case names of both lists, letters only', () => {
    expect(names.length).toBeGreaterThan(8000);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((n) => /^[a-z]+$/.test(n))).toBe(true);
    expect(names).toContain('emma');
    expect(names).toContain('aaron');
  });

  it('split into disjoint training and validation names, seeded, with every name longer than the training maximum held out', () => {
    const split = splitNames(names, { maxTrainLength: 9, validationShare: 0.1, seed: 10 });
    expect(split.train.length + split.validation.length + split.long.length).toBe(names.length);
    const train = new Set(split.train);
    expect(split.validation.some((n) => train.has(n))).toBe(false);
    expect(Math.max(...split.train.map((n) => n.length))).toBe(9);
    expect(split.long.every((n) => n.length > 9)).toBe(true);
    expect(splitNames(names, { maxTrainLength: 9, validationShare: 0.1, seed: 10 })).toEqual(split);
    expect(splitNames(names, { maxTrainLength: 9, validationShare: 0.1, seed: 11 }).validation).not.toEqual(split.validation);
  });

  it('become inputs that start with the boundary and targets that end with it, padding masked', () => {
    const { inputs, targets, mask } = nameBatch(['ab', 'c']);
    expect(inputs.arraySync()).toEqual([
      [0, 1, 2],
      [0, 3, 0],
    ]);
    expect(targets.arraySync()).toEqual([
      [1, 2, 0],
      [3, 0, 0],
    ]);
    expect(mask.arraySync()).toEqual([
      [1, 1, 1],
      [1, 1, 0],
    ]);
    expect(NAME_ALPHABET[0]).toBe('.');
  });
});

describe('the bigram baseline', () => {
  it('counts pairs with add-α smoothing, and its loss is the mean negative log-probability per character', () => {
    const model = fitBigram(['ab', 'b'], 1);
    for (const row of model.probabilities) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    // pairs: .a ab b. .b b. → from '.': a once, b once, 2 + 27 in total
    expect(model.probabilities[0][1]).toBeCloseTo(2 / 29, 12);
    expect(model.probabilities[2][0]).toBeCloseTo(3 / 29, 12);
    const loss = bigramLoss(model, ['b']);
    expect(loss).toBeCloseTo(-(Math.log(2 / 29) + Math.log(3 / 29)) / 2, 12);
  });
});

describe('sampling and training', () => {
  it('samples by temperature: the arg max at 0, the distribution at 1', () => {
    const random = new SeededRandom(1);
    expect(sampleToken([0, 3, 1], 0, random)).toBe(1);
    const counts = [0, 0, 0];
    for (let i = 0; i < 20000; i++) counts[sampleToken([0, Math.log(2), Math.log(7)], 1, random)]++;
    expect(counts[0] / 20000).toBeCloseTo(0.1, 1);
    expect(counts[2] / 20000).toBeCloseTo(0.7, 1);
  });

  it('trains: validation loss falls below the uniform ln 27, heads can be scored, and sampling is seeded', async () => {
    const split = splitNames(loadFirstNames(), { maxTrainLength: 9, validationShare: 0.1, seed: 10 });
    const before = tf.memory().numTensors;
    const lines: string[] = [];
    const { model, history } = await trainTinyGpt(small('rotary'), split.train.slice(0, 1200), {
      epochs: 2,
      batchSize: 64,
      learningRate: 0.01,
      seed: 1,
      log: (l) => lines.push(l),
    });
    expect(history.length).toBe(2);
    expect(lines[1]).toMatch(/^epoch 2\/2 · 1200 names · loss \d/);
    const validation = evaluateLoss(model, split.validation.slice(0, 200));
    expect(validation).toBeLessThan(Math.log(27) - 0.3);
    const scores = previousCharacterScores(model, split.validation.slice(0, 50));
    expect(scores.length).toBe(2);
    for (const s of scores.flat()) {
      expect(s).toBeGreaterThan(0);
      expect(s).toBeLessThan(1);
    }
    const first = generate(model, { maxLength: 11, temperature: 1, seed: 4 });
    expect(generate(model, { maxLength: 11, temperature: 1, seed: 4 })).toBe(first);
    expect(first).toMatch(/^[a-z]{0,11}$/);
    expect(generate(model, { prompt: 'ma', maxLength: 11, temperature: 0, seed: 1 }).startsWith('ma')).toBe(true);
    disposeTinyGpt(model);
    expect(tf.memory().numTensors).toBe(before);
  });
});
