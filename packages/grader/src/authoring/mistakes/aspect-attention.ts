import { aspectAttention } from '../../exercises/aspect-attention';
import { MASKED_SOFTMAX, maskedPoolingMistakes, SCALED } from './masked-pooling';
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

const correct = attention(SCALED, MASKED_SOFTMAX);

export const aspectAttentionMistakes: Mistake[] = [
  ...maskedPoolingMistakes({
    exercise: 'aspectAttention',
    prefix: 'aspect',
    build: (scores, weights) => attention(scores, weights),
    scores: 'h · q',
    d: 'the last dimension of h (and of each aspect query)',
    unit: 'position',
    leaksInto: 'every aspect\u2019s output',
    maskShape: ' (the mask [B, L] as [B, 1, L], shared by all aspects)',
    empty: { what: 'a message whose positions are all blocked', id: 'fully-masked', none: 'a message with no kept position' },
    mean: {
      ignores: 'the aspect queries',
      average: 'a plain average of h',
      so: 'every aspect reads the same vector',
      fix: 'h · q / √d, one row per aspect',
    },
  }),
  {
    id: 'aspect-softmax-over-aspects',
    exercise: 'aspectAttention',
    what: 'the softmax normalises over the aspects (axis 1) instead of the positions: each token shares one unit of weight among the aspects, so an aspect\u2019s weights do not sum to 1',
    fix: `take the softmax over the last axis, the L positions of the message: ${MASKED_SOFTMAX}`,
    source: attention(SCALED, "tf.softmax(tf.where(keep, scores, tf.fill(scores.shape, -1e9)).transpose([0, 2, 1])).transpose([0, 2, 1]).mul(keep.cast('float32'))"),
    fixed: correct,
  },
  {
    id: 'aspect-reshape-not-transpose',
    exercise: 'aspectAttention',
    what: 'the aspects are mixed up: the scores [B, L, A] were reshaped to [B, A, L] instead of transposed, so each aspect row holds scores of other aspects and other positions',
    fix: 'reorder the axes with .transpose([0, 2, 1]) after reshaping the product to [B, L, A]; a reshape keeps the memory order and only relabels it',
    source: attention(SCALED, MASKED_SOFTMAX, 'tf.matMul(h.reshape([b * l, d]), aspects, false, true).reshape([b, a, l])'),
    fixed: correct,
  },
];
