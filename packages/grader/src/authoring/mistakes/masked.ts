import { causalMask, maskedSoftmax, paddingMask } from '../../exercises/masked';
import type { Mistake } from './mistake';

export const maskMistakes: Mistake[] = [
  {
    id: 'padding-mask-off-by-one-long',
    exercise: 'paddingMask',
    what: 'the padding mask is off by one: it keeps one key too many (position j == validLen is kept)',
    fix: 'keep key position j exactly when j < validLen (strictly less)',
    source: `${paddingMask.signature} {
  return tf.tidy(() => tf.range(0, lk).reshape([1, lk]).lessEqual(tf.tensor1d(validLens).reshape([-1, 1])).cast('float32').expandDims(1));
}`,
  },
  {
    id: 'padding-mask-off-by-one-short',
    exercise: 'paddingMask',
    what: 'the padding mask is off by one: it blocks the last valid key (position validLen - 1)',
    fix: 'keep key position j exactly when j < validLen; positions are 0-based, so the last valid one is validLen - 1',
    source: `${paddingMask.signature} {
  return tf.tidy(() => tf.range(0, lk).reshape([1, lk]).less(tf.tensor1d(validLens).sub(1).reshape([-1, 1])).cast('float32').expandDims(1));
}`,
  },
  {
    id: 'padding-mask-inverted',
    exercise: 'paddingMask',
    what: "the padding mask is inverted (1 = blocked, PyTorch's key_padding_mask convention); attnlab masks are keep-masks",
    fix: 'return 1 where the key may be attended to (j < validLen) and 0 for padding',
    source: `${paddingMask.signature} {
  return tf.tidy(() => tf.range(0, lk).reshape([1, lk]).greaterEqual(tf.tensor1d(validLens).reshape([-1, 1])).cast('float32').expandDims(1));
}`,
  },
  {
    id: 'padding-mask-no-query-axis',
    exercise: 'paddingMask',
    what: 'the padding mask has shape [B, Lk]; it needs the query axis, [B, 1, Lk], to broadcast against scores [B, Lq, Lk]',
    fix: 'add the middle axis with .expandDims(1) (or reshape to [B, 1, Lk])',
    source: `${paddingMask.signature} {
  return tf.tidy(() => tf.range(0, lk).reshape([1, lk]).less(tf.tensor1d(validLens).reshape([-1, 1])).cast('float32'));
}`,
  },
  {
    id: 'causal-mask-transposed',
    exercise: 'causalMask',
    what: 'the causal mask is transposed (upper-triangular): each query sees the future and not the past',
    fix: 'query i (row) may see keys j <= i (columns): keep the lower triangle, tf.linalg.bandPart(ones, -1, 0)',
    source: `${causalMask.signature} {
  return tf.tidy(() => tf.linalg.bandPart(tf.ones([l, l]), 0, -1) as tf.Tensor2D);
}`,
  },
  {
    id: 'causal-mask-inverted',
    exercise: 'causalMask',
    what: 'the causal mask is inverted (1 = blocked); attnlab masks are keep-masks',
    fix: 'return 1 on and below the diagonal (the keys a query may see) and 0 above it',
    source: `${causalMask.signature} {
  return tf.tidy(() => tf.ones([l, l]).sub(tf.linalg.bandPart(tf.ones([l, l]), -1, 0)) as tf.Tensor2D);
}`,
  },
  {
    id: 'causal-mask-no-diagonal',
    exercise: 'causalMask',
    what: 'the causal mask blocks the diagonal: a query must be allowed to attend to its own position',
    fix: 'keep j <= i, not j < i',
    source: `${causalMask.signature} {
  return tf.tidy(() => tf.linalg.bandPart(tf.ones([l, l]), -1, 0).sub(tf.eye(l)) as tf.Tensor2D);
}`,
  },
  {
    id: 'mask-ignored',
    exercise: 'maskedSoftmax',
    what: 'the mask is ignored: blocked keys still get weight',
    fix: "replace the scores where mask == 0 by a very negative number (or -Infinity) before the softmax, e.g. tf.where(mask.cast('bool'), scores, tf.fill(scores.shape, -1e9))",
    source: `${maskedSoftmax.signature} {
  return tf.tidy(() => tf.softmax(scores));
}`,
  },
  {
    id: 'mask-after-softmax',
    exercise: 'maskedSoftmax',
    what: 'the mask is applied after the softmax: blocked weights are zeroed but the rows no longer sum to 1',
    fix: 'mask the scores before the softmax (so the remaining weights renormalise), not the weights after it',
    source: `${maskedSoftmax.signature} {
  return tf.tidy(() => tf.softmax(scores).mul(mask));
}`,
  },
  {
    id: 'mask-with-zero',
    exercise: 'maskedSoftmax',
    what: 'blocked scores are set to 0 (scores × mask) instead of −∞; exp(0) = 1, so blocked keys still get weight',
    fix: 'fill blocked scores with -Infinity (or -1e9) so their exp() is 0, e.g. tf.where(keep, scores, tf.fill(scores.shape, -Infinity))',
    source: `${maskedSoftmax.signature} {
  return tf.tidy(() => tf.softmax(scores.mul(mask)));
}`,
  },
  {
    id: 'nan-fully-masked',
    exercise: 'maskedSoftmax',
    what: 'a row whose keys are all blocked comes out as NaN (every score is −∞, so the softmax divides 0 by 0)',
    fix: 'after the softmax, set rows with no kept key to 0 (or divide by a row sum that is replaced by 1 when it is 0): the convention is all-zero weights',
    source: `${maskedSoftmax.signature} {
  return tf.tidy(() => {
    const filled = tf.where(mask.cast('bool'), scores, tf.fill(scores.shape, -Infinity));
    const e = filled.sub(filled.max(-1, true)).exp();
    return e.div(e.sum(-1, true));
  });
}`,
  },
  {
    id: 'uniform-fully-masked',
    exercise: 'maskedSoftmax',
    what: 'a row whose keys are all blocked gets uniform weights (every score became the same large negative number) instead of zeros',
    fix: 'multiply the result by the mask (or zero rows whose mask is all 0): fully blocked rows must get all-zero weights',
    source: `${maskedSoftmax.signature} {
  return tf.tidy(() => tf.softmax(tf.where(mask.cast('bool'), scores, tf.fill(scores.shape, -1e9))));
}`,
  },
  {
    id: 'masked-unstable-softmax',
    exercise: 'maskedSoftmax',
    what: 'the masked softmax is not numerically stable: exp() of large scores overflows and gives NaN',
    fix: 'subtract the row maximum (over kept keys) before exp()',
    source: `${maskedSoftmax.signature} {
  return tf.tidy(() => {
    const e = tf.where(mask.cast('bool'), scores.exp(), tf.zerosLike(scores));
    const sum = e.sum(-1, true);
    return e.div(tf.where(sum.greater(0), sum, tf.onesLike(sum)));
  });
}`,
  },
  {
    id: 'masked-softmax-wrong-axis',
    exercise: 'maskedSoftmax',
    what: 'the softmax normalises over the wrong axis (axis -2, the queries) instead of the keys (the last axis)',
    fix: 'take max and sum over axis -1 with keepDims = true',
    source: `${maskedSoftmax.signature} {
  return tf.tidy(() => {
    const keep = tf.broadcastTo(mask, scores.shape).cast('bool');
    const filled = tf.where(keep, scores, tf.fill(scores.shape, -1e9));
    const e = tf.where(keep, filled.sub(filled.max(-2, true)).exp(), tf.zerosLike(scores));
    const sum = e.sum(-2, true);
    return e.div(tf.where(sum.greater(0), sum, tf.onesLike(sum)));
  });
}`,
  },
];
