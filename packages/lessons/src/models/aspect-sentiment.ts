// The lesson 07 feedback model: token embeddings plus positions, one self-attention layer (so
// "not" can change what "rude" means), then aspect attention, one learned query per aspect, and
// a small classifier per aspect. The self-attention layer can be left out (the baseline), see
// only the few tokens before each token ('local'), or see the whole message ('full').
import * as core from '@attnlab/core';
import * as tf from '@tensorflow/tfjs';
import { embeddingLookup } from './embedding-lookup';

/** Which tokens each token's self-attention may look at. */
export type SelfAttentionKind = 'none' | 'local' | 'full';

export interface AspectSentimentConfig {
  vocabSize: number;
  /** the most tokens a message may have */
  length: number;
  /** embedding width d */
  dim: number;
  numHeads: number;
  numAspects: number;
  numClasses: number;
  /** width of each aspect's hidden classifier layer */
  hiddenDim: number;
  selfAttention: SelfAttentionKind;
  /** 'local': token i sees tokens i - window … i */
  window: number;
  /** seed of every initial weight */
  seed: number;
}

/** What one forward pass gives, for a batch of B messages of L tokens and A aspects. */
export interface AspectSentimentOutput extends tf.TensorContainerObject {
  /** [B, A, C] class logits per aspect */
  logits: tf.Tensor3D;
  /** [B, A, L] aspect-attention weights: which tokens each aspect's decision rests on */
  aspectWeights: tf.Tensor3D;
}

/**
 * Aspect attention: each aspect query scores every token state, weights = maskedSoftmax(q · h / √d)
 * over the L positions, output = Σ weights · h. h [B, L, d], aspects [A, d], mask [B, L] (1 = keep)
 * → output [B, A, d], weights [B, A, L].
 */
export function attendAspects(h: tf.Tensor3D, aspects: tf.Tensor2D, mask: tf.Tensor2D): { output: tf.Tensor3D; weights: tf.Tensor3D } {
  return tf.tidy(() => {
    const [b, l, d] = h.shape;
    // [B·L, d] · [d, A]: TF.js cannot differentiate a matMul that broadcasts a batch axis
    const flat = tf.matMul(tf.reshape(h, [b * l, d]), aspects, false, true);
    const scores = tf.transpose(tf.reshape(flat, [b, l, aspects.shape[0]]), [0, 2, 1]).div(Math.sqrt(d));
    const weights = core.maskedSoftmax(scores, tf.expandDims(mask, 1)) as tf.Tensor3D;
    return { output: tf.matMul(weights, h) as tf.Tensor3D, weights };
  });
}

export class AspectSentimentModel {
  readonly config: AspectSentimentConfig;
  readonly embedding: tf.Variable;
  readonly attention: core.MultiHeadAttention | null;
  /**
   * How much of the self-attention output is added to each token (ReZero, Bachlechner et al. 2020):
   * it starts at 0, so training starts from the model without the layer and lets it in as it helps.
   */
  readonly gate: tf.Variable;
  /** the learned aspect queries [A, d] */
  readonly aspects: tf.Variable;
  /** per-aspect classifier: hidden layer [A, d, k] and [A, 1, k], output layer [A, k, C] and [A, C] */
  readonly hidden: tf.Variable;
  readonly hiddenBias: tf.Variable;
  readonly classifier: tf.Variable;
  readonly bias: tf.Variable;
  private readonly positions: tf.Tensor2D;

  constructor(config: AspectSentimentConfig) {
    const { vocabSize, length, dim, numHeads, numAspects, numClasses, hiddenDim, selfAttention, seed } = config;
    this.config = { ...config };
    // Small random embeddings (std 1/√d) so the sinusoidal positions, of norm √(d/2), are not drowned out at first.
    this.embedding = tf.variable(tf.randomNormal([vocabSize, dim], 0, 1 / Math.sqrt(dim), 'float32', seed));
    this.attention = selfAttention === 'none' ? null : new core.MultiHeadAttention({ numHeads, modelDim: dim, seed: seed + 1 });
    this.gate = tf.variable(tf.scalar(0));
    this.aspects = tf.variable(tf.randomNormal([numAspects, dim], 0, 1 / Math.sqrt(dim), 'float32', seed + 10));
    this.hidden = tf.variable(tf.randomNormal([numAspects, dim, hiddenDim], 0, 1 / Math.sqrt(dim), 'float32', seed + 11));
    this.hiddenBias = tf.variable(tf.zeros([numAspects, 1, hiddenDim]));
    this.classifier = tf.variable(tf.randomNormal([numAspects, hiddenDim, numClasses], 0, 1 / Math.sqrt(hiddenDim), 'float32', seed + 12));
    this.bias = tf.variable(tf.zeros([numAspects, numClasses]));
    this.positions = core.positionalEncoding(length, dim);
  }

  /** The keep-mask of the self-attention: [B, 1, L] padding, and for 'local' a band [L, L] of the last `window` tokens. */
  private selfMask(mask: tf.Tensor2D): tf.Tensor {
    const padding = tf.expandDims(mask, 1);
    if (this.config.selfAttention !== 'local') return padding;
    const l = mask.shape[1];
    return tf.mul(padding, tf.linalg.bandPart(tf.ones([l, l]), this.config.window, 0));
  }

  /** Token states [B, L, d] that the aspect queries read: x = embedding + position, plus gate · self-attention(x). */
  states(ids: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor3D {
    return tf.tidy(() => {
      const l = ids.shape[1];
      if (l > this.config.length) throw new Error(`AspectSentimentModel: ids have ${l} positions, the model takes at most ${this.config.length}`);
      const x = tf.add(embeddingLookup(this.embedding as tf.Tensor2D, ids), this.positions.slice([0, 0], [l, -1])) as tf.Tensor3D;
      if (!this.attention) return x;
      const attended = this.attention.call(x, x, x, { mask: this.selfMask(mask) });
      return tf.add(x, tf.mul(this.gate, attended.output)) as tf.Tensor3D;
    });
  }

  /** ids [B, L] (int32 token ids, L up to `length`), mask [B, L] (1 = a token, 0 = padding) → the forward pass. */
  call(ids: tf.Tensor2D, mask: tf.Tensor2D): AspectSentimentOutput {
    return tf.tidy((): AspectSentimentOutput => {
      const { output, weights } = attendAspects(this.states(ids, mask), this.aspects as tf.Tensor2D, mask);
      // [A, B, d] · [A, d, k] → [A, B, k]: each aspect has its own classifier
      const hidden = tf.relu(tf.add(tf.matMul(tf.transpose(output, [1, 0, 2]), this.hidden), this.hiddenBias));
      const logits = tf.add(tf.transpose(tf.matMul(hidden, this.classifier), [1, 0, 2]), this.bias) as tf.Tensor3D;
      return { logits, aspectWeights: weights };
    });
  }

  get trainableWeights(): tf.Variable[] {
    const selfAttention = this.attention ? [...this.attention.trainableWeights, this.gate] : [];
    return [this.embedding, ...selfAttention, this.aspects, this.hidden, this.hiddenBias, this.classifier, this.bias];
  }

  dispose(): void {
    tf.dispose([this.embedding, this.gate, this.aspects, this.hidden, this.hiddenBias, this.classifier, this.bias, this.positions]);
    this.attention?.dispose();
  }
}
