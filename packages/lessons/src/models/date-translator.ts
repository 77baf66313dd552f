// Lesson 09's sequence-to-sequence model: characters of a date in, characters of its ISO form out.
//  - encoder: character and position embeddings and two convolutions over a window of characters, so each
//    encoder output describes one character in its neighbourhood ("the 2 of 22 Nov");
//  - decoder: a GRU that writes one character per step. With attention (Bahdanau, Cho & Bengio
//    2015) its previous state asks, at every step, which encoder outputs to read; without it, every
//    step reads the same summary of the input, the masked mean of the encoder outputs (the fixed
//    vector of the encoder–decoders of Cho et al. 2014 and Sutskever et al. 2014).
// Training feeds the true previous character (teacher forcing); translate() feeds the model's own
// choice back (greedy decoding).
import * as tf from '@tensorflow/tfjs';
import { contextFromProjected } from './bahdanau-context';
import { embeddingLookup } from './embedding-lookup';

export interface DateTranslatorConfig {
  /** input ids, padding (0) included */
  inputVocab: number;
  /** output characters; the decoder's start symbol is one more id */
  outputVocab: number;
  /** characters per output */
  outputLength: number;
  embedDim: number;
  /** longest input the position embeddings cover */
  maxInputLength: number;
  /** characters each convolution sees (odd) */
  window: number;
  /** de: width of the encoder outputs */
  encoderDim: number;
  /** ds: width of the decoder state */
  decoderDim: number;
  /** h: width of the additive attention's hidden layer */
  attentionDim: number;
  /** false: every step reads the masked mean of the encoder outputs (the fixed-length bottleneck) */
  attention: boolean;
  seed: number;
}

export interface TranslatorOutput extends tf.TensorContainerObject {
  /** [B, T, outputVocab] */
  logits: tf.Tensor3D;
  /** [B, T, L]: the weight step t put on input character j (uniform over the kept characters without attention) */
  weights: tf.Tensor3D;
}

/** One weight read out of the model: its shape and float32 values. */
export interface WeightValues {
  shape: number[];
  values: Float32Array;
}

export class DateTranslator {
  readonly config: DateTranslatorConfig;
  private readonly weights: Record<string, tf.Variable>;

  constructor(config: DateTranslatorConfig) {
    this.config = { ...config };
    const { inputVocab, outputVocab, embedDim: e, maxInputLength, window: k, encoderDim: de, decoderDim: ds, attentionDim: h, seed } = config;
    if (k % 2 !== 1) throw new Error(`DateTranslator: window must be odd, got ${k}`);
    let next = seed;
    // Glorot-style scale: keeps activations of order one through every layer from the first step.
    const matrix = (rows: number, cols: number) => tf.tidy(() => tf.variable(tf.randomNormal([rows, cols], 0, Math.sqrt(2 / (rows + cols)), 'float32', next++)));
    const zeros = (n: number) => tf.variable(tf.zeros([n]));
    this.weights = {
      embedding: tf.tidy(() => tf.variable(tf.randomNormal([inputVocab, e], 0, 1, 'float32', next++))),
      // Where a character stands, counted from the first: in `20261122` only that tells month digits from day digits.
      positions: tf.tidy(() => tf.variable(tf.randomNormal([maxInputLength, e], 0, 1, 'float32', next++))),
      conv1: matrix(k * e, de),
      conv1Bias: zeros(de),
      conv2: matrix(k * de, de),
      conv2Bias: zeros(de),
      init: matrix(de, ds),
      initBias: zeros(ds),
      Wq: matrix(ds, h),
      Wk: matrix(de, h),
      wv: tf.tidy(() => tf.variable(tf.randomNormal([h], 0, 1 / Math.sqrt(h), 'float32', next++))),
      outputEmbedding: tf.tidy(() => tf.variable(tf.randomNormal([outputVocab + 1, e], 0, 1, 'float32', next++))),
      gruInput: matrix(e + de, 3 * ds),
      gruState: matrix(ds, 3 * ds),
      gruBias: zeros(3 * ds),
      out: matrix(ds + de, outputVocab),
      outBias: zeros(outputVocab),
    };
  }

  /** The decoder's first input id. */
  get start(): number {
    return this.config.outputVocab;
  }

