// Seeded Glorot/Xavier uniform initialisation (Glorot & Bengio, 2010), so a model built
// with the same seed has the same weights in every run and on every backend.
import * as tf from '@tensorflow/tfjs';

/** Uniform in ±√(6 / (fanIn + fanOut)); a vector [n] counts as a column [n, 1]. */
export function glorotUniform(shape: [number, number] | [number], seed: number): tf.Tensor {
  const [fanIn, fanOut] = shape.length === 2 ? shape : [shape[0], 1];
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return tf.randomUniform(shape, -limit, limit, 'float32', seed);
}
