// Additive attention as a decoder step uses it (Bahdanau, Cho & Bengio 2015): the decoder's
// state asks which encoder outputs to read, and gets one context vector back.
//   score_j = wv · tanh(state · Wq + h_j · Wk),  weights = masked softmax over j,  context = Σ_j weights_j h_j
import * as tf from '@tensorflow/tfjs';

export interface BahdanauParams {
  /** [ds, h] */
  Wq: tf.Tensor2D;
  /** [de, h] */
  Wk: tf.Tensor2D;
  /** [h] */
  wv: tf.Tensor1D;
}

/**
 * The context from keys already projected: queryProjected = state · Wq [B, h], keysProjected =
 * encoderOutputs · Wk [B, L, h]. A decoder computes keysProjected once per input and reuses it at
 * every output step; only the query changes. keep [B, L] is 1 on characters, 0 on padding; a row
 * with nothing kept gets zero weights and a zero context.
 */
export function contextFromProjected(
  queryProjected: tf.Tensor2D,
  keysProjected: tf.Tensor3D,
  wv: tf.Tensor1D,
  encoderOutputs: tf.Tensor3D,
  keep: tf.Tensor2D,
): { context: tf.Tensor2D; weights: tf.Tensor2D } {
  return tf.tidy(() => {
    const [b, l, h] = keysProjected.shape;
    const features = tf.tanh(tf.add(tf.expandDims(queryProjected, 1), keysProjected)); // [B, L, h]
    const scores = tf.reshape(tf.matMul(tf.reshape(features, [b * l, h]), tf.reshape(wv, [h, 1])), [b, l]);
    // Blocked scores sink to -1e9 before the softmax; multiplying by keep after it zeroes a row that keeps nothing.
    const weights = tf.mul(tf.softmax(tf.add(scores, tf.mul(tf.sub(1, keep), -1e9))), keep) as tf.Tensor2D;
    const context = tf.reshape(tf.matMul(tf.expandDims(weights, 1), encoderOutputs), [b, encoderOutputs.shape[2]]) as tf.Tensor2D;
    return { context, weights };
  });
}

/** state [B, ds], encoderOutputs [B, L, de], mask [B, L] (1 = keep; all kept when left out) → context [B, de], weights [B, L]. */
export function bahdanauContext(state: tf.Tensor2D, encoderOutputs: tf.Tensor3D, params: BahdanauParams, mask?: tf.Tensor2D): { context: tf.Tensor2D; weights: tf.Tensor2D } {
  return tf.tidy(() => {
    const [b, l, de] = encoderOutputs.shape;
    const keysProjected = tf.reshape(tf.matMul(tf.reshape(encoderOutputs, [b * l, de]), params.Wk), [b, l, -1]) as tf.Tensor3D;
    const keep = mask ?? (tf.ones([b, l]) as tf.Tensor2D);
    return contextFromProjected(tf.matMul(state, params.Wq), keysProjected, params.wv, encoderOutputs, keep);
  });
}
