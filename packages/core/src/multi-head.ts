// Multi-head attention (Vaswani et al., 2017): project queries, keys and values, split the
// features into heads, run scaled dot-product attention per head, merge, project back.
import * as tf from '@tensorflow/tfjs';
import { dense } from './dense';
import { glorotUniform } from './glorot';
import { attend } from './attention-kernel';
import { assertKeepMask } from './masked-softmax';
import { AttentionResult, CausalAttentionOptions } from './scaled-dot-product';
import { assertBroadcastsTo, assertRank, assertSameSize, dim, formatShape } from './shapes';

export interface MultiHeadAttentionConfig {
  numHeads: number;
  /** model (embedding) size E; split into numHeads heads of E / numHeads features */
  modelDim: number;
  /** feature size of the key input (PyTorch's kdim); default modelDim */
  keyDim?: number;
  /** feature size of the value input (PyTorch's vdim); default modelDim */
  valueDim?: number;
  /** add biases to the four projections (default true, as in PyTorch) */
  useBias?: boolean;
  /** seed for the Glorot-uniform initial weights (default 0) */
  seed?: number;
}

/** Projection weights in x · W layout; a missing or null bias means none. */
export interface MultiHeadWeights {
  Wq: tf.Tensor; // [E, E]
  Wk: tf.Tensor; // [keyDim, E]
  Wv: tf.Tensor; // [valueDim, E]
  Wo: tf.Tensor; // [E, E]
  bq?: tf.Tensor | null; // [E]
  bk?: tf.Tensor | null;
  bv?: tf.Tensor | null;
  bo?: tf.Tensor | null;
}

const FN = 'MultiHeadAttention';

function positiveInteger(name: string, n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new Error(`${FN}: ${name} must be a positive integer, got ${n}`);
}

export class MultiHeadAttention {
  readonly numHeads: number;
  readonly modelDim: number;
  readonly keyDim: number;
  readonly valueDim: number;
  readonly headDim: number;
  readonly weights: Readonly<Required<MultiHeadWeights>>;

  /**
   * Builds the layer with seeded Glorot-uniform projections and zero biases (PyTorch's
   * initialisation scheme), or, when `weights` is given (x · W layout), takes ownership of
   * those tensors: they become the layer's variables and are disposed with it.
   */
  constructor(config: MultiHeadAttentionConfig, weights?: MultiHeadWeights) {
    const { numHeads, modelDim, useBias = true, seed = 0 } = config;
    const keyDim = config.keyDim ?? modelDim;
    const valueDim = config.valueDim ?? modelDim;
    positiveInteger('numHeads', numHeads);
    positiveInteger('modelDim', modelDim);
    positiveInteger('keyDim', keyDim);
    positiveInteger('valueDim', valueDim);
    if (modelDim % numHeads !== 0) {
      throw new Error(
        `${FN}: modelDim ${modelDim} is not divisible by numHeads ${numHeads}; ` +
          `each head gets modelDim / numHeads features, so choose numHeads among the divisors of ${modelDim}`,
      );
    }
    this.numHeads = numHeads;
    this.modelDim = modelDim;
    this.keyDim = keyDim;
    this.valueDim = valueDim;
    this.headDim = modelDim / numHeads;
    const given = weights ?? MultiHeadAttention.initialWeights(modelDim, keyDim, valueDim, useBias, seed);
    const expected: Record<keyof MultiHeadWeights, number[]> = {
      Wq: [modelDim, modelDim],
      Wk: [keyDim, modelDim],
      Wv: [valueDim, modelDim],
      Wo: [modelDim, modelDim],
      bq: [modelDim],
      bk: [modelDim],
      bv: [modelDim],
      bo: [modelDim],
    };
    for (const [name, shape] of Object.entries(expected)) {
      const t = given[name as keyof MultiHeadWeights];
      if (!t && name.startsWith('W')) throw new Error(`${FN}: weights.${name} is missing (expected shape ${formatShape(shape)})`);
      if (t && formatShape(t.shape) !== formatShape(shape)) {
        throw new Error(`${FN}: weight ${name} must have shape ${formatShape(shape)}, got ${formatShape(t.shape)}`);
      }
    }
    // Variables share the tensors' data, so optimizers can train the layer in place.
    const own = (t: tf.Tensor | null | undefined): tf.Variable | null => {
      if (!t) return null;
      const v = tf.variable(t);
      t.dispose();
      return v;
    };
    this.weights = {
      Wq: own(given.Wq)!,
      Wk: own(given.Wk)!,
      Wv: own(given.Wv)!,
      Wo: own(given.Wo)!,
      bq: own(given.bq),
      bk: own(given.bk),
      bv: own(given.bv),
      bo: own(given.bo),
    };
  }

