import * as tf from '@tensorflow/tfjs';

export function positionalEncoding(length: number, dim: number): tf.Tensor2D {
  return tf.tidy(() => {
    const positions = tf.range(0, length).reshape([length, 1]);
    const pairIndex = tf.range(0, dim, 2);
    const angles = positions.div(tf.pow(10000, pairIndex.div(dim)).reshape([1, -1])); // [L, dim/2]
    return tf.stack([angles.sin(), angles.cos()], 2).reshape([length, dim]) as tf.Tensor2D;
  });
}
