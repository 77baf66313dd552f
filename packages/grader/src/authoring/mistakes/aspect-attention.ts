import { aspectAttention } from '../../exercises/aspect-attention';
import type { Mistake } from './mistake';

/** The scores [B, A, L] as the exercise wants them: every aspect against every token, then transposed. */
const transposed = 'tf.matMul(h.reshape([b * l, d]), aspects, false, true).reshape([b, l, a]).transpose([0, 2, 1])';

/**
 * aspectAttention from `raw` scores [B, A, L] (with b, l, d, a in scope), `scores` made from
 * them and `weights` from those (keep: the mask as a bool [B, A, L]); output = weights · h.
 */
function attention(scores: string, weights: string, raw = transposed): string {
  return `${aspectAttention.signature} {
  return tf.tidy(() => {
    const [b, l, d] = h.shape;
    const a = aspects.shape[0];
    const raw = ${raw};
    const keep = mask ? tf.broadcastTo(mask.expandDims(1), [b, a, l]).cast('bool') : tf.onesLike(raw).cast('bool');
    const scores = ${scores};
    const weights = ${weights};
    return { output: tf.matMul(weights, h), weights };
  });
}`;
}

const scaled = 'raw.div(Math.sqrt(d))';
/** The recipe the masking hints lead to: blocked scores to -1e9, softmax over positions, then zero what the mask blocks. */
const recipe = "tf.softmax(tf.where(keep, scores, tf.fill(scores.shape, -1e9))).mul(keep.cast('float32'))";
const correct = attention(scaled, recipe);

export const aspectAttentionMistakes: Mistake[] = [
  {
    id: 'aspect-no-scaling',
    exercise: 'aspectAttention',
    what: 'the scores h · q are not scaled by 1/√d, so the weights are too peaked',
    fix: 'divide the scores by Math.sqrt(d), where d is the last dimension of h (and of each aspect query)',
    source: attention('raw', recipe),
    fixed: correct,
  },
  {
    id: 'aspect-scale-by-d',
    exercise: 'aspectAttention',
    what: 'the scores are divided by d instead of √d',
    fix: 'divide by Math.sqrt(d): a dot product of d terms has a standard deviation that grows like √d',
    source: attention('raw.div(d)', recipe),
    fixed: correct,
  },
  {
    id: 'aspect-softmax-over-aspects',
    exercise: 'aspectAttention',
    what: 'the softmax normalises over the aspects (axis 1) instead of the positions: each token shares one unit of weight among the aspects, so an aspect\u2019s weights do not sum to 1',
    fix: `take the softmax over the last axis, the L positions of the message: ${recipe}`,
    source: attention(scaled, "tf.softmax(tf.where(keep, scores, tf.fill(scores.shape, -1e9)).transpose([0, 2, 1])).transpose([0, 2, 1]).mul(keep.cast('float32'))"),
    fixed: correct,
  },
  {
    id: 'aspect-reshape-not-transpose',
    exercise: 'aspectAttention',
    what: 'the aspects are mixed up: the scores [B, L, A] were reshaped to [B, A, L] instead of transposed, so each aspect row holds scores of other aspects and other positions',
    fix: 'reorder the axes with .transpose([0, 2, 1]) after reshaping the product to [B, L, A]; a reshape keeps the memory order and only relabels it',
    source: attention(scaled, recipe, 'tf.matMul(h.reshape([b * l, d]), aspects, false, true).reshape([b, a, l])'),
    fixed: correct,
  },
  {
    id: 'aspect-mask-ignored',
    exercise: 'aspectAttention',
    what: 'the padding mask is ignored: padding positions get weight and their vectors leak into every aspect\u2019s output',
    fix: `fill blocked scores with -1e9 before the softmax and multiply the weights by the mask after it (the mask [B, L] as [B, 1, L], shared by all aspects): ${recipe}`,
    source: attention(scaled, 'tf.softmax(scores)'),
    fixed: correct,
  },
  {
    id: 'aspect-mask-after-softmax',
    exercise: 'aspectAttention',
    what: 'the mask is applied only after the softmax: blocked weights are zeroed but the kept ones no longer sum to 1',
    fix: `also mask the scores before the softmax (blocked scores to -1e9, so the kept weights renormalise), keeping the multiplication by the mask after it: ${recipe}`,
    source: attention(scaled, "tf.softmax(scores).mul(keep.cast('float32'))"),
    fixed: correct,
  },
  {
    id: 'aspect-nan-fully-masked',
    exercise: 'aspectAttention',
    what: 'a message whose positions are all blocked comes out as NaN (every score is −∞, so the softmax divides 0 by 0)',
    fix: 'after the softmax, give rows with no kept position all-zero weights: tf.where(keep.any(-1, true), weights, tf.zerosLike(weights))',
    source: attention(scaled, 'tf.softmax(tf.where(keep, scores, tf.fill(scores.shape, -Infinity)))'),
    fixed: attention(scaled, 'tf.where(keep.any(-1, true), tf.softmax(tf.where(keep, scores, tf.fill(scores.shape, -Infinity))), tf.zerosLike(scores))'),
  },
  {
    id: 'aspect-uniform-fully-masked',
    exercise: 'aspectAttention',
    what: 'a message whose positions are all blocked gets uniform weights (every score became -1e9) instead of zeros',
    fix: 'multiply the weights by the mask after the softmax: a message with no kept position must get all-zero weights and a zero output',
    source: attention(scaled, 'tf.softmax(tf.where(keep, scores, tf.fill(scores.shape, -1e9)))'),
    fixed: correct,
  },
  {
    id: 'aspect-mean',
    exercise: 'aspectAttention',
    what: 'the weights ignore the aspect queries: every kept position gets the same weight (a plain average of h), so every aspect reads the same vector',
    fix: `weight the positions by a softmax of their scores h · q / √d, one row per aspect: ${recipe}`,
    source: attention(scaled, "keep.cast('float32').div(keep.cast('float32').sum(-1, true).maximum(1))"),
    fixed: correct,
  },
];
