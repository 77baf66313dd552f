// The lesson 06 email filter: token embeddings, one self-attention layer with a residual
// connection, attention pooling with a learned query, and a logistic classifier. There is no
// positional encoding: the model reads an email as a bag of tokens, each seen in its context.
import * as core from '@attnlab/core';
import * as tf from '@tensorflow/tfjs';
import { embeddingLookup } from './embedding-lookup';

export interface AttentionFilterConfig {
  vocabSize: number;
  /** embedding width d */
  dim: number;
  numHeads: number;
  /** seed of every initial weight */
  seed: number;
  /**
   * standard deviation of the initial embeddings and pooling query. At 1 the scores h · q / √d
   * spread over several units from the start, so the pooling begins selective and training
   * decides what it selects; at 1/√d it starts, and here stays, close to uniform.
   */
  initScale: number;
}

/** What one forward pass gives, for a batch of B emails of L tokens. */
export interface AttentionFilterOutput extends tf.TensorContainerObject {
  /** [B] spam logits: p(spam) = sigmoid(logit) */
  logits: tf.Tensor1D;
  /** [B, L] attention-pooling weights: how much each token's state contributes to the decision */
  poolWeights: tf.Tensor2D;
  /** [B, H, L, L] the self-attention layer's weights */
  selfWeights: tf.Tensor4D;
  /** [B, L, d] token states after self-attention, the keys and values of the pooling */
  states: tf.Tensor3D;
}

/** One weight read out of the model: its shape and float32 values. */
export interface WeightValues {
  shape: number[];
  values: Float32Array;
}

/**
 * Attention pooling with one query: weights = maskedSoftmax(h · q / √d) over the L positions,
 * output = Σ weights · h. h [B, L, d], query [d], mask [B, L] (1 = keep) → output [B, d], weights [B, L].
 */
export function poolWithQuery(h: tf.Tensor3D, query: tf.Tensor1D, mask: tf.Tensor2D): { output: tf.Tensor2D; weights: tf.Tensor2D } {
  return tf.tidy(() => {
    const [b, l, d] = h.shape;
    const scores = tf.reshape(tf.matMul(tf.reshape(h, [b * l, d]), tf.reshape(query, [d, 1])), [b, l]).div(Math.sqrt(d));
    const weights = core.maskedSoftmax(scores, mask) as tf.Tensor2D;
    const output = tf.reshape(tf.matMul(tf.expandDims(weights, 1), h), [b, d]) as tf.Tensor2D;
    return { output, weights };
  });
}

export class AttentionFilter {
  readonly config: AttentionFilterConfig;
  readonly embedding: tf.Variable;
  readonly attention: core.MultiHeadAttention;
  /** the learned pooling query [d] */
  readonly query: tf.Variable;
  readonly classifier: tf.Variable;
  readonly bias: tf.Variable;

  constructor(config: AttentionFilterConfig) {
    const { vocabSize, dim, numHeads, seed, initScale } = config;
    this.config = { ...config };
    // tidy disposes each initial value once the variable holds a copy.
    const variable = (init: () => tf.Tensor) => tf.tidy(() => tf.variable(init()));
    this.embedding = variable(() => tf.randomNormal([vocabSize, dim], 0, initScale, 'float32', seed));
    this.attention = new core.MultiHeadAttention({ numHeads, modelDim: dim, seed: seed + 1 });
    this.query = variable(() => tf.randomNormal([dim], 0, initScale, 'float32', seed + 10));
    this.classifier = variable(() => tf.randomNormal([dim, 1], 0, 1 / Math.sqrt(dim), 'float32', seed + 11));
    this.bias = variable(() => tf.zeros([1]));
  }

  /** The model's input, the token embeddings: ids [B, L] (int32) → [B, L, d]. */
  embed(ids: tf.Tensor2D): tf.Tensor3D {
    return embeddingLookup(this.embedding as tf.Tensor2D, ids);
  }

  /** The model from the embedded input on: x [B, L, d], mask [B, L] (1 = a token, 0 = padding or erased). */
  fromEmbedded(x: tf.Tensor3D, mask: tf.Tensor2D): AttentionFilterOutput {
    return tf.tidy((): AttentionFilterOutput => {
      const attended = this.attention.call(x, x, x, { mask: tf.expandDims(mask, 1) });
      const states = tf.add(x, attended.output) as tf.Tensor3D;
      const pooled = poolWithQuery(states, this.query as tf.Tensor1D, mask);
      const logits = tf.reshape(tf.add(tf.matMul(pooled.output, this.classifier), this.bias), [-1]) as tf.Tensor1D;
      return { logits, poolWeights: pooled.weights, selfWeights: attended.weights as tf.Tensor4D, states };
    });
  }

  /** ids [B, L] (int32 token ids), mask [B, L] → the forward pass. */
  call(ids: tf.Tensor2D, mask: tf.Tensor2D): AttentionFilterOutput {
    return tf.tidy((): AttentionFilterOutput => this.fromEmbedded(this.embed(ids), mask));
  }

  get trainableWeights(): tf.Variable[] {
    return [this.embedding, ...this.attention.trainableWeights, this.query, this.classifier, this.bias];
  }

  /** Every weight by name (embedding, Wq … bo of the self-attention layer, query, classifier, bias), read out. */
  readWeights(): Record<string, WeightValues> {
    return Object.fromEntries(Object.entries(this.namedWeights()).map(([name, t]) => [name, { shape: [...t.shape], values: Float32Array.from(t.dataSync()) }]));
  }

  /** Overwrites every weight with `weights` (as readWeights gives them), checking names and shapes. */
  writeWeights(weights: Record<string, WeightValues>): void {
    for (const [name, variable] of Object.entries(this.namedWeights())) {
      const w = weights[name];
      if (!w || w.shape.join() !== variable.shape.join()) {
        throw new Error(`AttentionFilter.writeWeights: weight "${name}" must have shape [${variable.shape.join(', ')}], got ${w ? `[${w.shape.join(', ')}]` : 'none'}`);
      }
      tf.tidy(() => variable.assign(tf.tensor(w.values, w.shape, 'float32')));
    }
  }

  private namedWeights(): Record<string, tf.Variable> {
    // core's layer keeps its weights as variables, typed as plain tensors.
    const a = this.attention.weights as unknown as Record<'Wq' | 'Wk' | 'Wv' | 'Wo' | 'bq' | 'bk' | 'bv' | 'bo', tf.Variable | null>;
    const named: Record<string, tf.Variable | null> = {
      embedding: this.embedding,
      Wq: a.Wq,
      Wk: a.Wk,
      Wv: a.Wv,
      Wo: a.Wo,
      bq: a.bq,
      bk: a.bk,
      bv: a.bv,
      bo: a.bo,
      query: this.query,
      classifier: this.classifier,
      bias: this.bias,
    };
    return Object.fromEntries(Object.entries(named).filter((e): e is [string, tf.Variable] => e[1] !== null));
  }

  dispose(): void {
    tf.dispose([this.embedding, this.query, this.classifier, this.bias]);
    this.attention.dispose();
  }
}
