import * as tf from '@tensorflow/tfjs';
import { maskedSoftmax } from './masked';
import { softmax } from './scaled-dot-product';

export function splitHeads(x: tf.Tensor, numHeads: number): tf.Tensor {
  return tf.tidy(() => {
    const [b, l, width] = x.shape;
    return x.reshape([b, l, numHeads, width / numHeads]).transpose([0, 2, 1, 3]);
  });
}

export function mergeHeads(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [b, h, l, d] = x.shape;
    return x.transpose([0, 2, 1, 3]).reshape([b, l, h * d]);
  });
}

interface Params { Wq: tf.Tensor; Wk: tf.Tensor; Wv: tf.Tensor; Wo: tf.Tensor; bq?: tf.Tensor; bk?: tf.Tensor; bv?: tf.Tensor; bo?: tf.Tensor }

function project(x: tf.Tensor, w: tf.Tensor, b?: tf.Tensor): tf.Tensor {
  const y = tf.matMul(x, w);
  return b ? y.add(b) : y;
}

export function multiHeadAttention(query: tf.Tensor, key: tf.Tensor, value: tf.Tensor, params: Params, numHeads: number, mask?: tf.Tensor): { output: tf.Tensor; weights: tf.Tensor } {
  return tf.tidy(() => {
    const q = splitHeads(project(query, params.Wq, params.bq), numHeads);
    const k = splitHeads(project(key, params.Wk, params.bk), numHeads);
    const v = splitHeads(project(value, params.Wv, params.bv), numHeads);
    const scores = tf.matMul(q, k, false, true).div(Math.sqrt(q.shape[3]!));
    const weights = mask ? maskedSoftmax(scores, mask.rank === 3 ? mask.expandDims(1) : mask) : softmax(scores);
    const output = project(mergeHeads(tf.matMul(weights, v)), params.Wo, params.bo);
    return { output, weights };
  });
}
