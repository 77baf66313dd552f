// Additive attention (Bahdanau, Cho & Bengio, 2015, "Neural Machine Translation by Jointly
// Learning to Align and Translate"): score(q, k) = wvᵀ tanh(q Wq + k Wk).
import * as tf from '@tensorflow/tfjs';
import { dense } from './dense';
import { glorotUniform } from './glorot';
import { assertKeepMask, prepareMask, softmaxPrepared } from './masked-softmax';
import { AttentionOptions, AttentionResult, assertQueryKeyValue, scoresShape } from './scaled-dot-product';
import { assertBroadcastsTo, assertRank, assertSameSize, dim } from './shapes';

export interface AdditiveParams {
  /** [dq, h] */
  Wq: tf.Tensor;
  /** [dk, h] */
  Wk: tf.Tensor;
  /** [h] */
  wv: tf.Tensor;
}

/**
 * Additive attention: weights = softmax(wv · tanh(q Wq + k Wk)) over keys, output =
 * weights · v. Queries and keys may have different feature sizes; no scaling is needed.
 */
export function additiveAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, params: AdditiveParams, opts: AttentionOptions = {}): AttentionResult {
  const fn = 'additiveAttention';
  const { Wq, Wk, wv } = params;
  assertQueryKeyValue(fn, q, k, v, 'free');
  assertRank(fn, 'Wq', Wq, 2, '[dq, h]');
  assertRank(fn, 'Wk', Wk, 2, '[dk, h]');
  assertRank(fn, 'wv', wv, 1, '[h]');
  assertSameSize(fn, 'Wq rows', dim(Wq, 0), 'queries last dim', dim(q, -1), { q, Wq });
  assertSameSize(fn, 'Wk rows', dim(Wk, 0), 'keys last dim', dim(k, -1), { k, Wk });
  assertSameSize(fn, 'Wk hidden size', dim(Wk, 1), 'Wq hidden size', dim(Wq, 1), { Wq, Wk });
  assertSameSize(fn, 'wv length', dim(wv, 0), 'hidden size', dim(Wq, 1), { Wq, wv });
  if (opts.mask) {
    assertBroadcastsTo(fn, 'mask', opts.mask.shape, 'scores', scoresShape(q, k));
    assertKeepMask(fn, opts.mask);
  }
  return tf.tidy(() => {
    // [..., Lq, 1, h] + [..., 1, Lk, h] -> [..., Lq, Lk, h]: every query against every key.
    const features = tf.tanh(tf.add(tf.expandDims(dense(q, Wq), -2), tf.expandDims(dense(k, Wk), -3)));
    const scores = tf.sum(tf.mul(features, wv), -1);
    const weights = softmaxPrepared(scores, prepareMask(opts.mask));
    return { output: tf.matMul(weights, v), weights };
  });
}

export interface AdditiveAttentionConfig {
  queryDim: number;
  keyDim: number;
  hiddenDim: number;
  /** seed for the Glorot-uniform initial weights (default 0) */
  seed?: number;
}

/** Additive attention with its own trainable parameters. Call dispose() when done. */
export class AdditiveAttention {
  readonly Wq: tf.Variable;
  readonly Wk: tf.Variable;
  readonly wv: tf.Variable;

  constructor({ queryDim, keyDim, hiddenDim, seed = 0 }: AdditiveAttentionConfig) {
    for (const [name, n] of Object.entries({ queryDim, keyDim, hiddenDim })) {
      if (!Number.isInteger(n) || n < 1) throw new Error(`AdditiveAttention: ${name} must be a positive integer, got ${n}`);
    }
    this.Wq = tf.tidy(() => tf.variable(glorotUniform([queryDim, hiddenDim], seed)));
    this.Wk = tf.tidy(() => tf.variable(glorotUniform([keyDim, hiddenDim], seed + 1)));
    this.wv = tf.tidy(() => tf.variable(glorotUniform([hiddenDim], seed + 2)));
  }

  call(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, opts: AttentionOptions = {}): AttentionResult {
    return additiveAttention(q, k, v, { Wq: this.Wq, Wk: this.Wk, wv: this.wv }, opts);
  }

  /** The trainable parameters, for an optimizer's varList. */
  get trainableWeights(): tf.Variable[] {
    return [this.Wq, this.Wk, this.wv];
  }

  dispose(): void {
    this.trainableWeights.forEach((w) => w.dispose());
  }
}
