// The position-wise feed-forward network of a Transformer block (Vaswani et al. 2017): the same
// two-layer network applied to every token on its own, widening to 4E features with a ReLU between.
import * as tf from '@tensorflow/tfjs';
import { linear } from './linear';

/** W1 [E, F], b1 [F], W2 [F, E], b2 [E]; F = 4E in this course. */
export interface FeedForwardParams {
  W1: tf.Tensor;
  b1: tf.Tensor;
  W2: tf.Tensor;
  b2: tf.Tensor;
}

/** x [..., E] → relu(x · W1 + b1) · W2 + b2 [..., E]. */
export function feedForward(ffn: FeedForwardParams, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => linear(tf.relu(linear(x, ffn.W1, ffn.b1)), ffn.W2, ffn.b2));
}
