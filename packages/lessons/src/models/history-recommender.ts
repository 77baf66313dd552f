// Lesson 08's two history recommenders, one class: a learner's history of resources becomes one
// vector per candidate, and the candidate's score is that vector against the candidate's output
// embedding, plus a per-resource bias (which alone is a learned popularity).
//  - 'mean': the history's average, the same vector for every candidate;
//  - 'target': target attention (Deep Interest Network, Zhou et al. 2018): the candidate is the
//    query over the history, so each candidate reads the part of the history that concerns it.
import * as tf from '@tensorflow/tfjs';
import { embeddingLookup } from './embedding-lookup';

export type HistoryPooling = 'mean' | 'target';

export interface HistoryRecommenderConfig {
  numResources: number;
  /** history length T (histories are left-padded to it) */
  length: number;
  dim: number;
  pooling: HistoryPooling;
  seed: number;
}

export interface HistoryRecommenderOutput extends tf.TensorContainerObject {
  /** [B, C] a score for every candidate */
  scores: tf.Tensor2D;
  /** [B, C, T] target attention of every candidate over the history (target pooling only) */
  weights?: tf.Tensor3D;
}

/**
 * Target attention for C candidates per history: queries [B, C, d] against keys [B, T, d] →
 * weights [B, C, T] = maskedSoftmax(q · k / √d) over the T positions (0 on padding, mask [B, T]),
 * outputs [B, C, d] = weights · values [B, T, d].
 */
export function attendCandidates(keys: tf.Tensor3D, values: tf.Tensor3D, queries: tf.Tensor3D, mask: tf.Tensor2D): { output: tf.Tensor3D; weights: tf.Tensor3D } {
  return tf.tidy(() => {
    const scores = tf.matMul(queries, keys, false, true).div(Math.sqrt(keys.shape[2]));
    const keep = tf.expandDims(mask, 1);
    const weights = tf.mul(tf.softmax(tf.add(scores, tf.mul(tf.sub(1, keep), -1e9))), keep) as tf.Tensor3D;
    return { output: tf.matMul(weights, values) as tf.Tensor3D, weights };
  });
}

export class HistoryRecommender {
  readonly config: HistoryRecommenderConfig;
  /** what a studied resource contributes to the history vector [N, d] */
  readonly values: tf.Variable;
  /** target pooling: what a studied resource offers to be matched [N, d], the position it was studied at [T, d], and each candidate's query [N, d] */
  readonly keys: tf.Variable | null;
  readonly positions: tf.Variable | null;
  readonly queries: tf.Variable | null;
  /** each candidate's output embedding [N, d] and bias [N] */
  readonly output: tf.Variable;
  readonly bias: tf.Variable;

  constructor(config: HistoryRecommenderConfig) {
    const { numResources: n, length, dim, pooling, seed } = config;
    this.config = { ...config };
    const init = (shape: [number, number], s: number) => tf.variable(tf.randomNormal(shape, 0, 1 / Math.sqrt(dim), 'float32', s));
    this.values = init([n, dim], seed);
    this.output = init([n, dim], seed + 1);
    this.bias = tf.variable(tf.zeros([n]));
    const target = pooling === 'target';
    this.keys = target ? init([n, dim], seed + 2) : null;
    this.positions = target ? init([length, dim], seed + 3) : null;
    this.queries = target ? init([n, dim], seed + 4) : null;
  }

  /**
   * ids [B, T] (int32, left-padded), mask [B, T] → a score for each of `candidates` [B, C] (int32
   * resource ids; every resource, C = N, when left out), and the target attention weights.
   */
  call(ids: tf.Tensor2D, mask: tf.Tensor2D, candidates?: tf.Tensor2D): HistoryRecommenderOutput {
    return tf.tidy((): HistoryRecommenderOutput => {
      const b = ids.shape[0];
      const which = candidates ?? (tf.tile(tf.range(0, this.config.numResources, 1, 'int32').expandDims(0), [b, 1]) as tf.Tensor2D);
      const outputs = embeddingLookup(this.output as tf.Tensor2D, which);
      const biases = tf.squeeze(embeddingLookup(tf.expandDims(this.bias, 1) as tf.Tensor2D, which), [2]);
      const values = embeddingLookup(this.values as tf.Tensor2D, ids);
      if (!this.keys || !this.positions || !this.queries) {
        const kept = tf.expandDims(mask, 2);
        const mean = tf.div(tf.sum(tf.mul(values, kept), 1), tf.maximum(tf.sum(kept, 1), 1));
        return { scores: tf.add(tf.sum(tf.mul(tf.expandDims(mean, 1), outputs), -1), biases) as tf.Tensor2D };
      }
      const keys = tf.add(embeddingLookup(this.keys as tf.Tensor2D, ids), this.positions) as tf.Tensor3D;
      const { output, weights } = attendCandidates(keys, values, embeddingLookup(this.queries as tf.Tensor2D, which), mask);
      return { scores: tf.add(tf.sum(tf.mul(output, outputs), -1), biases) as tf.Tensor2D, weights };
    });
  }

  get trainableWeights(): tf.Variable[] {
    return [this.values, this.output, this.bias, ...[this.keys, this.positions, this.queries].filter((v): v is tf.Variable => v !== null)];
  }

  dispose(): void {
    tf.dispose(this.trainableWeights);
  }
}
