// The baseline classifier and the scores the lessons report it with.
import { describe, expect, it } from 'vitest';
import { binaryMetrics } from '../src/metrics/binary-classification';
import { NaiveBayes } from '../src/models/naive-bayes';

describe('NaiveBayes', () => {
  // positive: 5 tokens (win 2, cash 2, now 1); negative: 4 tokens (hi 2, bob 1, win 1); 5 distinct tokens
  const docs = [['win', 'cash', 'win'], ['cash', 'now'], ['hi', 'bob'], ['hi', 'win'], ['hi']];
  const labels = [true, true, false, false, false];
  const nb = NaiveBayes.fit(docs, labels);
  const p = (count: number, total: number) => (count + 1) / (total + 5);

  it('adds the log prior ratio and, per token, the log ratio of Laplace-smoothed class frequencies', () => {
    // negative has 3 documents and 5 tokens: hi 3, bob 1, win 1
    const expected = Math.log(2 / 3) + Math.log(p(2, 5) / p(1, 5)) + Math.log(p(2, 5) / p(0, 5));
    expect(nb.logOdds(['win', 'cash'])).toBeCloseTo(expected, 12);
    expect(nb.tokenLogRatio('hi')).toBeCloseTo(Math.log(p(0, 5) / p(3, 5)), 12);
  });

  it('counts repeated tokens each time, and skips tokens never seen in training', () => {
    expect(nb.logOdds(['cash', 'cash']) - nb.logOdds(['cash'])).toBeCloseTo(Math.log(p(2, 5) / p(0, 5)), 12);
    expect(nb.logOdds(['cash', 'never-seen'])).toBe(nb.logOdds(['cash']));
    expect(nb.tokenLogRatio('never-seen')).toBe(0);
  });

  it('predicts the class with the larger posterior', () => {
    expect(nb.predict(['cash', 'now'])).toBe(true);
    expect(nb.predict(['hi', 'bob'])).toBe(false);
  });

  it('needs both classes and one label per document', () => {
    expect(() => NaiveBayes.fit([['a']], [true])).toThrow(/both classes/);
    expect(() => NaiveBayes.fit([['a'], ['b']], [true])).toThrow(/2 documents for 1 labels/);
  });
});

describe('binaryMetrics', () => {
  it('counts the confusion matrix and derives accuracy, precision, recall and F1 from it', () => {
    const predicted = [true, true, true, false, false, false, false, true];
    const actual = [true, true, false, true, false, false, false, true];
    expect(binaryMetrics(predicted, actual)).toEqual({ tp: 3, fp: 1, fn: 1, tn: 3, accuracy: 6 / 8, precision: 3 / 4, recall: 3 / 4, f1: 6 / 8 });
  });

  it('gives F1 0 to a classifier that never predicts the positive class', () => {
    const m = binaryMetrics([false, false, false], [true, false, false]);
    expect([m.f1, m.recall, m.accuracy]).toEqual([0, 0, 2 / 3]);
  });

  it('refuses predictions and labels of different lengths', () => {
    expect(() => binaryMetrics([true], [true, false])).toThrow(/1 predictions for 2 labels/);
  });
});
