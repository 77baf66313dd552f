// Causal multi-head self-attention in two steps, so that a caller can keep the keys and values of
// earlier positions (a KV cache, lesson 11) between them: `attentionHeads` projects a block's
// input into per-head queries, keys and values (rotated by position under RoPE), and
// `attendHeads` lets the queries attend to keys and values, which may include earlier positions.
import * as core from '@attnlab/core';
import * as tf from '@tensorflow/tfjs';
import { linear } from './linear';
import { rotate } from './rotary';

/** Lesson 04's multiHeadAttention params, x · W layout: W* [E, E], b* [E]. */
export interface AttentionParams {
  Wq: tf.Tensor;
  Wk: tf.Tensor;
  Wv: tf.Tensor;
  Wo: tf.Tensor;
  bq: tf.Tensor;
  bk: tf.Tensor;
  bv: tf.Tensor;
  bo: tf.Tensor;
}

/** Per-head queries, keys and values, each [B, H, L, E/H]. */
export interface Heads {
  q: tf.Tensor4D;
  k: tf.Tensor4D;
  v: tf.Tensor4D;
}

export interface HeadOptions {
  /** rotate queries and keys by position (RoPE) */
  rotary?: boolean;
  /** the position of the first row of the input (default 0) */
  positionOffset?: number;
}

/** [B, L, H·d] → [B, H, L, d] */
function splitHeads(x: tf.Tensor3D, numHeads: number): tf.Tensor4D {
  const [b, l, width] = x.shape;
  return tf.transpose(tf.reshape(x, [b, l, numHeads, width / numHeads]), [0, 2, 1, 3]);
}

/** h [B, L, E] → the heads' queries, keys and values [B, H, L, E/H]. */
export function attentionHeads(attn: AttentionParams, h: tf.Tensor, numHeads: number, opts: HeadOptions = {}): Heads {
  return tf.tidy(() => {
    const offset = opts.positionOffset ?? 0;
    const heads = (W: tf.Tensor, b: tf.Tensor) => splitHeads(linear(h, W, b) as tf.Tensor3D, numHeads);
    const [q, k, v] = [heads(attn.Wq, attn.bq), heads(attn.Wk, attn.bk), heads(attn.Wv, attn.bv)];
    return opts.rotary ? { q: rotate(q, offset) as tf.Tensor4D, k: rotate(k, offset) as tf.Tensor4D, v } : { q, k, v };
  });
}

/**
 * Queries q [B, H, Lq, d] attend to keys k and values v [B, H, Lk, d] with Lk ≥ Lq; the queries
 * are the last Lq of the Lk positions, so under `causal` query i sees keys 0 … i + (Lk − Lq).
 * Returns the merged, projected output [B, Lq, E] and the weights [B, H, Lq, Lk].
 */
export function attendHeads(attn: AttentionParams, heads: Heads, opts: { causal?: boolean } = {}): { output: tf.Tensor; weights: tf.Tensor } {
  const { q, k, v } = heads;
  const [lq, lk] = [q.shape[2], k.shape[2]];
  if (lk < lq) throw new Error(`attendHeads: keys ${JSON.stringify(k.shape)} must cover at least the ${lq} query positions of q ${JSON.stringify(q.shape)}`);
  return tf.tidy(() => {
    // core's causal mask is aligned top-left (query i sees keys 0 … i), right for Lq = Lk; with
    // earlier positions in front, the triangle moves right by Lk − Lq.
    const attended = !opts.causal
      ? core.scaledDotProductAttention(q, k, v)
      : lq === lk
        ? core.scaledDotProductAttention(q, k, v, { causal: true })
        : core.scaledDotProductAttention(q, k, v, { mask: tf.linalg.bandPart(tf.ones([lq, lk]), -1, lk - lq) });
    const [b, numHeads, , d] = (attended.output as tf.Tensor4D).shape;
    const merged = tf.reshape(tf.transpose(attended.output, [0, 2, 1, 3]), [b, lq, numHeads * d]);
    return { output: linear(merged, attn.Wo, attn.bo), weights: attended.weights };
  });
}
