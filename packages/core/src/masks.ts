// Keep-masks: 1 means the query may attend to the key, 0 means blocked. (PyTorch's
// nn.MultiheadAttention uses the opposite, bool true = blocked; convert with tf.logicalNot.)
import * as tf from '@tensorflow/tfjs';

function assertLength(fn: string, name: string, n: number): void {
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`${fn}: ${name} must be a positive integer, got ${n}`);
  }
}

/**
 * Mask that lets each query see only the first `validLens` keys of its sequence (the rest
 * is padding). 1-D validLens [B] gives [B, 1, Lk] (one length per sequence, shared by all
 * queries); 2-D validLens [B][Lq] gives [B, Lq, Lk] (one length per query).
 */
export function paddingMask(validLens: number[] | number[][], lk: number): tf.Tensor {
  const fn = 'paddingMask';
  assertLength(fn, 'lk', lk);
  if (!Array.isArray(validLens) || validLens.length === 0) {
    throw new Error(`${fn}: validLens must be a non-empty array of lengths ([B] or [B][Lq])`);
  }
  const nested = Array.isArray(validLens[0]);
  const rows = (nested ? validLens : [validLens]) as unknown[];
  const lq = nested ? (rows[0] as unknown[]).length : 1;
  const lens: number[] = [];
  rows.forEach((row, b) => {
    if (!Array.isArray(row) || (nested && row.length !== lq)) {
      throw new Error(`${fn}: validLens must be rectangular: row ${b} has ${Array.isArray(row) ? row.length : 'no'} entries, row 0 has ${lq}`);
    }
    for (const n of row) {
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > lk) {
        throw new Error(`${fn}: validLens entries must be integers in [0, lk=${lk}], got ${n}`);
      }
      lens.push(n);
    }
  });
  const data = new Float32Array(lens.length * lk);
  lens.forEach((n, r) => data.fill(1, r * lk, r * lk + n));
  const batch = nested ? rows.length : lens.length;
  return tf.tensor3d(data, [batch, lq, lk]);
}

/**
 * Lower-triangular keep-mask [Lq, Lk]: query i may attend to keys 0..i (top-left aligned,
 * like torch.tril). Used for self-attention in autoregressive decoders.
 */
export function causalMask(lq: number, lk: number = lq): tf.Tensor2D {
  assertLength('causalMask', 'lq', lq);
  assertLength('causalMask', 'lk', lk);
  const data = new Float32Array(lq * lk);
  for (let i = 0; i < lq; i++) data.fill(1, i * lk, i * lk + Math.min(i + 1, lk));
  return tf.tensor2d(data, [lq, lk]);
}
