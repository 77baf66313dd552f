import { attentionPooling } from '../../exercises/attention-pooling';
import { MASKED_SOFTMAX, maskedPoolingMistakes, SCALED } from './masked-pooling';
import type { Mistake } from './mistake';

/**
 * attentionPooling from `scores` [B, L] (with b, l, d and keep, a bool [B, L] mask, in scope)
 * and `weights` computed from them; the output is the weights' sum of h.
 */
function pooling(scores: string, weights: string): string {
  return `${attentionPooling.signature} {
  return tf.tidy(() => {
    const [b, l, d] = h.shape;
    const raw = tf.matMul(h.reshape([b * l, d]), query.reshape([d, 1])).reshape([b, l]);
    const keep = mask ? mask.cast('bool') : tf.onesLike(raw).cast('bool');
    const scores = ${scores};
    const weights = ${weights};
    return { output: tf.matMul(weights.expandDims(1), h).reshape([b, d]), weights };
  });
}`;
}

export const attentionPoolingMistakes: Mistake[] = [
  ...maskedPoolingMistakes({
    exercise: 'attentionPooling',
    prefix: 'pooling',
    build: pooling,
    scores: 'h · query',
    d: 'the last dimension of h (and the length of the query)',
    unit: 'position',
    leaksInto: 'the output',
    empty: { what: 'an email whose positions are all blocked', id: 'fully-masked', none: 'an email with no kept position' },
    mean: {
      ignores: 'the query',
      average: 'a plain average of h',
      so: 'nothing is learned about which tokens matter',
      fix: 'h · query / √d',
    },
  }),
  {
    id: 'pooling-softmax-size-one-axis',
    exercise: 'attentionPooling',
    what: 'the softmax runs over an axis of length 1 (the scores were left as [B, L, 1]), so every weight is 1 and the output is the sum of h, not a weighted average',
    fix: `reshape the scores to [B, L] before the softmax, so it normalises over the L positions: ${MASKED_SOFTMAX}`,
    source: pooling(SCALED, "tf.softmax(tf.where(keep, scores, tf.fill(scores.shape, -1e9)).expandDims(-1)).squeeze([-1]).mul(keep.cast('float32'))"),
    fixed: pooling(SCALED, MASKED_SOFTMAX),
  },
];
