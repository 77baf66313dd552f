// The tiny GPT: token embeddings (plus positions, unless they come from RoPE), a stack of causal
// Transformer blocks, a final layer normalisation and a projection to one logit per character.
// The model is plain data, { config, params }, and every step of the forward pass is a pure
// function of it, so a caller can run the pieces one at a time (lesson 11 adds a KV cache).
import * as core from '@attnlab/core';
import * as tf from '@tensorflow/tfjs';
import { type BlockParams, blockForward, type Dropout, dropout } from './block';
import { type LayerNormParams, layerNorm } from './layer-norm';
import { linear } from './linear';
import { embeddingLookup } from '../models/embedding-lookup';

/** How the model knows where a token is. */
export type PositionScheme = 'learned' | 'sinusoidal' | 'rotary';

export interface TinyGptConfig {
  vocabSize: number;
  /** the most positions the model reads at once; learned position embeddings have this many rows */
  contextLength: number;
  /** model width E */
  dim: number;
  numHeads: number;
  numLayers: number;
  /** hidden width of the feed-forward networks */
  ffnDim: number;
  positions: PositionScheme;
  /** 'pre' (default) or 'post' layer normalisation in every block */
  norm?: 'pre' | 'post';
  /** seed of every initial weight */
  seed: number;
}

export interface TinyGptParams {
  /** [V, E] */
  tokenEmbedding: tf.Tensor;
  /** [contextLength, E], for the 'learned' scheme only */
  positionEmbedding: tf.Tensor | null;
  blocks: BlockParams[];
  lnFinal: LayerNormParams;
  /** [E, V] and [V] */
  Wout: tf.Tensor;
  bout: tf.Tensor;
}

export interface TinyGpt {
  config: TinyGptConfig;
  params: TinyGptParams;
}

/** A new model with seeded random weights, held in tf.Variables so an optimizer can train them. */
export function createTinyGpt(config: TinyGptConfig): TinyGpt {
  const { vocabSize, contextLength, dim, numHeads, numLayers, ffnDim, positions, seed } = config;
  if (dim % numHeads !== 0) throw new Error(`createTinyGpt: dim ${dim} must be divisible by numHeads ${numHeads}`);
  if (positions === 'rotary' && (dim / numHeads) % 2 !== 0) throw new Error(`createTinyGpt: RoPE rotates feature pairs, so the head width ${dim / numHeads} must be even`);
  let next = seed;
  // tidy disposes each initial value once the variable holds a copy.
  const normal = (shape: number[], std: number) => tf.tidy(() => tf.variable(tf.randomNormal(shape, 0, std, 'float32', next++)));
  const constant = (shape: number[], value: number) => tf.tidy(() => tf.variable(tf.fill(shape, value)));
  const ln = () => ({ gamma: constant([dim], 1), beta: constant([dim], 0) });
  // Projections start with std 1/√fan-in, so activations keep their size; the two that write into
  // the residual path are scaled down by √(2·layers) (GPT-2), so the sum over blocks does too.
  const residual = 1 / Math.sqrt(2 * numLayers);
  const blocks = Array.from({ length: numLayers }, () => ({
    ln1: ln(),
    attn: {
      Wq: normal([dim, dim], 1 / Math.sqrt(dim)),
      Wk: normal([dim, dim], 1 / Math.sqrt(dim)),
      Wv: normal([dim, dim], 1 / Math.sqrt(dim)),
      Wo: normal([dim, dim], residual / Math.sqrt(dim)),
      bq: constant([dim], 0),
      bk: constant([dim], 0),
      bv: constant([dim], 0),
      bo: constant([dim], 0),
    },
    ln2: ln(),
    ffn: { W1: normal([dim, ffnDim], 1 / Math.sqrt(dim)), b1: constant([ffnDim], 0), W2: normal([ffnDim, dim], residual / Math.sqrt(ffnDim)), b2: constant([dim], 0) },
  }));
  return {
    config: { ...config },
    params: {
      tokenEmbedding: normal([vocabSize, dim], 1),
      positionEmbedding: positions === 'learned' ? normal([contextLength, dim], 1) : null,
      blocks,
      lnFinal: ln(),
      Wout: normal([dim, vocabSize], 1 / Math.sqrt(dim)),
      bout: constant([vocabSize], 0),
    },
  };
}

