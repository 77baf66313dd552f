// Rotary position embedding, RoPE (Su et al. 2021, "RoFormer"): instead of adding a position
// vector to the input, every query and key is rotated by its own position. Feature pair
// (2i, 2i + 1) of the vector at position p is multiplied by lesson 05's block M_p, a rotation by
// p·ω_i with ω_i = 10000^(−2i/d). Since M_m M_nᵀ = M_(m−n), the score (q M_m)·(k M_n) = q M_(m−n) kᵀ
// depends on the offset m − n only, never on where the pair sits.
import * as tf from '@tensorflow/tfjs';

/** cos and sin of p·ω_i for positions offset … offset + length − 1 and pairs i < d/2: two [length, d/2] tables. */
function angles(length: number, dim: number, offset: number): { cos: tf.Tensor2D; sin: tf.Tensor2D } {
  const half = dim / 2;
  const cos = new Float32Array(length * half);
  const sin = new Float32Array(length * half);
  for (let p = 0; p < length; p++) {
    for (let i = 0; i < half; i++) {
      // in float64, rounded once, so large positions keep their precision
      const angle = (offset + p) / Math.pow(10000, (2 * i) / dim);
      cos[p * half + i] = Math.cos(angle);
      sin[p * half + i] = Math.sin(angle);
    }
  }
  return { cos: tf.tensor2d(cos, [length, half]), sin: tf.tensor2d(sin, [length, half]) };
}

/**
 * x [..., L, d] (d even) with row j at position positionOffset + j → each row times M_position:
 * [x_2i, x_2i+1] ↦ [x_2i cos + x_2i+1 sin, −x_2i sin + x_2i+1 cos] (row vectors, as in lesson 05).
 */
export function rotate(x: tf.Tensor, positionOffset = 0): tf.Tensor {
  const [length, dim] = x.shape.slice(-2);
  if (dim % 2 !== 0) throw new Error(`rotate: the last axis of x ${JSON.stringify(x.shape)} must be even (feature pairs are rotated)`);
  return tf.tidy(() => {
    const { cos, sin } = angles(length, dim, positionOffset);
    const pairs = tf.reshape(x, [...x.shape.slice(0, -1), dim / 2, 2]);
    const [even, odd] = tf.split(pairs, 2, -1).map((t) => tf.squeeze(t, [-1]));
    const rotatedEven = tf.add(tf.mul(even, cos), tf.mul(odd, sin));
    const rotatedOdd = tf.sub(tf.mul(odd, cos), tf.mul(even, sin));
    return tf.reshape(tf.stack([rotatedEven, rotatedOdd], -1), x.shape);
  });
}
