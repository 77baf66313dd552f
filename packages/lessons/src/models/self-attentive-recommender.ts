// Lesson 08's next-resource model after SASRec (Kang & McAuley 2018): every position of a history
// attends, through a causal mask, to itself and the positions before it, so the state at position t
// summarises the history up to t and is trained to predict the resource studied at t + 1. One
// block: multi-head self-attention and a feed-forward layer, each added to its input.
import * as core from '@attnlab/core';
import * as tf from '@tensorflow/tfjs';
import { embeddingLookup } from './embedding-lookup';

export interface SelfAttentiveRecommenderConfig {
  numResources: number;
  /** history length T (histories are left-padded to it) */
  length: number;
  dim: number;
  numHeads: number;
  seed: number;
}

export interface SelfAttentiveOutput extends tf.TensorContainerObject {
  /** [B, T, N] at every position, a score for every resource as the next one */
  scores: tf.Tensor3D;
  /** [B, H, T, T] the self-attention weights (row t: what position t read) */
  weights: tf.Tensor4D;
}

export class SelfAttentiveRecommender {
  readonly config: SelfAttentiveRecommenderConfig;
  readonly embedding: tf.Variable;
  readonly positions: tf.Variable;
  readonly attention: core.MultiHeadAttention;
  readonly hidden: tf.Variable;
  readonly hiddenBias: tf.Variable;
  readonly back: tf.Variable;
  readonly output: tf.Variable;
  readonly bias: tf.Variable;

  constructor(config: SelfAttentiveRecommenderConfig) {
    const { numResources: n, length, dim, numHeads, seed } = config;
    this.config = { ...config };
    const init = (shape: [number, number], s: number) => tf.variable(tf.randomNormal(shape, 0, 1 / Math.sqrt(dim), 'float32', s));
    this.embedding = init([n, dim], seed);
    this.positions = init([length, dim], seed + 1);
    this.attention = new core.MultiHeadAttention({ numHeads, modelDim: dim, seed: seed + 2 });
    this.hidden = init([dim, dim], seed + 3);
    this.hiddenBias = tf.variable(tf.zeros([dim]));
    this.back = init([dim, dim], seed + 4);
    this.output = init([n, dim], seed + 5);
    this.bias = tf.variable(tf.zeros([n]));
  }

  /** ids [B, T] (int32, left-padded), mask [B, T] → next-resource scores at every position. */
  call(ids: tf.Tensor2D, mask: tf.Tensor2D): SelfAttentiveOutput {
    return tf.tidy((): SelfAttentiveOutput => {
      const [b, t] = ids.shape;
      const d = this.config.dim;
      const x = tf.add(embeddingLookup(this.embedding as tf.Tensor2D, ids), this.positions) as tf.Tensor3D;
      // causal: position t reads positions ≤ t only (lesson 03); the padding mask hides the padding in front
      const attended = this.attention.call(x, x, x, { mask: tf.expandDims(mask, 1), causal: true });
      const h = tf.add(x, attended.output);
      const flat = tf.reshape(h, [b * t, d]);
      const fed = tf.add(flat, tf.matMul(tf.relu(tf.add(tf.matMul(flat, this.hidden), this.hiddenBias)), this.back));
      const scores = tf.reshape(tf.add(tf.matMul(fed, this.output, false, true), this.bias), [b, t, this.config.numResources]) as tf.Tensor3D;
      return { scores, weights: attended.weights as tf.Tensor4D };
    });
  }

  /** [B, N] scores for the resource after the last position of each history. */
  nextScores(ids: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const { scores } = this.call(ids, mask);
      const t = scores.shape[1];
      return tf.squeeze(tf.slice(scores, [0, t - 1, 0], [-1, 1, -1]), [1]) as tf.Tensor2D;
    });
  }

  get trainableWeights(): tf.Variable[] {
    return [this.embedding, this.positions, ...this.attention.trainableWeights, this.hidden, this.hiddenBias, this.back, this.output, this.bias];
  }

  dispose(): void {
    tf.dispose([this.embedding, this.positions, this.hidden, this.hiddenBias, this.back, this.output, this.bias]);
    this.attention.dispose();
  }
}
