import * as tf from '@tensorflow/tfjs';

export function softmax(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const e = x.sub(x.max(-1, true)).exp();
    return e.div(e.sum(-1, true));
  });
}

export function scaledDotProductAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor): { output: tf.Tensor; weights: tf.Tensor } {
  return tf.tidy(() => {
    const dk = k.shape[k.shape.length - 1];
    const weights = softmax(tf.matMul(q, k, false, true).div(Math.sqrt(dk)));
    return { output: tf.matMul(weights, v), weights };
  });
}
