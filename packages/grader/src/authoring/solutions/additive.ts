import * as tf from '@tensorflow/tfjs';
import { softmax } from './scaled-dot-product';

export function additiveScores(q: tf.Tensor, k: tf.Tensor, Wq: tf.Tensor, Wk: tf.Tensor, wv: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const qh = tf.matMul(q, Wq).expandDims(-2); // [..., Lq, 1, h]
    const kh = tf.matMul(k, Wk).expandDims(-3); // [..., 1, Lk, h]
    return qh.add(kh).tanh().mul(wv).sum(-1);
  });
}

export function additiveAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, Wq: tf.Tensor, Wk: tf.Tensor, wv: tf.Tensor): { output: tf.Tensor; weights: tf.Tensor } {
  return tf.tidy(() => {
    const weights = softmax(additiveScores(q, k, Wq, Wk, wv));
    return { output: tf.matMul(weights, v), weights };
  });
}
