// A Transformer block. Pre-LN (the GPT-2 arrangement, which Xiong et al. 2020 analyse):
//   h = x + Attention(LN1(x)),   out = h + FFN(LN2(h))
// and, for comparison, post-LN (Vaswani et al. 2017's original):
//   h = LN1(x + Attention(x)),   out = LN2(h + FFN(h)).
// Pre-LN keeps a clean residual path from the input to the output of every block; post-LN puts a
// normalisation on it after every sub-layer.
import * as tf from '@tensorflow/tfjs';
import { type AttentionParams, attendHeads, attentionHeads } from './causal-self-attention';
import { type FeedForwardParams, feedForward } from './feed-forward';
import { type LayerNormParams, layerNorm } from './layer-norm';

/** One block's parameters, in the form of lesson 10's `transformerBlock` exercise. */
export interface BlockParams {
  ln1: LayerNormParams;
  attn: AttentionParams;
  ln2: LayerNormParams;
  ffn: FeedForwardParams;
}

/** Dropout while training: the rate, and a seed that the caller changes at every step. */
export interface Dropout {
  rate: number;
  seed: number;
}

export interface BlockOptions {
  /** query i sees keys 0 … i only (default true: a language model) */
  causal?: boolean;
  /** rotate queries and keys by position (RoPE) */
  rotary?: boolean;
  /** the position of x's first row (default 0): where RoPE starts counting */
  positionOffset?: number;
  /** 'pre' (default) or 'post' layer normalisation */
  norm?: 'pre' | 'post';
  /** applied to each sub-layer's output before it is added to the residual path; none by default */
  dropout?: Dropout;
}

/** Randomly zeroes a fraction `rate` of the entries and scales the rest by 1/(1 − rate). */
export function dropout(x: tf.Tensor, drop: Dropout | undefined, salt: number): tf.Tensor {
  return drop && drop.rate > 0 ? tf.dropout(x, drop.rate, undefined, drop.seed * 16 + salt) : x;
}

/** x [B, L, E] → the block's output [B, L, E] and its attention weights [B, H, L, L]. */
export function blockForward(block: BlockParams, x: tf.Tensor, numHeads: number, opts: BlockOptions = {}): { output: tf.Tensor; weights: tf.Tensor } {
  const { causal = true, rotary = false, positionOffset = 0, norm = 'pre', dropout: drop } = opts;
  return tf.tidy(() => {
    const attention = (input: tf.Tensor) => attendHeads(block.attn, attentionHeads(block.attn, input, numHeads, { rotary, positionOffset }), { causal });
    const ln = (p: LayerNormParams, input: tf.Tensor) => layerNorm(input, p.gamma, p.beta);
    if (norm === 'pre') {
      const attended = attention(ln(block.ln1, x));
      const h = tf.add(x, dropout(attended.output, drop, 1));
      return { output: tf.add(h, dropout(feedForward(block.ffn, ln(block.ln2, h)), drop, 2)), weights: attended.weights };
    }
    const attended = attention(x);
    const h = ln(block.ln1, tf.add(x, dropout(attended.output, drop, 1)));
    return { output: ln(block.ln2, tf.add(h, dropout(feedForward(block.ffn, h), drop, 2))), weights: attended.weights };
  });
}
