// Lesson 07's model and training: aspect attention against core's scaled dot-product attention,
// masks (padding, the local window), and a short training run that learns and leaks no tensor.
import * as core from '@attnlab/core';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateFeedback } from '../src/datasets/feedback';
import { ASPECTS } from '../src/datasets/feedback-lexicon';
import { batchInputs, encodeFeedback, feedbackVocabulary } from '../src/feedback-triage/data';
import { predictFeedback, scoreFeedback } from '../src/feedback-triage/evaluate';
import { trainAspectModel } from '../src/feedback-triage/train';
import { AspectSentimentModel, type AspectSentimentConfig, attendAspects, type SelfAttentionKind } from '../src/models/aspect-sentiment';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const vocabulary = feedbackVocabulary();
const config = (selfAttention: SelfAttentionKind): AspectSentimentConfig => ({
  vocabSize: vocabulary.size,
  length: 40,
  dim: 16,
  numHeads: 2,
  numAspects: ASPECTS.length,
  numClasses: 3,
  hiddenDim: 8,
  selfAttention,
  window: 2,
  seed: 5,
});
const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

describe('attendAspects', () => {
  it('is scaled dot-product attention with the aspect queries shared by the batch and padding blocked', () => {
    tf.tidy(() => {
      const h = tf.randomNormal([3, 5, 8], 0, 2, 'float32', 1) as tf.Tensor3D;
      const aspects = tf.randomNormal([4, 8], 0, 1, 'float32', 2) as tf.Tensor2D;
      const mask = tf.tensor2d([
        [1, 1, 1, 1, 1],
        [1, 1, 0, 0, 0],
        [0, 0, 0, 0, 0],
      ]);
      const mine = attendAspects(h, aspects, mask);
      const reference = core.scaledDotProductAttention(tf.tile(aspects.expandDims(0), [3, 1, 1]), h, h, { mask: mask.reshape([3, 1, 5]) });
      expect(mine.weights.shape).toEqual([3, 4, 5]);
      expect(mine.output.shape).toEqual([3, 4, 8]);
      expect(maxDiff(mine.weights, reference.weights)).toBeLessThan(1e-6);
      expect(maxDiff(mine.output, reference.output)).toBeLessThan(1e-5);
      // the fully padded message: zero weights and output, no NaN
      expect(Array.from(mine.weights.slice([2, 0, 0], [1, 4, 5]).dataSync())).toEqual(new Array(20).fill(0));
    });
  });
});

describe('AspectSentimentModel', () => {
  const messages = generateFeedback(6, 4);
  const set = encodeFeedback(messages, vocabulary, 40);
  const rows = [0, 1, 2, 3, 4, 5];

  it('gives logits [B, A, C] and aspect weights [B, A, L] that sum to 1 over the tokens and are 0 on padding', () => {
    const model = new AspectSentimentModel(config('local'));
    tf.tidy(() => {
      const { ids, mask } = batchInputs(set, rows);
      const out = model.call(ids, mask);
      const l = Math.max(...set.lengths);
      expect(ids.shape).toEqual([6, l]);
      expect(out.logits.shape).toEqual([6, ASPECTS.length, 3]);
      expect(out.aspectWeights.shape).toEqual([6, ASPECTS.length, l]);
      const weights = out.aspectWeights.arraySync() as number[][][];
      weights.forEach((perAspect, b) =>
        perAspect.forEach((row) => {
          expect(row.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 5);
          row.forEach((w, t) => {
            if (t >= set.lengths[b]) expect(w).toBe(0);
          });
        }),
      );
    });
    model.dispose();
  });

  it('reads a message the same whatever padding follows it', () => {
    const model = new AspectSentimentModel(config('full'));
    model.gate.assign(tf.scalar(1));
    const [short, padded] = tf.tidy(() => {
      const own = batchInputs(set, [0]);
      const wide = { ids: tf.tensor2d([set.ids[0]], undefined, 'int32'), mask: tf.tensor2d([set.mask[0]]) };
      return [model.call(own.ids, own.mask).logits, model.call(wide.ids, wide.mask).logits];
    });
    expect(maxDiff(short, padded)).toBeLessThan(1e-5);
    tf.dispose([short, padded]);
    model.dispose();
  });

  it('lets a token see only the `window` tokens before it with local self-attention, and the whole message with full', () => {
    const changedStates = (kind: SelfAttentionKind) => {
      const model = new AspectSentimentModel(config(kind));
      model.gate.assign(tf.scalar(1));
      const ids = [5, 6, 7, 8, 9, 10, 11, 12];
      const edited = [...ids];
      edited[4] = 13;
      const changed = tf.tidy(() => {
        const mask = tf.ones([1, 8]) as tf.Tensor2D;
        const a = model.states(tf.tensor2d([ids], undefined, 'int32'), mask);
        const b = model.states(tf.tensor2d([edited], undefined, 'int32'), mask);
        return (tf.abs(tf.sub(a, b)).max(-1).arraySync() as number[][])[0].map((d, t) => (d > 1e-6 ? t : -1)).filter((t) => t >= 0);
      });
      model.dispose();
      return changed;
    };
    expect(changedStates('local')).toEqual([4, 5, 6]);
    expect(changedStates('full')).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(changedStates('none')).toEqual([4]);
  });

  it('has no self-attention weights without the layer', () => {
    const [none, local] = [new AspectSentimentModel(config('none')), new AspectSentimentModel(config('local'))];
    const count = (m: AspectSentimentModel) => m.trainableWeights.reduce((n, w) => n + w.size, 0);
    // the layer's four 16 × 16 projections, their biases, and the gate
    expect(count(local) - count(none)).toBe(4 * 16 * 16 + 4 * 16 + 1);
    none.dispose();
    local.dispose();
  });
});

describe('trainAspectModel', () => {
  it('lowers the loss, logs a line per epoch, scores the validation set and leaks no tensor', async () => {
    const train = generateFeedback(300, 21);
    const validation = generateFeedback(60, 22);
    const sets = { train: encodeFeedback(train, vocabulary, 40), validation: encodeFeedback(validation, vocabulary, 40) };
    const model = new AspectSentimentModel(config('local'));
    const before = tf.memory().numTensors;
    const lines: string[] = [];
    const history = await trainAspectModel(
      model,
      sets.train,
      { set: sets.validation, messages: validation },
      { epochs: 3, batchSize: 50, learningRate: 0.02, seed: 1, log: (l) => lines.push(l) },
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(history.map((r) => r.epoch)).toEqual([1, 2, 3]);
    expect(history[2].loss).toBeLessThan(history[0].loss);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^epoch 1\/3 · 300 messages · loss \d\.\d{4} · validation accuracy \d\.\d{3} · attention on deciding word \d\.\d{3} · \d+\.\d s$/);
    const scores = scoreFeedback(validation, predictFeedback(model, sets.validation));
    expect(scores.accuracy).toBeCloseTo(history[2].validationAccuracy, 10);
    expect(scores.decidingShare).toBeCloseTo(history[2].decidingShare, 10);
    model.dispose();
  });
});