  private static initialWeights(modelDim: number, keyDim: number, valueDim: number, useBias: boolean, seed: number): MultiHeadWeights {
    const bias = () => (useBias ? tf.zeros([modelDim]) : null);
    return {
      Wq: glorotUniform([modelDim, modelDim], seed),
      Wk: glorotUniform([keyDim, modelDim], seed + 1),
      Wv: glorotUniform([valueDim, modelDim], seed + 2),
      Wo: glorotUniform([modelDim, modelDim], seed + 3),
      bq: bias(),
      bk: bias(),
      bv: bias(),
      bo: bias(),
    };
  }

  /**
   * Converts a PyTorch nn.MultiheadAttention state_dict (tensors already moved to TF.js).
   * PyTorch applies weights as x · Wᵀ, so each matrix is transposed to our x · W layout:
   * in_proj_weight [3E, E] stacks the query, key and value projections row-wise (or
   * q_proj_weight / k_proj_weight / v_proj_weight when kdim or vdim differ from E).
   * The state tensors stay owned by the caller.
   * Masks differ too: PyTorch's attn_mask / key_padding_mask mark *blocked* positions with
   * true; ours keep with 1, so pass tf.logicalNot(torchMask).
   */
  static fromPyTorch(state: Record<string, tf.Tensor>, numHeads: number): MultiHeadAttention {
    const { E, kdim, vdim } = MultiHeadAttention.checkPyTorchState(state, numHeads);
    const inW = state.in_proj_weight;
    const inB = state.in_proj_bias;
    const outB = state['out_proj.bias'];
    const [Wq, Wk, Wv, Wo] = tf.tidy(() =>
      [...(inW ? tf.split(inW, 3, 0) : [state.q_proj_weight, state.k_proj_weight, state.v_proj_weight]), state['out_proj.weight']].map((W) => tf.transpose(W)),
    );
    const [bq, bk, bv] = inB ? tf.split(inB, 3, 0) : [null, null, null];
    const weights = { Wq, Wk, Wv, Wo, bq, bk, bv, bo: outB ? tf.clone(outB) : null };
    return new MultiHeadAttention({ numHeads, modelDim: E, keyDim: kdim, valueDim: vdim }, weights);
  }

  /**
   * Checks a PyTorch state dict completely before any tensor op (a failed tf.split would throw
   * TF.js's own message and leave its outputs behind); returns E and the key/value input sizes.
   */
  private static checkPyTorchState(state: Record<string, tf.Tensor>, numHeads: number): { E: number; kdim: number; vdim: number } {
    const fn = `${FN}.fromPyTorch`;
    positiveInteger('numHeads', numHeads);
    if (state.bias_k || state.bias_v) throw new Error(`${fn}: add_bias_kv (bias_k, bias_v) is not supported`);
    const need = (key: string): tf.Tensor => {
      const has = Object.keys(state).filter((k) => state[k]);
      if (!state[key]) throw new Error(`${fn}: state is missing "${key}" (has ${has.join(', ') || 'nothing'})`);
      return state[key];
    };
    const Wout = need('out_proj.weight');
    const [E = 0, columns] = Wout.shape;
    const from = ` (E = ${E}, the size of out_proj.weight ${formatShape(Wout.shape)})`;
    const expect = (key: string, shape: number[], why: string) => {
      const t = state[key];
      if (t && formatShape(t.shape) !== formatShape(shape)) {
        throw new Error(`${fn}: ${key} must have shape ${formatShape(shape)}${why}, got ${formatShape(t.shape)}`);
      }
    };
    if (Wout.rank !== 2 || columns !== E || E < 1) {
      throw new Error(`${fn}: out_proj.weight must be a square matrix [E,E] with E ≥ 1, got ${formatShape(Wout.shape)}`);
    }
    if (E % numHeads !== 0) {
      throw new Error(`${fn}: numHeads ${numHeads} does not divide the embedding size${from}; each head gets E / numHeads features`);
    }
    let [kdim, vdim] = [E, E];
    if (state.in_proj_weight) {
      expect('in_proj_weight', [3 * E, E], from);
    } else {
      const [, Wk, Wv] = ['q_proj_weight', 'k_proj_weight', 'v_proj_weight'].map(need);
      expect('q_proj_weight', [E, E], from);
      for (const [key, W] of [
        ['k_proj_weight', Wk],
        ['v_proj_weight', Wv],
      ] as const) {
        if (W.rank !== 2 || dim(W, 0) !== E || dim(W, 1) < 1) {
          throw new Error(`${fn}: ${key} must have shape [${E},${key[0]}dim]${from}, got ${formatShape(W.shape)}`);
        }
      }
      [kdim, vdim] = [dim(Wk, 1), dim(Wv, 1)];
    }
    expect('in_proj_bias', [3 * E], from);
    expect('out_proj.bias', [E], from);
    return { E, kdim, vdim };
  }

