// Reference implementations the benchmark measures attnlab against: the straightforward
// versions a learner writes first. Inputs are [B, H, L, d] float32, row-major.
import * as tf from '@tensorflow/tfjs';

/**
 * Unfused TF.js: one small matMul/softmax/matMul per (batch, head), every intermediate kept
 * alive until the end (no tf.tidy), the way code without tidy discipline behaves.
 */
export function naiveTfjsAttention(q: tf.Tensor4D, k: tf.Tensor4D, v: tf.Tensor4D, mask?: tf.Tensor2D): tf.Tensor {
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
      let scores = keep(tf.div(keep(tf.matMul(qi, keep(tf.transpose(ki)))), Math.sqrt(d)));
      if (mask) scores = keep(tf.where(keep(tf.cast(mask, 'bool')), scores, keep(tf.fill(scores.shape, -1e9))));
      heads.push(keep(tf.matMul(keep(tf.softmax(scores)), vi)));
    }
  }
  const output = tf.reshape(keep(tf.stack(heads)), [B, H, L, dv]);
  tf.dispose(garbage);
  return output;
}

/** Plain JavaScript: loops over batch, head, query, key and feature in float64 accumulators. */
export function plainJsAttention(
  q: Float32Array,
  k: Float32Array,
  v: Float32Array,
  [B, H, L, Lk, d, dv]: [number, number, number, number, number, number],
  causal: boolean,
): Float32Array {
  const out = new Float32Array(B * H * L * dv);
  const row = new Float64Array(Lk);
  const scale = 1 / Math.sqrt(d);
  for (let bh = 0; bh < B * H; bh++) {
    const qo = bh * L * d;
    const ko = bh * Lk * d;
    const vo = bh * Lk * dv;
    for (let i = 0; i < L; i++) {
      const limit = causal ? Math.min(i + 1, Lk) : Lk;
      let max = -Infinity;
      for (let j = 0; j < limit; j++) {
        let s = 0;
        for (let c = 0; c < d; c++) s += q[qo + i * d + c] * k[ko + j * d + c];
        row[j] = s * scale;
        if (row[j] > max) max = row[j];
      }
      let sum = 0;
      for (let j = 0; j < limit; j++) {
        row[j] = Math.exp(row[j] - max);
        sum += row[j];
      }
      const o = (bh * L + i) * dv;
      for (let j = 0; j < limit; j++) {
        const w = row[j] / sum;
        for (let c = 0; c < dv; c++) out[o + c] += w * v[vo + j * dv + c];
      }
    }
  }
  return out;
}
