// Lesson 08: the study-history generator, the ranking metrics, target attention against core's
// attention, and the self-attentive model's causal mask.
import * as core from '@attnlab/core';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateLearners, historyOf, nextOf, relevantPositions, resourceCatalogue } from '../src/datasets/learning-paths';
import { heldOutExamples, historyBatch, leftPad, prefixExamples } from '../src/learning-recommender/data';
import { rankingMetrics, rankOf } from '../src/metrics/ranking';
import { attendCandidates, HistoryRecommender } from '../src/models/history-recommender';
import { SelfAttentiveRecommender } from '../src/models/self-attentive-recommender';

const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
const catalogue = resourceCatalogue();

beforeAll(async () => {
  await core.initBackend('wasm');
});

describe('generateLearners', () => {
  const learners = generateLearners(300, 5);

  it('is reproducible from its seed and differs between seeds', () => {
    expect(generateLearners(300, 5)).toEqual(learners);
    expect(generateLearners(300, 6)[0].sequence).not.toEqual(learners[0].sequence);
  });

  it('gives every learner two or three interests and a history of 8 to 20 resources plus the held-out one', () => {
    for (const l of learners) {
      expect([2, 3]).toContain(l.interests.length);
      expect(historyOf(l).length).toBeGreaterThanOrEqual(8);
      expect(historyOf(l).length).toBeLessThanOrEqual(20);
      expect(l.sequence).toEqual([...historyOf(l), nextOf(l)]);
    }
  });

  it('never repeats a resource and studies every resource after its prerequisites', () => {
    for (const l of learners) {
      expect(new Set(l.sequence).size).toBe(l.sequence.length);
      l.sequence.forEach((id, s) => {
        for (const p of catalogue[id].prerequisites) expect(l.sequence.slice(0, s)).toContain(p);
      });
    }
  });

  it("lets interest weights drift: they sum to 1 at every step, and some learner's leading interest changes", () => {
    for (const l of learners) for (const w of l.interestWeights) expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    const leader = (w: number[]) => w.indexOf(Math.max(...w));
    expect(learners.some((l) => leader(l.interestWeights[0]) !== leader(l.interestWeights[l.interestWeights.length - 1]))).toBe(true);
  });

  it('draws most steps from the interests and a few from other topics (detours)', () => {
    const steps = learners.flatMap((l) => l.sequence.map((id) => l.interests.includes(catalogue[id].topic)));
    const inInterests = steps.filter(Boolean).length / steps.length;
    expect(inInterests).toBeGreaterThan(0.8);
    expect(inInterests).toBeLessThan(1);
  });
});

describe('relevantPositions', () => {
  it("marks the steps in the candidate's topic", () => {
    const byName = (n: string) => catalogue.find((r) => r.name === n)!.id;
    const history = ['statistics a1', 'python a1', 'statistics a2', 'writing a1'].map(byName);
    expect(relevantPositions(history, byName('statistics b1'), catalogue)).toEqual([0, 2]);
    expect(relevantPositions(history, byName('music theory a1'), catalogue)).toEqual([]);
  });
});

describe('examples and batches', () => {
  it('left-pads so the most recent step is always last', () => {
    expect(leftPad([7, 8], 4)).toEqual({ ids: [0, 0, 7, 8], mask: [0, 0, 1, 1] });
    expect(leftPad([1, 2, 3, 4, 5], 3)).toEqual({ ids: [3, 4, 5], mask: [1, 1, 1] });
  });

  it('cuts the last steps of a learner into (prefix, next) examples', () => {
    const [l] = generateLearners(1, 3);
    const examples = prefixExamples([l], 3);
    const n = l.sequence.length;
    expect(examples).toEqual([1, 2, 3].map((back) => ({ history: l.sequence.slice(0, n - back), next: l.sequence[n - back] })));
    expect(heldOutExamples([l])).toEqual([examples[0]]);
  });
});

describe('ranking metrics', () => {
  it('HR@k counts ranks below k and NDCG@k discounts them by log2(rank + 2)', () => {
    const m = rankingMetrics([0, 3, 12], 10);
    expect(m.hitRate).toBeCloseTo(2 / 3, 12);
    expect(m.ndcg).toBeCloseTo((1 + 1 / Math.log2(5)) / 3, 12);
  });

  it('rankOf counts only candidates that score higher and are not excluded', () => {
    const scores = [0.9, 0.1, 0.5, 0.7, 0.3];
    expect(rankOf(scores, 2, new Set())).toBe(2);
    expect(rankOf(scores, 2, new Set([0]))).toBe(1);
    expect(rankOf(scores, 0, new Set())).toBe(0);
  });
});

