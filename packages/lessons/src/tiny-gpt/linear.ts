// The dense layer of the Transformer's projections, x · W + b over the last axis.
import * as tf from '@tensorflow/tfjs';

/**
 * x [..., d] · W [d, e] + b [e] → [..., e], as one 2-D product on the flattened batch: a
 * broadcast [B, L, d] × [d, e] matMul has wrong gradients for W in TF.js 4.22.
 */
export function linear(x: tf.Tensor, W: tf.Tensor, b?: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const y = tf.reshape(tf.matMul(tf.reshape(x, [-1, W.shape[0] as number]), W), [...x.shape.slice(0, -1), W.shape[1] as number]);
    return b ? tf.add(y, b) : y;
  });
}
