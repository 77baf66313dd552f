// Sinusoidal positional encoding (Vaswani et al., 2017, "Attention Is All You Need").
import * as tf from '@tensorflow/tfjs';

/**
 * [length, dim] table with PE[p, 2i] = sin(p / 10000^(2i/dim)) and
 * PE[p, 2i+1] = cos(p / 10000^(2i/dim)): sine and cosine interleaved, one frequency per
 * pair of columns. An odd dim ends with a lone sine column.
 */
export function positionalEncoding(length: number, dim: number): tf.Tensor2D {
  for (const [name, n] of Object.entries({ length, dim })) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`positionalEncoding: ${name} must be a positive integer, got ${n}`);
  }
  // Computed in float64 and rounded once, so large positions keep their precision.
  const data = new Float32Array(length * dim);
  for (let p = 0; p < length; p++) {
    for (let c = 0; c < dim; c++) {
      const angle = p / Math.pow(10000, (c - (c % 2)) / dim);
      data[p * dim + c] = c % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return tf.tensor2d(data, [length, dim]);
}
