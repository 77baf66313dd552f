// Layer normalisation (Ba, Kiros & Hinton 2016): each token's features are shifted to mean 0 and
// scaled to variance 1, then given a learned scale gamma and shift beta. It normalises every token
// on its own, so it behaves the same for any batch size and any sequence length.
import * as tf from '@tensorflow/tfjs';

/** Gain and bias of one layer normalisation, both [E]. */
export interface LayerNormParams {
  gamma: tf.Tensor;
  beta: tf.Tensor;
}

/**
 * x [..., E] → gamma · (x − mean) / √(var + eps) + beta over the last axis, with the biased
 * variance (divided by E, as PyTorch's nn.LayerNorm).
 */
export function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, eps = 1e-5): tf.Tensor {
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, -1, true);
    return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, eps))), gamma), beta);
  });
}