  /** A window of `k` characters around each position, as one row: x [B, L, c] → [B·L, k·c] (zeros beyond the ends). */
  private windows(x: tf.Tensor3D): tf.Tensor2D {
    const [b, l, c] = x.shape;
    const k = this.config.window;
    const half = (k - 1) / 2;
    const padded = tf.pad(x, [
      [0, 0],
      [half, half],
      [0, 0],
    ]);
    const shifted = Array.from({ length: k }, (_, o) => tf.slice(padded, [0, o, 0], [b, l, c]));
    return tf.reshape(tf.concat(shifted, 2), [b * l, k * c]);
  }

  /** ids [B, L] (int32), mask [B, L] → encoder outputs [B, L, de], zero on padding. */
  encode(ids: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor3D {
    return tf.tidy(() => {
      const [b, l] = ids.shape;
      const de = this.config.encoderDim;
      const keep = tf.expandDims(mask, 2);
      const w = this.weights;
      if (l > this.config.maxInputLength) throw new Error(`DateTranslator.encode: inputs of ${l} characters are longer than maxInputLength ${this.config.maxInputLength}`);
      const embedded = tf.add(embeddingLookup(w.embedding as tf.Tensor2D, ids), tf.slice(w.positions, [0, 0], [l, -1]));
      const x = tf.mul(embedded, keep) as tf.Tensor3D;
      const first = tf.mul(tf.reshape(tf.relu(tf.add(tf.matMul(this.windows(x), w.conv1), w.conv1Bias)), [b, l, de]), keep) as tf.Tensor3D;
      const second = tf.reshape(tf.relu(tf.add(tf.matMul(this.windows(first), w.conv2), w.conv2Bias)), [b, l, de]);
      return tf.mul(tf.add(first, second), keep) as tf.Tensor3D;
    });
  }

  /**
   * Runs the decoder over the outputs from encoder outputs `encoded` [B, L, de]. `mask` [B, L] marks
   * the characters (for the initial state and the summary), `attentionMask` what the attention may
   * read (the same, unless an experiment says otherwise). `feed(t, logits)` gives the ids [B] read at
   * step t + 1: the true character (teacher forcing) or the argmax of the step's logits (greedy decoding).
   */
  private decode(encoded: tf.Tensor3D, attentionMask: tf.Tensor2D, mask: tf.Tensor2D, feed: (t: number, logits: tf.Tensor2D) => tf.Tensor1D): TranslatorOutput {
    return tf.tidy(() => {
      const { attention, outputLength } = this.config;
      const w = this.weights;
      const [b, l, de] = encoded.shape;
      const lengths = tf.maximum(tf.sum(mask, 1, true), 1);
      const mean = tf.div(tf.sum(encoded, 1), lengths) as tf.Tensor2D;
      let state = this.initialState(encoded, mask);
      // Projected once; only the query changes from step to step.
      const keysProjected = tf.reshape(tf.matMul(tf.reshape(encoded, [b * l, de]), w.Wk), [b, l, -1]) as tf.Tensor3D;
      const uniform = tf.div(mask, lengths) as tf.Tensor2D;
      let input = tf.fill([b], this.start, 'int32') as tf.Tensor1D;
      const logits: tf.Tensor2D[] = [];
      const weights: tf.Tensor2D[] = [];
      for (let t = 0; t < outputLength; t++) {
        const read = attention ? contextFromProjected(tf.matMul(state, w.Wq), keysProjected, w.wv as tf.Tensor1D, encoded, attentionMask) : { context: mean, weights: uniform };
        const embedded = tf.reshape(embeddingLookup(w.outputEmbedding as tf.Tensor2D, tf.reshape(input, [b, 1])), [b, -1]);
        // GRU: update gate z, reset gate r, candidate n (Cho et al. 2014).
        const fromInput = tf.add(tf.matMul(tf.concat([embedded, read.context], 1), w.gruInput), w.gruBias);
        const fromState = tf.matMul(state, w.gruState);
        const [xz, xr, xn] = tf.split(fromInput, 3, 1);
        const [hz, hr, hn] = tf.split(fromState, 3, 1);
        const z = tf.sigmoid(tf.add(xz, hz));
        const r = tf.sigmoid(tf.add(xr, hr));
        const n = tf.tanh(tf.add(xn, tf.mul(r, hn)));
        state = tf.add(tf.mul(tf.sub(1, z), n), tf.mul(z, state)) as tf.Tensor2D;
        const stepLogits = tf.add(tf.matMul(tf.concat([state, read.context], 1), w.out), w.outBias) as tf.Tensor2D;
        logits.push(stepLogits);
        weights.push(read.weights);
        if (t + 1 < outputLength) input = feed(t, stepLogits);
      }
      return { logits: tf.stack(logits, 1) as tf.Tensor3D, weights: tf.stack(weights, 1) as tf.Tensor3D };
    });
  }

  /** Teacher forcing: targets [B, T] (int32 output ids) are fed back one step late, after the start symbol. */
  call(ids: tf.Tensor2D, mask: tf.Tensor2D, targets: tf.Tensor2D): TranslatorOutput {
    return tf.tidy(() => {
      const columns = tf.unstack(targets, 1) as tf.Tensor1D[];
      return this.decode(this.encode(ids, mask), mask, mask, (t) => columns[t]);
    });
  }

  /** Greedy decoding: each step reads the character the model chose at the step before. predictions [B, T] (int32). */
  translate(ids: tf.Tensor2D, mask: tf.Tensor2D): TranslatorOutput & { predictions: tf.Tensor2D } {
    return tf.tidy(() => this.translateEncoded(this.encode(ids, mask), mask, mask));
  }

  /** Greedy decoding from encoder outputs, with the attention reading `attentionMask` [B, L] (an experiment may pass all ones). */
  translateEncoded(encoded: tf.Tensor3D, attentionMask: tf.Tensor2D, mask: tf.Tensor2D): TranslatorOutput & { predictions: tf.Tensor2D } {
    return tf.tidy(() => {
      const out = this.decode(encoded, attentionMask, mask, (_, logits) => tf.argMax(logits, 1) as tf.Tensor1D);
      return { ...out, predictions: tf.argMax(out.logits, 2) as tf.Tensor2D };
    });
  }

  /** The attention parameters, in the form of bahdanauContext's params. */
  get attentionParams(): { Wq: tf.Tensor2D; Wk: tf.Tensor2D; wv: tf.Tensor1D } {
    return { Wq: this.weights.Wq as tf.Tensor2D, Wk: this.weights.Wk as tf.Tensor2D, wv: this.weights.wv as tf.Tensor1D };
  }

  /** The initial decoder state for a batch: tanh(mean of the encoder outputs · W + b) [B, ds]. */
  initialState(encoded: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const mean = tf.div(tf.sum(encoded, 1), tf.maximum(tf.sum(mask, 1, true), 1));
      return tf.tanh(tf.add(tf.matMul(mean, this.weights.init), this.weights.initBias)) as tf.Tensor2D;
    });
  }

  get trainableWeights(): tf.Variable[] {
    const unused = this.config.attention ? [] : ['Wq', 'Wk', 'wv'];
    return Object.entries(this.weights)
      .filter(([name]) => !unused.includes(name))
      .map(([, v]) => v);
  }

  /** Number of trained parameters. */
  get parameterCount(): number {
    return this.trainableWeights.reduce((n, v) => n + v.size, 0);
  }

  /** Every weight by name, read out. */
  readWeights(): Record<string, WeightValues> {
    return Object.fromEntries(Object.entries(this.weights).map(([name, t]) => [name, { shape: [...t.shape], values: Float32Array.from(t.dataSync()) }]));
  }

  /** Overwrites every weight with `weights` (as readWeights gives them), checking names and shapes. */
  writeWeights(weights: Record<string, WeightValues>): void {
    for (const [name, variable] of Object.entries(this.weights)) {
      const w = weights[name];
      if (!w || w.shape.join() !== variable.shape.join()) {
        throw new Error(`DateTranslator.writeWeights: weight "${name}" must have shape [${variable.shape.join(', ')}], got ${w ? `[${w.shape.join(', ')}]` : 'none'}`);
      }
      tf.tidy(() => variable.assign(tf.tensor(w.values, w.shape, 'float32')));
    }
  }

  dispose(): void {
    tf.dispose(Object.values(this.weights));
  }
}
