// Softmax over the last axis that honours a keep-mask.
import * as tf from '@tensorflow/tfjs';
import { assertBroadcastsTo, assertMinRank } from './shapes';

/**
 * Softmax over the last axis of `scores`, where `mask` (1/true = keep, 0/false = blocked,
 * any shape broadcasting to `scores`) removes entries. Blocked entries get exactly 0; a row
 * with every key blocked gets all zeros, not NaN. Stable: the row maximum of the kept
 * entries is subtracted before exponentiating, so logits in the thousands do not overflow.
 */
export function maskedSoftmax(scores: tf.Tensor, mask?: tf.Tensor): tf.Tensor {
  const fn = 'maskedSoftmax';
  assertMinRank(fn, 'scores', scores, 1, '[..., Lk]');
  if (mask) assertBroadcastsTo(fn, 'mask', mask.shape, 'scores', scores.shape);
  return tf.tidy(() => {
    const x = scores.toFloat();
    if (!mask) {
      const shifted = tf.sub(x, tf.max(x, -1, true));
      const e = tf.exp(shifted);
      return tf.div(e, tf.sum(e, -1, true));
    }
    const keep = mask.dtype === 'bool' ? mask : tf.notEqual(mask, 0);
    // Decided from the mask alone, so no comparison of scores sits on the gradient path.
    const anyKept = tf.any(tf.broadcastTo(keep, x.shape), -1, true);
    // An all-blocked row has max -Infinity; any finite shift will do, its entries are dropped.
    const shift = tf.where(anyKept, tf.max(tf.where(keep, x, -Infinity), -1, true), 0);
    // Blocked entries become exp(-Infinity) = 0 *before* exponentiating, so neither the value
    // nor the gradient can meet Infinity * 0.
    const e = tf.exp(tf.where(keep, tf.sub(x, shift), -Infinity));
    return tf.div(e, tf.where(anyKept, tf.sum(e, -1, true), 1));
  });
}