describe('attendCandidates (target attention)', () => {
  it("is scaled dot-product attention with each learner's candidates as queries, masked, without leaking tensors", () => {
    const keys = tf.randomNormal([2, 5, 4], 0, 1, 'float32', 1) as tf.Tensor3D;
    const values = tf.randomNormal([2, 5, 4], 0, 1, 'float32', 2) as tf.Tensor3D;
    const queries = tf.randomNormal([2, 3, 4], 0, 1, 'float32', 3) as tf.Tensor3D;
    const mask = tf.tensor2d([
      [0, 0, 1, 1, 1],
      [0, 0, 0, 0, 0],
    ]);
    const before = tf.memory().numTensors;
    const mine = attendCandidates(keys, values, queries, mask);
    expect(tf.memory().numTensors).toBe(before + 2);
    const reference = core.scaledDotProductAttention(queries, keys, values, { mask: tf.expandDims(mask, 1) });
    expect(maxDiff(mine.weights, reference.weights)).toBeLessThan(1e-6);
    expect(maxDiff(mine.output, reference.output)).toBeLessThan(1e-6);
    tf.dispose([keys, values, queries, mask, mine.output, mine.weights, reference.output, reference.weights]);
  });
});

describe('HistoryRecommender', () => {
  const examples = heldOutExamples(generateLearners(4, 9));
  const config = { numResources: catalogue.length, length: 20, dim: 8, seed: 1 };

  it('mean pooling ignores the order of a history', () => {
    const model = new HistoryRecommender({ ...config, pooling: 'mean' });
    const reversed = examples.map((e) => ({ ...e, history: [...e.history].reverse() }));
    const diff = tf.tidy(() => {
      const a = historyBatch(examples, [0, 1, 2, 3], 20);
      const b = historyBatch(reversed, [0, 1, 2, 3], 20);
      return maxDiff(model.call(a.ids, a.mask).scores, model.call(b.ids, b.mask).scores);
    });
    expect(diff).toBeLessThan(1e-5);
    model.dispose();
  });

  it('target attention scores every resource, or the candidates asked for, with zero weight on padding', () => {
    const model = new HistoryRecommender({ ...config, pooling: 'target' });
    tf.tidy(() => {
      const { ids, mask } = historyBatch(examples, [0, 1, 2, 3], 20);
      const all = model.call(ids, mask);
      expect(all.scores.shape).toEqual([4, catalogue.length]);
      const some = model.call(
        ids,
        mask,
        tf.tensor2d(
          [
            [5, 9],
            [0, 1],
            [2, 3],
            [159, 7],
          ],
          undefined,
          'int32',
        ),
      );
      expect(some.weights!.shape).toEqual([4, 2, 20]);
      expect(maxDiff(some.scores.slice([0, 0], [1, 1]), all.scores.slice([0, 5], [1, 1]))).toBeLessThan(1e-5);
      const onPadding = tf.sum(tf.mul(all.weights!, tf.expandDims(tf.sub(1, mask), 1))).dataSync()[0];
      expect(onPadding).toBe(0);
    });
    model.dispose();
  });
});

describe('SelfAttentiveRecommender', () => {
  it('is causal: the scores at a position do not change when later resources change', () => {
    const model = new SelfAttentiveRecommender({ numResources: catalogue.length, length: 6, dim: 8, numHeads: 2, seed: 3 });
    const diffs = tf.tidy(() => {
      const mask = tf.ones([1, 6]) as tf.Tensor2D;
      const a = model.call(tf.tensor2d([[1, 2, 3, 4, 5, 6]], undefined, 'int32'), mask).scores;
      const b = model.call(tf.tensor2d([[1, 2, 3, 40, 50, 60]], undefined, 'int32'), mask).scores;
      return { before: maxDiff(a.slice([0, 0, 0], [1, 3, -1]), b.slice([0, 0, 0], [1, 3, -1])), after: maxDiff(a.slice([0, 3, 0], [1, 3, -1]), b.slice([0, 3, 0], [1, 3, -1])) };
    });
    expect(diffs.before).toBeLessThan(1e-5);
    expect(diffs.after).toBeGreaterThan(1e-3);
    model.dispose();
  });
});
