import * as tf from '@tensorflow/tfjs';

export function positionalEncoding(length: number, dim: number): tf.Tensor2D {
  return tf.tidy(() => {
    const positions = tf.range(0, length).reshape([length, 1]);
    const pairIndex = tf.range(0, dim, 2);
    const angles = positions.div(tf.pow(10000, pairIndex.div(dim)).reshape([1, -1])); // [L, dim/2]
    return tf.stack([angles.sin(), angles.cos()], 2).reshape([length, dim]) as tf.Tensor2D;
  });
}

/** M_k: block-diagonal rotations with PE(p + k) = PE(p) · M_k (row vectors). */
export function shiftMatrix(k: number, dim: number): tf.Tensor2D {
  const m = tf.buffer([dim, dim]);
  for (let i = 0; i < dim / 2; i++) {
    const angle = k / Math.pow(10000, (2 * i) / dim);
    m.set(Math.cos(angle), 2 * i, 2 * i);
    m.set(-Math.sin(angle), 2 * i, 2 * i + 1);
    m.set(Math.sin(angle), 2 * i + 1, 2 * i);
    m.set(Math.cos(angle), 2 * i + 1, 2 * i + 1);
  }
  return m.toTensor() as tf.Tensor2D;
}
