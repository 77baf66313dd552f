import * as tf from '@tensorflow/tfjs';

export function paddingMask(validLens: number[], lk: number): tf.Tensor {
  return tf.tidy(() => {
    const positions = tf.range(0, lk).reshape([1, lk]);
    const lens = tf.tensor1d(validLens).reshape([validLens.length, 1]);
    return positions.less(lens).cast('float32').expandDims(1);
  });
}

export function causalMask(l: number): tf.Tensor2D {
  return tf.tidy(() => tf.linalg.bandPart(tf.ones([l, l]), -1, 0) as tf.Tensor2D);
}

export function maskedSoftmax(scores: tf.Tensor, mask: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const keep = mask.cast('bool');
    const filled = tf.where(keep, scores, tf.fill(scores.shape, -Infinity));
    const rowMax = filled.max(-1, true);
    const safeMax = tf.where(rowMax.isFinite(), rowMax, tf.zerosLike(rowMax));
    const e = tf.where(keep, scores.sub(safeMax).exp(), tf.zerosLike(scores));
    const sum = e.sum(-1, true);
    return e.div(tf.where(sum.greater(0), sum, tf.onesLike(sum)));
  });
}
