// Scaled dot-product attention (Vaswani et al., 2017, "Attention Is All You Need").
import * as tf from '@tensorflow/tfjs';
import { attend } from './attention-kernel';
import { assertKeepMask } from './masked-softmax';
import { assertBroadcastsTo, assertMinRank, assertSameSize, dim, formatShape } from './shapes';

export interface AttentionResult {
  /** [..., Lq, dv] */
  output: tf.Tensor;
  /** [..., Lq, Lk]; each row sums to 1 (or is all zeros when every key is blocked) */
  weights: tf.Tensor;
}

export interface AttentionOptions {
  /** keep-mask (1/true = may attend, 0/false = blocked) broadcasting to [..., Lq, Lk] */
  mask?: tf.Tensor;
}

export interface CausalAttentionOptions extends AttentionOptions {
  /**
   * Query i attends only to keys 0..i: causalMask(Lq, Lk) (top-left aligned), combined with
   * `mask` by logical AND. PyTorch's is_causal, tfjs-layers' useCausalMask.
   */
  causal?: boolean;
}

/**
 * Checks q [..., Lq, dk], k [..., Lk, dk'] and v [..., Lk, dv] as a set: equal batch
 * dimensions and key lengths; `keyFeatures` says whether k's last dim must equal q's.
 */
export function assertQueryKeyValue(fn: string, q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, keyFeatures: 'match' | 'free'): void {
  assertMinRank(fn, 'queries', q, 2, '[..., Lq, dk]');
  assertMinRank(fn, 'keys', k, 2, '[..., Lk, dk]');
  assertMinRank(fn, 'values', v, 2, '[..., Lk, dv]');
  const all = { q, k, v };
  const batch = (t: tf.Tensor) => t.shape.slice(0, -2);
  for (const [name, t] of [
    ['keys', k],
    ['values', v],
  ] as const) {
    if (formatShape(batch(t)) !== formatShape(batch(q))) {
      throw new Error(
        `${fn}: ${name} batch dimensions ${formatShape(batch(t))} do not match queries batch dimensions ` +
          `${formatShape(batch(q))} (q ${formatShape(q.shape)}, k ${formatShape(k.shape)}, v ${formatShape(v.shape)})`,
      );
    }
  }
  if (keyFeatures === 'match') {
    assertSameSize(fn, 'keys last dim', dim(k, -1), 'queries last dim', dim(q, -1), { q, k });
  }
  assertSameSize(fn, 'values length', dim(v, -2), 'keys length', dim(k, -2), all);
}

/** Shape of the score matrix for q [..., Lq, d] and k [..., Lk, d]. */
export function scoresShape(q: tf.Tensor, k: tf.Tensor): number[] {
  return [...q.shape.slice(0, -1), dim(k, -2)];
}

/**
 * softmax(q kᵀ · scale) v over the last axis, with scale = 1/√dk unless given. Leading
 * dimensions are batch dimensions, so [B, H, L, d] inputs attend per head.
 */
export function scaledDotProductAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, opts: CausalAttentionOptions & { scale?: number } = {}): AttentionResult {
  const fn = 'scaledDotProductAttention';
  assertQueryKeyValue(fn, q, k, v, 'match');
  const scale = opts.scale ?? 1 / Math.sqrt(dim(q, -1));
  if (!Number.isFinite(scale)) throw new Error(`${fn}: scale must be a finite number, got ${opts.scale}`);
  if (opts.mask) {
    assertBroadcastsTo(fn, 'mask', opts.mask.shape, 'scores', scoresShape(q, k));
    assertKeepMask(fn, opts.mask);
  }
  return attend(q, k, v, scale, opts.mask, opts.causal === true);
}
