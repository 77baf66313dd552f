// How softmax(q kᵀ · scale, mask) v is computed for [..., L, d] inputs, per backend.
//
// Batched ops are the natural way, but the wasm backend's BatchMatMul kernel only takes its
// fast XNNPACK path for a single untransposed 2-D product; batched or transposed products
// fall back to a plain loop that is 3-6x slower on attention-sized matrices (tfjs 4.22,
// B=1 H=8 L=512 d=64: 411 ms batched vs 65 ms as 8 separate 2-D pipelines). So on wasm,
// large problems run as one 2-D pipeline per batch entry, slicing only the inputs (wasm's
// Slice copies its whole source, so slicing the larger [Lq, Lk] weights would cost more).
import * as tf from '@tensorflow/tfjs';
import { PreparedMask, prepareMask, softmaxPrepared } from './masked-softmax';
import { dim } from './shapes';

const PER_ENTRY_MIN_WORK = 1 << 19; // Lq·dk·Lk above which per-entry pipelines win on wasm

export interface Attended {
  output: tf.Tensor;
  weights: tf.Tensor;
}

/**
 * Inputs already validated: q [..., Lq, dk], k [..., Lk, dk], v [..., Lk, dv], same batch
 * dims, `mask` a keep-mask broadcasting to the scores; `causal` ANDs in causalMask(Lq, Lk).
 */
export function attend(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, scale: number, mask?: tf.Tensor, causal = false): Attended {
  const batch = q.shape.slice(0, -2);
  const count = batch.reduce((x, y) => x * y, 1);
  const work = dim(q, -2) * dim(q, -1) * dim(k, -2);
  const triangle: [number, number] | undefined = causal ? [dim(q, -2), dim(k, -2)] : undefined;
  if (tf.getBackend() === 'wasm' && count > 1 && work >= PER_ENTRY_MIN_WORK) {
    return attendPerEntry(q, k, v, scale, mask, triangle);
  }
  return tf.tidy(() => {
    // Scaling q ([Lq, dk]) rather than the scores ([Lq, Lk]) touches fewer numbers; the inner
    // tidy frees the scores before the second product, lowering peak memory.
    const weights = tf.tidy(() => softmaxPrepared(tf.matMul(tf.mul(q, scale), k, false, true), prepareMask(mask, triangle)));
    return { output: tf.matMul(weights, v), weights };
  });
}

/** Entry i of x [N, r, c] as a 2-D tensor [r, c]. */
function entry(x: tf.Tensor, i: number): tf.Tensor2D {
  return tf.reshape(tf.slice(x, [i, 0, 0], [1, -1, -1]), [dim(x, 1), dim(x, 2)]) as tf.Tensor2D;
}

function attendPerEntry(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, scale: number, mask?: tf.Tensor, triangle?: [number, number]): Attended {
  const batch = q.shape.slice(0, -2);
  const count = batch.reduce((x, y) => x * y, 1);
  const [lq, lk] = [dim(q, -2), dim(k, -2)];
  return tf.tidy(() => {
    const qs = tf.reshape(tf.mul(q, scale), [count, lq, dim(q, -1)]);
    // [N, dk, Lk], transposed once so each product is an untransposed 2-D matMul.
    const kt = tf.reshape(tf.transpose(tf.reshape(k, [count, lk, dim(k, -1)]), [0, 2, 1]), [count, dim(k, -1), lk]);
    const vs = tf.reshape(v, [count, lk, dim(v, -1)]);
    // The mask is prepared once; each entry takes its 2-D slice of the prepared tensors.
    const prepared = prepareMask(mask, triangle);
    const penaltyOf = prepared && maskEntries(prepared.penalty, batch);
    const anyKeptOf = prepared && maskEntries(prepared.anyKept, batch);
    const maskEntry = (i: number): PreparedMask | undefined => (penaltyOf && anyKeptOf ? { penalty: penaltyOf(i), anyKept: anyKeptOf(i) } : undefined);
    const outputs: tf.Tensor[] = [];
    const weights: tf.Tensor[] = [];
    for (let i = 0; i < count; i++) {
      const [w, o] = tf.tidy(() => {
        const wi = softmaxPrepared(tf.matMul(entry(qs, i), entry(kt, i)), maskEntry(i));
        return [wi, tf.matMul(wi, entry(vs, i))];
      });
      weights.push(w);
      outputs.push(o);
    }
    return {
      output: tf.reshape(tf.stack(outputs), [...batch, lq, dim(v, -1)]),
      weights: tf.reshape(tf.stack(weights), [...batch, lq, lk]),
    };
  });
}

/**
 * For a mask-shaped tensor broadcasting to [...batch, Lq, Lk], a function giving the 2-D
 * slice for batch entry i (flat index), without materialising it at full size.
 */
function maskEntries(mask: tf.Tensor, batch: number[]): (i: number) => tf.Tensor {
  const rank = batch.length + 2;
  const shape = [...Array(rank - mask.rank).fill(1), ...mask.shape];
  const mBatch = shape.slice(0, -2);
  const m3 = tf.reshape(mask, [mBatch.reduce((x, y) => x * y, 1), shape[rank - 2], shape[rank - 1]]);
  if (m3.shape[0] === 1) {
    const shared = entry(m3, 0);
    return () => shared;
  }
  return (i) => {
    // Unravel i over the batch dims, keep the index only where the mask is not broadcast.
    let flat = 0;
    let rest = i;
    let stride = 1;
    for (let d = batch.length - 1; d >= 0; d--) {
      const idx = rest % batch[d];
      rest = Math.floor(rest / batch[d]);
      if (mBatch[d] > 1) flat += idx * stride;
      stride *= mBatch[d];
    }
    return entry(m3, flat);
  };
}
