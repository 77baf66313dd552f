// Rotary position embedding, RoPE (Su et al. 2021, "RoFormer"): instead of adding a position
// vector to the input, every query and key is rotated by its own position. Feature pair
// (2i, 2i + 1) of the vector at position p is multiplied by lesson 05's block M_p, a rotation by
// p·ω_i with ω_i = 10000^(−2i/d). Since M_m M_nᵀ = M_(m−n), the score (q M_m)·(k M_n) = q M_(m−n) kᵀ
// depends on the offset m − n only, never on where the pair sits.
import * as tf from '@tensorflow/tfjs';

/**
 * For positions offset … offset + length − 1, [length, d] tables C and S and the [d, d] swap P
 * with x M_p = x ∘ C_p + (x P) ∘ S_p: C_p holds cos p·ω_i in both columns of pair i, S_p holds
 * +sin p·ω_i in column 2i and −sin p·ω_i in column 2i + 1, and x P swaps each pair's columns.
 */
function rotationTables(length: number, dim: number, offset: number): { cos: tf.Tensor2D; sin: tf.Tensor2D; swap: tf.Tensor2D } {
  const cos = new Float32Array(length * dim);
  const sin = new Float32Array(length * dim);
  for (let p = 0; p < length; p++) {
    for (let i = 0; i < dim / 2; i++) {
      // in float64, rounded once, so large positions keep their precision
      const angle = (offset + p) / Math.pow(10000, (2 * i) / dim);
      cos[p * dim + 2 * i] = cos[p * dim + 2 * i + 1] = Math.cos(angle);
      sin[p * dim + 2 * i] = Math.sin(angle);
      sin[p * dim + 2 * i + 1] = -Math.sin(angle);
    }
  }
  const swap = new Float32Array(dim * dim);
  for (let c = 0; c < dim; c++) swap[(c ^ 1) * dim + c] = 1;
  return { cos: tf.tensor2d(cos, [length, dim]), sin: tf.tensor2d(sin, [length, dim]), swap: tf.tensor2d(swap, [dim, dim]) };
}

/**
 * x [..., L, d] (d even) with row j at position positionOffset + j → each row times M_position:
 * [x_2i, x_2i+1] ↦ [x_2i cos + x_2i+1 sin, −x_2i sin + x_2i+1 cos] (row vectors, as in lesson 05).
 */
export function rotate(x: tf.Tensor, positionOffset = 0): tf.Tensor {
  const [length, dim] = x.shape.slice(-2) as [number, number];
  if (dim % 2 !== 0) throw new Error(`rotate: the last axis of x ${JSON.stringify(x.shape)} must be even (feature pairs are rotated)`);
  return tf.tidy(() => {
    const { cos, sin, swap } = rotationTables(length, dim, positionOffset);
    // elementwise products and one 2-D matMul: the fast kernels on every backend
    const swapped = tf.reshape(tf.matMul(tf.reshape(x, [-1, dim]), swap), x.shape);
    return tf.add(tf.mul(x, cos), tf.mul(swapped, sin));
  });
}
