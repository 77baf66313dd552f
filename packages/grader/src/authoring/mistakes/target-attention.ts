import { targetAttention } from '../../exercises/target-attention';
import { MASKED_SOFTMAX, maskedPoolingMistakes, SCALED } from './masked-pooling';
import type { Mistake } from './mistake';

/**
 * targetAttention from `scores` [B, T] (with b, t, d and keep, a bool [B, T] mask, in scope, and
 * `raw` the unscaled scores) and `weights` computed from them; the output is the weights' sum of
 * the history.
 */
function attend(scores: string, weights: string): string {
  return `${targetAttention.signature} {
  return tf.tidy(() => {
    const [b, t, d] = history.shape;
    const raw = tf.matMul(history, candidate.reshape([b, d, 1])).reshape([b, t]);
    const keep = mask ? mask.cast('bool') : tf.onesLike(raw).cast('bool');
    const scores = ${scores};
    const weights = ${weights};
    return { output: tf.matMul(weights.expandDims(1), history).reshape([b, d]), weights };
  });
}`;
}

const correct = attend(SCALED, MASKED_SOFTMAX);

export const targetAttentionMistakes: Mistake[] = [
  ...maskedPoolingMistakes({
    exercise: 'targetAttention',
    prefix: 'target',
    build: attend,
    scores: 'history · candidate',
    d: 'the last dimension of the history (and of the candidate)',
    unit: 'step',
    leaksInto: 'the output',
    empty: { what: 'an empty history (every step blocked)', id: 'empty-history', none: 'a history with no kept step' },
    mean: {
      ignores: 'the candidate',
      average: 'mean pooling of the history',
      so: 'every candidate reads the same summary',
      fix: 'history · candidate / √d',
    },
  }),
  {
    id: 'target-softmax-over-batch',
    exercise: 'targetAttention',
    what: "the softmax runs over the batch axis (each step is normalised across learners), not over the steps of one learner's history",
    fix: `take the softmax over the last axis of the [B, T] scores, the T steps of each history: ${MASKED_SOFTMAX}`,
    source: attend(SCALED, "tf.softmax(tf.where(keep, scores, tf.fill(scores.shape, -1e9)).transpose()).transpose().mul(keep.cast('float32'))"),
    fixed: correct,
  },
  {
    id: 'target-first-candidate',
    exercise: 'targetAttention',
    what: "every learner's history is scored against the first learner's candidate, not against its own",
    fix: 'score history b against candidate b: a batched matMul of history [B, T, d] with candidate reshaped to [B, d, 1]',
    source: attend('tf.matMul(history, candidate.slice([0, 0], [1, d]).reshape([d, 1]).expandDims(0).tile([b, 1, 1])).reshape([b, t]).div(Math.sqrt(d))', MASKED_SOFTMAX),
    fixed: correct,
  },
];
