import { attentionPooling } from '../../exercises/attention-pooling';
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

const scaled = 'raw.div(Math.sqrt(d))';
/** The recipe the masking hints lead to: blocked scores to -1e9, softmax over positions, then zero what the mask blocks. */
const recipe = "tf.softmax(tf.where(keep, scores, tf.fill(scores.shape, -1e9))).mul(keep.cast('float32'))";
const correct = pooling(scaled, recipe);

export const attentionPoolingMistakes: Mistake[] = [
  {
    id: 'pooling-no-scaling',
    exercise: 'attentionPooling',
    what: 'the scores h · query are not scaled by 1/√d, so the weights are too peaked',
    fix: 'divide the scores by Math.sqrt(d), where d is the last dimension of h (and the length of the query)',
    source: pooling('raw', recipe),
    fixed: correct,
  },
  {
    id: 'pooling-scale-by-d',
    exercise: 'attentionPooling',
    what: 'the scores are divided by d instead of √d',
    fix: 'divide by Math.sqrt(d): a dot product of d terms has a standard deviation that grows like √d',
    source: pooling('raw.div(d)', recipe),
    fixed: correct,
  },
  {
    id: 'pooling-softmax-size-one-axis',
    exercise: 'attentionPooling',
    what: 'the softmax runs over an axis of length 1 (the scores were left as [B, L, 1]), so every weight is 1 and the output is the sum of h, not a weighted average',
    fix: `reshape the scores to [B, L] before the softmax, so it normalises over the L positions: ${recipe}`,
    source: pooling(scaled, "tf.softmax(tf.where(keep, scores, tf.fill(scores.shape, -1e9)).expandDims(-1)).squeeze([-1]).mul(keep.cast('float32'))"),
    fixed: correct,
  },
  {
    id: 'pooling-mask-ignored',
    exercise: 'attentionPooling',
    what: 'the padding mask is ignored: padding positions get weight and their vectors leak into the output',
    fix: `fill blocked scores with -1e9 before the softmax and multiply the weights by the mask after it: ${recipe}`,
    source: pooling(scaled, 'tf.softmax(scores)'),
    fixed: correct,
  },
  {
    id: 'pooling-mask-after-softmax',
    exercise: 'attentionPooling',
    what: 'the mask is applied only after the softmax: blocked weights are zeroed but the kept ones no longer sum to 1',
    fix: `also mask the scores before the softmax (blocked scores to -1e9, so the kept weights renormalise), keeping the multiplication by the mask after it: ${recipe}`,
    source: pooling(scaled, "tf.softmax(scores).mul(keep.cast('float32'))"),
    fixed: correct,
  },
  {
    id: 'pooling-nan-fully-masked',
    exercise: 'attentionPooling',
    what: 'an email whose positions are all blocked comes out as NaN (every score is −∞, so the softmax divides 0 by 0)',
    fix: 'after the softmax, give rows with no kept position all-zero weights: tf.where(keep.any(-1, true), weights, tf.zerosLike(weights))',
    source: pooling(scaled, 'tf.softmax(tf.where(keep, scores, tf.fill(scores.shape, -Infinity)))'),
    fixed: pooling(scaled, 'tf.where(keep.any(-1, true), tf.softmax(tf.where(keep, scores, tf.fill(scores.shape, -Infinity))), tf.zerosLike(scores))'),
  },
  {
    id: 'pooling-uniform-fully-masked',
    exercise: 'attentionPooling',
    what: 'an email whose positions are all blocked gets uniform weights (every score became -1e9) instead of zeros',
    fix: 'multiply the weights by the mask after the softmax: an email with no kept position must get all-zero weights and a zero output',
    source: pooling(scaled, 'tf.softmax(tf.where(keep, scores, tf.fill(scores.shape, -1e9)))'),
    fixed: correct,
  },
  {
    id: 'pooling-mean',
    exercise: 'attentionPooling',
    what: 'the weights ignore the query: every kept position gets the same weight (a plain average of h), so nothing is learned about which tokens matter',
    fix: `weight the positions by a softmax of their scores h · query / √d: ${recipe}`,
    source: pooling(scaled, "keep.cast('float32').div(keep.cast('float32').sum(-1, true).maximum(1))"),
    fixed: correct,
  },
];
