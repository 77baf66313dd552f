// How softmax(q kᵀ · scale, mask) v is computed for [..., L, d] inputs, per backend.
//
// Batched ops are the natural way, but the wasm backend's BatchMatMul kernel only takes its
// fast XNNPACK path for a single untransposed 2-D product; batched or transposed products
// fall back to a plain loop that is 3-6x slower on attention-sized matrices (tfjs 4.22,
// B=1 H=8 L=512 d=64: 411 ms batched vs 65 ms as 8 separate 2-D pipelines). So on wasm,
// large problems run as one 2-D pipeline per batch entry, a single entry included (k is
// transposed beforehand: a [2048, 64] · [64, 2048] product with transposeB took 254 ms
// against 73 ms with k transposed first, lesson 11). Their inputs are taken by
// batchEntries (a one-hot product, not tf.slice, which copies its whole source on wasm);
// what remains around the two products is one transpose of k, the softmax and the stacking
// of the per-entry results (profile in the README's bench section).
import * as tf from '@tensorflow/tfjs';
import { batchEntries, broadcastEntries } from './batch-entries';
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
  const work = dim(q, -2) * dim(q, -1) * dim(k, -2);
  const triangle: [number, number] | undefined = causal ? [dim(q, -2), dim(k, -2)] : undefined;
  if (tf.getBackend() === 'wasm' && work >= PER_ENTRY_MIN_WORK) {
    return attendPerEntry(q, k, v, scale, mask, triangle);
  }
  return tf.tidy(() => {
    // Scaling q ([Lq, dk]) rather than the scores ([Lq, Lk]) touches fewer numbers; the inner
    // tidy frees the scores before the second product, lowering peak memory.
    const weights = tf.tidy(() => softmaxPrepared(tf.matMul(tf.mul(q, scale), k, false, true), prepareMask(mask, triangle)));
    return { output: tf.matMul(weights, v), weights };
  });
}

function attendPerEntry(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, scale: number, mask?: tf.Tensor, triangle?: [number, number]): Attended {
  const batch = q.shape.slice(0, -2);
  const count = batch.reduce((x, y) => x * y, 1);
  const [lq, lk, dk, dv] = [dim(q, -2), dim(k, -2), dim(q, -1), dim(v, -1)];
  return tf.tidy(() => {
    // Entries are taken by batchEntries (not tf.slice, which copies its whole source on wasm);
    // the scale rides along in the query entries, and k is transposed once, to [N, dk, Lk], so
    // each product is an untransposed 2-D matMul.
    const qs = batchEntries(tf.reshape(q, [count, lq, dk]) as tf.Tensor3D, scale);
    const kt = batchEntries(tf.transpose(tf.reshape(k, [count, lk, dk]) as tf.Tensor3D, [0, 2, 1]));
    const vs = batchEntries(tf.reshape(v, [count, lk, dv]) as tf.Tensor3D);
    // The mask is prepared once; each entry takes its 2-D part of the prepared tensors.
    const prepared = prepareMask(mask, triangle);
    const penaltyOf = prepared && broadcastEntries(prepared.penalty, batch);
    const anyKeptOf = prepared?.anyKept && broadcastEntries(prepared.anyKept, batch);
    const maskEntry = (i: number): PreparedMask | undefined => penaltyOf && { penalty: penaltyOf(i), anyKept: anyKeptOf?.(i) };
    const outputs: tf.Tensor[] = [];
    const weights: tf.Tensor[] = [];
    for (let i = 0; i < count; i++) {
      const [w, o] = tf.tidy(() => {
        const wi = softmaxPrepared(tf.matMul(qs(i), kt(i)), maskEntry(i));
        return [wi, tf.matMul(wi, vs(i))];
      });
      weights.push(w);
      outputs.push(o);
    }
    // Stacking copies; a single entry is reshaped instead, so its [Lq, Lk] weights exist once.
    const joined = (parts: tf.Tensor[]) => (parts.length === 1 ? parts[0] : tf.stack(parts));
    return {
      output: tf.reshape(joined(outputs), [...batch, lq, dv]),
      weights: tf.reshape(joined(weights), [...batch, lq, lk]),
    };
  });
}
