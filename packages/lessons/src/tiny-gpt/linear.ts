// The dense layer of the Transformer's projections, x · W + b over the last axis.
import * as tf from '@tensorflow/tfjs';

/**
 * x2 [N, d] · W [d, e] with the gradients written as untransposed products of explicitly
 * transposed operands. TF.js's own gradient multiplies with transposeA / transposeB, which the
 * wasm backend runs outside its fast 2-D kernel: for a [640, 128] by [640, 32] product that took
 * 6 ms instead of well under 1 ms, most of a training step of this lesson's model.
 */
const product = tf.customGrad((x2, W, save) => {
  (save as tf.GradSaveFunc)([x2 as tf.Tensor, W as tf.Tensor]);
  return {
    value: tf.matMul(x2 as tf.Tensor2D, W as tf.Tensor2D),
    gradFunc: (dy: tf.Tensor | tf.Tensor[], [savedX, savedW]: tf.Tensor[]) => [
      tf.matMul(dy as tf.Tensor2D, tf.transpose(savedW) as tf.Tensor2D),
      tf.matMul(tf.transpose(savedX) as tf.Tensor2D, dy as tf.Tensor2D),
    ],
  };
});

/**
 * x [..., d] · W [d, e] + b [e] → [..., e], as one 2-D product on the flattened batch: a
 * broadcast [B, L, d] × [d, e] matMul has wrong gradients for W in TF.js 4.22.
 */
export function linear(x: tf.Tensor, W: tf.Tensor, b?: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const y = tf.reshape(product(tf.reshape(x, [-1, W.shape[0] as number]), W), [...x.shape.slice(0, -1), W.shape[1] as number]);
    return b ? tf.add(y, b) : y;
  });
}
