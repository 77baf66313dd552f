// Training the lesson 08 recommenders: Adam on the cross-entropy of the next resource over every
// resource not yet studied (the ones already studied are taken out of the softmax, as they are out
// of the ranking), mini-batches in a seeded order, one progress line per epoch.
import * as tf from '@tensorflow/tfjs';
import type { Learner } from '../datasets/learning-paths';
import type { HistoryRecommender } from '../models/history-recommender';
import type { SelfAttentiveRecommender } from '../models/self-attentive-recommender';
import { SeededRandom } from '../seeded-random';
import { trainLoop, type TrainingEpoch, type TrainingOptions } from '../training-loop';
import { historyBatch, leftPad, type NextResourceExample } from './data';

/** Logits that cannot pick a studied resource: −1e9 added where `studied` is 1. */
const unstudied = (scores: tf.Tensor, studied: tf.Tensor) => tf.add(scores, tf.mul(studied, -1e9));

/**
 * Trains a mean-pooling or target-attention recommender in place on (history, next resource)
 * examples. Each example is scored against its next resource and `negatives` resources drawn at
 * random (a sampled softmax, as recommenders with large catalogues are trained): target attention
 * costs one attention pass per candidate, and scoring a few instead of all keeps training fast.
 */
export function trainHistoryRecommender(
  model: HistoryRecommender,
  examples: readonly NextResourceExample[],
  opts: TrainingOptions & { negatives: number },
): Promise<TrainingEpoch[]> {
  const { length, numResources } = model.config;
  const draw = new SeededRandom(opts.seed + 1);
  return trainLoop(
    examples.length,
    model.trainableWeights,
    (rows) => {
      const { ids, mask } = historyBatch(examples, rows, length);
      // column 0 is the next resource; a drawn one that is already studied or is the next one is taken out
      const drawn = rows.map((r) => [examples[r].next, ...Array.from({ length: opts.negatives }, () => draw.below(numResources))]);
      const blocked = rows.map((r, i) => drawn[i].map((c, j) => (j > 0 && (c === examples[r].next || examples[r].history.includes(c)) ? 1 : 0)));
      const logits = unstudied(model.call(ids, mask, tf.tensor2d(drawn, undefined, 'int32')).scores, tf.tensor2d(blocked));
      return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.zeros([rows.length], 'int32') as tf.Tensor1D, opts.negatives + 1), logits) as tf.Scalar;
    },
    opts,
    'examples',
  );
}

/**
 * Trains the self-attentive recommender in place: each learner's sequence, left-padded, is read
 * once, and the state at every position is scored against the resource studied next.
 */
export function trainSelfAttentive(model: SelfAttentiveRecommender, learners: readonly Learner[], opts: TrainingOptions): Promise<TrainingEpoch[]> {
  const { length, numResources } = model.config;
  const inputs = learners.map((l) => leftPad(l.sequence.slice(0, -1), length));
  const targets = learners.map((l) => leftPad(l.sequence.slice(1), length).ids);
  return trainLoop(
    learners.length,
    model.trainableWeights,
    (rows) => {
      const ids = tf.tensor2d(
        rows.map((r) => inputs[r].ids),
        [rows.length, length],
        'int32',
      );
      const mask = tf.tensor2d(
        rows.map((r) => inputs[r].mask),
        [rows.length, length],
      );
      const next = tf.tensor2d(
        rows.map((r) => targets[r]),
        [rows.length, length],
        'int32',
      );
      // what has been studied up to and including each position [B, T, N]
      const studied = tf.minimum(tf.cumsum(tf.mul(tf.oneHot(ids, numResources), tf.expandDims(mask, 2)), 1), 1);
      const logits = unstudied(model.call(ids, mask).scores, studied);
      return tf.losses.softmaxCrossEntropy(tf.oneHot(next, numResources), logits, mask) as tf.Scalar;
    },
    opts,
    'learners',
  );
}