/** Every weight of the model, in a fixed order (for an optimizer, for saving, for disposing). */
export function parameterList(params: TinyGptParams): tf.Variable[] {
  const blockWeights = params.blocks.flatMap((b) => [b.ln1.gamma, b.ln1.beta, ...Object.values(b.attn), b.ln2.gamma, b.ln2.beta, b.ffn.W1, b.ffn.b1, b.ffn.W2, b.ffn.b2]);
  const all = [params.tokenEmbedding, params.positionEmbedding, ...blockWeights, params.lnFinal.gamma, params.lnFinal.beta, params.Wout, params.bout];
  return all.filter((t): t is tf.Tensor => t !== null) as tf.Variable[];
}

export function parameterCount(model: TinyGpt): number {
  return parameterList(model.params).reduce((n, t) => n + t.size, 0);
}

export function disposeTinyGpt(model: TinyGpt): void {
  tf.dispose(parameterList(model.params));
}

/**
 * tokens [B, L] (int32) at positions positionOffset … positionOffset + L − 1 → the blocks' input
 * [B, L, E]: token embeddings, plus a learned or sinusoidal position vector (RoPE adds nothing here).
 */
export function embed(model: TinyGpt, tokens: tf.Tensor2D, positionOffset = 0): tf.Tensor3D {
  const { contextLength, dim, positions } = model.config;
  const length = tokens.shape[1];
  if (positions === 'learned' && positionOffset + length > contextLength) {
    throw new Error(`embed: positions ${positionOffset}…${positionOffset + length - 1} go past the ${contextLength} learned position embeddings`);
  }
  return tf.tidy(() => {
    const x = embeddingLookup(model.params.tokenEmbedding as tf.Tensor2D, tokens);
    if (positions === 'rotary') return x;
    const table =
      positions === 'learned'
        ? tf.slice(model.params.positionEmbedding!, [positionOffset, 0], [length, dim])
        : tf.slice(core.positionalEncoding(positionOffset + length, dim), [positionOffset, 0], [length, dim]);
    return tf.add(x, table) as tf.Tensor3D;
  });
}

/** The last block's output x [B, L, E] → logits [B, L, V]: final layer normalisation, then x · Wout + bout. */
export function outputLogits(model: TinyGpt, x: tf.Tensor): tf.Tensor3D {
  const { lnFinal, Wout, bout } = model.params;
  return tf.tidy(() => linear(layerNorm(x, lnFinal.gamma, lnFinal.beta), Wout, bout) as tf.Tensor3D);
}

export interface ForwardOptions {
  /** the position of the first token (default 0) */
  positionOffset?: number;
  /** set while training only */
  dropout?: Dropout;
}

/** tokens [B, L] → logits [B, L, V] and every layer's attention weights, each [B, H, L, L]. */
export function forward(model: TinyGpt, tokens: tf.Tensor2D, opts: ForwardOptions = {}): { logits: tf.Tensor3D; weights: tf.Tensor4D[] } {
  const { positionOffset = 0, dropout: drop } = opts;
  const { numHeads, positions, norm = 'pre' } = model.config;
  return tf.tidy(() => {
    let x: tf.Tensor = dropout(embed(model, tokens, positionOffset), drop, 0);
    const weights: tf.Tensor4D[] = [];
    model.params.blocks.forEach((block, layer) => {
      const out = blockForward(block, x, numHeads, { rotary: positions === 'rotary', positionOffset, norm, dropout: drop && { rate: drop.rate, seed: drop.seed * 8 + layer } });
      x = out.output;
      weights.push(out.weights as tf.Tensor4D);
    });
    return { logits: outputLogits(model, x), weights };
  });
}

/** tokens [B, L] → logits [B, L, V]: at every position, a score for each possible next character. */
export function logits(model: TinyGpt, tokens: tf.Tensor2D, opts: ForwardOptions = {}): tf.Tensor3D {
  return tf.tidy(() => forward(model, tokens, opts).logits);
}
