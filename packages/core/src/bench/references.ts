// The reference the benchmark measures attnlab against: the straightforward version a learner
// writes first. Inputs are [B, H, L, d] float32.
import * as tf from '@tensorflow/tfjs';

/**
 * Unfused TF.js: one small matMul/softmax/matMul per (batch, head), every intermediate kept
 * alive until the end (no tf.tidy), the way code without tidy discipline behaves.
 */
export function naiveTfjsAttention(q: tf.Tensor4D, k: tf.Tensor4D, v: tf.Tensor4D): tf.Tensor {
  const [B, H, L, d] = q.shape;
  const Lk = k.shape[2];
  const dv = v.shape[3];
  const garbage: tf.Tensor[] = [];
  const keep = <T extends tf.Tensor>(t: T): T => {
    garbage.push(t);
    return t;
  };
  const heads: tf.Tensor[] = [];
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < H; h++) {
      const qi = keep(tf.reshape(keep(tf.slice(q, [b, h, 0, 0], [1, 1, L, d])), [L, d]));
      const ki = keep(tf.reshape(keep(tf.slice(k, [b, h, 0, 0], [1, 1, Lk, d])), [Lk, d]));
      const vi = keep(tf.reshape(keep(tf.slice(v, [b, h, 0, 0], [1, 1, Lk, dv])), [Lk, dv]));
      const scores = keep(tf.div(keep(tf.matMul(qi, keep(tf.transpose(ki)))), Math.sqrt(d)));
      heads.push(keep(tf.matMul(keep(tf.softmax(scores)), vi)));
    }
  }
  const output = tf.reshape(keep(tf.stack(heads)), [B, H, L, dv]);
  tf.dispose(garbage);
  return output;
}