  /** [B, L, H·d] -> [B, H, L, d] */
  splitHeads(x: tf.Tensor): tf.Tensor {
    assertRank(`${FN}.splitHeads`, 'x', x, 3, '[B, L, numHeads·d]');
    const [B, L, F] = x.shape;
    if (F % this.numHeads !== 0) {
      throw new Error(`${FN}.splitHeads: x last dim ${F} is not divisible by numHeads ${this.numHeads} (x ${formatShape(x.shape)})`);
    }
    return tf.tidy(() => tf.transpose(tf.reshape(x, [B, L, this.numHeads, F / this.numHeads]), [0, 2, 1, 3]));
  }

  /** [B, H, L, d] -> [B, L, H·d], the inverse of splitHeads */
  mergeHeads(x: tf.Tensor): tf.Tensor {
    assertRank(`${FN}.mergeHeads`, 'x', x, 4, '[B, numHeads, L, d]');
    const [B, H, L, d] = x.shape;
    assertSameSize(`${FN}.mergeHeads`, 'x heads', H, 'numHeads', this.numHeads, { x });
    return tf.tidy(() => tf.reshape(tf.transpose(x, [0, 2, 1, 3]), [B, L, H * d]));
  }

  /**
   * query [B, Lq, E], key [B, Lk, keyDim], value [B, Lk, valueDim] -> output [B, Lq, E] and
   * per-head weights [B, H, Lq, Lk] (PyTorch averages heads by default; we never do).
   * mask: keep-mask [Lq, Lk], [B, 1|Lq, Lk] (the same for every head) or [B, 1|H, Lq, Lk];
   * causal: true ANDs in causalMask(Lq, Lk).
   */
  call(query: tf.Tensor, key: tf.Tensor, value: tf.Tensor, opts: CausalAttentionOptions = {}): AttentionResult {
    const fn = `${FN}.call`;
    assertRank(fn, 'query', query, 3, '[B, Lq, modelDim]');
    assertRank(fn, 'key', key, 3, '[B, Lk, keyDim]');
    assertRank(fn, 'value', value, 3, '[B, Lk, valueDim]');
    const shapes = { query, key, value };
    assertSameSize(fn, 'query last dim', dim(query, 2), 'modelDim', this.modelDim, shapes);
    assertSameSize(fn, 'key last dim', dim(key, 2), 'keyDim', this.keyDim, shapes);
    assertSameSize(fn, 'value last dim', dim(value, 2), 'valueDim', this.valueDim, shapes);
    assertSameSize(fn, 'key batch', dim(key, 0), 'query batch', dim(query, 0), shapes);
    assertSameSize(fn, 'value batch', dim(value, 0), 'query batch', dim(query, 0), shapes);
    assertSameSize(fn, 'value length', dim(value, 1), 'key length', dim(key, 1), shapes);
    const [B, Lq, Lk] = [dim(query, 0), dim(query, 1), dim(key, 1)];
    const { mask } = opts;
    if (mask) {
      const target = mask.rank === 4 ? [B, this.numHeads, Lq, Lk] : [B, Lq, Lk];
      assertBroadcastsTo(fn, 'mask', mask.shape, mask.rank === 4 ? 'weights' : 'scores', target);
      assertKeepMask(fn, mask);
    }
    const w = this.weights;
    return tf.tidy(() => {
      const q = this.splitHeads(dense(query, w.Wq, w.bq));
      const k = this.splitHeads(dense(key, w.Wk, w.bk));
      const v = this.splitHeads(dense(value, w.Wv, w.bv));
      // A [B, Lq, Lk] mask gains a head axis so it is shared by all heads.
      const headMask = mask && mask.rank === 3 ? tf.expandDims(mask, 1) : mask;
      const { output, weights } = attend(q, k, v, 1 / Math.sqrt(this.headDim), headMask, opts.causal === true);
      return { output: dense(this.mergeHeads(output), w.Wo, w.bo), weights };
    });
  }

  /** The trainable parameters (biases included when present), for an optimizer's varList. */
  get trainableWeights(): tf.Variable[] {
    return Object.values(this.weights).filter((t) => t !== null) as tf.Variable[];
  }

  dispose(): void {
    this.trainableWeights.forEach((t) => t.dispose());
  }
}
