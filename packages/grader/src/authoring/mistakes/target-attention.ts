import { targetAttention } from '../../exercises/target-attention';
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

const scaled = 'raw.div(Math.sqrt(d))';
/** The recipe the masking hints lead to: blocked scores to -1e9, softmax over the steps, then zero what the mask blocks. */
const recipe = "tf.softmax(tf.where(keep, scores, tf.fill(scores.shape, -1e9))).mul(keep.cast('float32'))";
const correct = attend(scaled, recipe);

export const targetAttentionMistakes: Mistake[] = [
  {
    id: 'target-no-scaling',
    exercise: 'targetAttention',
    what: 'the scores history · candidate are not scaled by 1/√d, so the weights are too peaked',
    fix: 'divide the scores by Math.sqrt(d), where d is the last dimension of the history (and of the candidate)',
    source: attend('raw', recipe),
    fixed: correct,
  },
  {
    id: 'target-scale-by-d',
    exercise: 'targetAttention',
    what: 'the scores are divided by d instead of √d',
    fix: 'divide by Math.sqrt(d): a dot product of d terms has a standard deviation that grows like √d',
    source: attend('raw.div(d)', recipe),
    fixed: correct,
  },
  {
    id: 'target-softmax-over-batch',
    exercise: 'targetAttention',
    what: "the softmax runs over the batch axis (each step is normalised across learners), not over the steps of one learner's history",
    fix: `take the softmax over the last axis of the [B, T] scores, the T steps of each history: ${recipe}`,
    source: attend(scaled, "tf.softmax(tf.where(keep, scores, tf.fill(scores.shape, -1e9)).transpose()).transpose().mul(keep.cast('float32'))"),
    fixed: correct,
  },
  {
    id: 'target-first-candidate',
    exercise: 'targetAttention',
    what: "every learner's history is scored against the first learner's candidate, not against its own",
    fix: 'score history b against candidate b: a batched matMul of history [B, T, d] with candidate reshaped to [B, d, 1]',
    source: attend('tf.matMul(history, candidate.slice([0, 0], [1, d]).reshape([d, 1]).expandDims(0).tile([b, 1, 1])).reshape([b, t]).div(Math.sqrt(d))', recipe),
    fixed: correct,
  },
  {
    id: 'target-mask-ignored',
    exercise: 'targetAttention',
    what: 'the padding mask is ignored: padding steps get weight and their vectors leak into the output',
    fix: `fill blocked scores with -1e9 before the softmax and multiply the weights by the mask after it: ${recipe}`,
    source: attend(scaled, 'tf.softmax(scores)'),
    fixed: correct,
  },
  {
    id: 'target-mask-after-softmax',
    exercise: 'targetAttention',
    what: 'the mask is applied only after the softmax: blocked weights are zeroed but the kept ones no longer sum to 1',
    fix: `also mask the scores before the softmax (blocked scores to -1e9, so the kept weights renormalise), keeping the multiplication by the mask after it: ${recipe}`,
    source: attend(scaled, "tf.softmax(scores).mul(keep.cast('float32'))"),
    fixed: correct,
  },
  {
    id: 'target-nan-empty-history',
    exercise: 'targetAttention',
    what: 'an empty history (every step blocked) comes out as NaN (every score is −∞, so the softmax divides 0 by 0)',
    fix: 'after the softmax, give rows with no kept step all-zero weights: tf.where(keep.any(-1, true), weights, tf.zerosLike(weights))',
    source: attend(scaled, 'tf.softmax(tf.where(keep, scores, tf.fill(scores.shape, -Infinity)))'),
    fixed: attend(scaled, 'tf.where(keep.any(-1, true), tf.softmax(tf.where(keep, scores, tf.fill(scores.shape, -Infinity))), tf.zerosLike(scores))'),
  },
  {
    id: 'target-uniform-empty-history',
    exercise: 'targetAttention',
    what: 'an empty history (every step blocked) gets uniform weights (every score became -1e9) instead of zeros',
    fix: 'multiply the weights by the mask after the softmax: a history with no kept step must get all-zero weights and a zero output',
    source: attend(scaled, 'tf.softmax(tf.where(keep, scores, tf.fill(scores.shape, -1e9)))'),
    fixed: correct,
  },
  {
    id: 'target-mean',
    exercise: 'targetAttention',
    what: 'the weights ignore the candidate: every kept step gets the same weight (mean pooling of the history), so every candidate reads the same summary',
    fix: `weight the steps by a softmax of their scores history · candidate / √d: ${recipe}`,
    source: attend(scaled, "keep.cast('float32').div(keep.cast('float32').sum(-1, true).maximum(1))"),
    fixed: correct,
  },
];
