import type { JsonTensor } from '../../tensor-data';
import type { Random } from '../random';
import type { CaseDef } from './case-def';
import { causalKeepMask } from './masks';

/** gamma near 1 and beta near 0, not equal to them, so a missing scale or shift shows. */
function lnParams(r: Random, e: number) {
  const gamma = r.tensor([e], 0.3);
  return { gamma: { shape: gamma.shape, data: gamma.data.map((v) => Math.fround(1 + Number(v))) }, beta: r.tensor([e], 0.3) };
}

// Most cases give eps explicitly and large, and inputs of modest spread, so that where eps goes
// (inside the square root, or ignored) changes the output; one keeps the default.
export const layerNormCases: CaseDef[] = [
  {
    exercise: 'layerNorm',
    name: 'x [3,4], eps = 0.5',
    visibility: 'public',
    seed: 1001,
    inputs: (r) => ({ x: r.tensor([3, 4], 0.8), ...lnParams(r, 4), eps: 0.5 }),
  },
  {
    exercise: 'layerNorm',
    name: 'x [2,3,6] (a batch of sequences), eps = 1',
    visibility: 'public',
    seed: 1002,
    inputs: (r) => ({ x: r.tensor([2, 3, 6], 1), ...lnParams(r, 6), eps: 1 }),
  },
  {
    exercise: 'layerNorm',
    name: 'x [4,5] with large values, default eps',
    visibility: 'public',
    seed: 1003,
    inputs: (r) => ({ x: r.tensor([4, 5], 20), ...lnParams(r, 5) }),
  },
  {
    exercise: 'layerNorm',
    name: 'hidden: a batch of sequences, a small eps',
    visibility: 'hidden',
    seed: 1004,
    inputs: (r) => ({ x: r.tensor([3, 2, 4], 0.3), ...lnParams(r, 4), eps: 0.05 }),
  },
  {
    exercise: 'layerNorm',
    name: 'hidden: more leading axes, narrow rows',
    visibility: 'hidden',
    seed: 1005,
    inputs: (r) => ({ x: r.tensor([2, 2, 3, 3], 0.7), ...lnParams(r, 3), eps: 0.25 }),
  },
];

/** A block's params for width e and feed-forward width f, weights scaled so neither sub-layer dwarfs the residual. */
function blockParams(r: Random, e: number, f: number) {
  const w = (rows: number, cols: number) => r.tensor([rows, cols], 1 / Math.sqrt(rows));
  return {
    ln1: lnParams(r, e),
    attn: { Wq: w(e, e), Wk: w(e, e), Wv: w(e, e), Wo: w(e, e), bq: r.tensor([e], 0.2), bk: r.tensor([e], 0.2), bv: r.tensor([e], 0.2), bo: r.tensor([e], 0.2) },
    ln2: lnParams(r, e),
    ffn: { W1: w(e, f), b1: r.tensor([f], 0.2), W2: w(f, e), b2: r.tensor([e], 0.2) },
  };
}

/** A keep-mask [B, L, L]: causal, and blind to the padding at the end of each sequence (its valid length). */
function causalPadding(lens: number[], l: number): JsonTensor {
  return { shape: [lens.length, l, l], data: lens.flatMap((n) => Array.from({ length: l * l }, (_, i) => (i % l <= Math.floor(i / l) && i % l < n ? 1 : 0))) };
}

// Inputs have a mean and a spread per token far from 0 and 1, so a block that forgets a
// normalisation, or normalises in the wrong place, gives different outputs.
const tokens = (r: Random, shape: number[]): JsonTensor => {
  const t = r.tensor(shape, 2);
  return { shape, data: t.data.map((v, i) => Math.fround(Number(v) + (i % shape[shape.length - 1]) * 0.5)) };
};

export const transformerBlockCases: CaseDef[] = [
  {
    exercise: 'transformerBlock',
    name: 'causal mask [4,4]: x [2,4,8], 2 heads, FFN width 16',
    visibility: 'public',
    seed: 1011,
    inputs: (r) => ({ x: tokens(r, [2, 4, 8]), params: blockParams(r, 8, 16), numHeads: 2, mask: causalKeepMask(4) }),
  },
  {
    exercise: 'transformerBlock',
    name: 'causal mask [5,5]: x [1,5,6], 3 heads, FFN width 24',
    visibility: 'public',
    seed: 1012,
    inputs: (r) => ({ x: tokens(r, [1, 5, 6]), params: blockParams(r, 6, 24), numHeads: 3, mask: causalKeepMask(5) }),
  },
  {
    exercise: 'transformerBlock',
    name: 'causal and padding mask [2,5,5] (lengths 5 and 3): x [2,5,8], 4 heads',
    visibility: 'public',
    seed: 1013,
    inputs: (r) => ({ x: tokens(r, [2, 5, 8]), params: blockParams(r, 8, 32), numHeads: 4, mask: causalPadding([5, 3], 5) }),
  },
  {
    exercise: 'transformerBlock',
    name: 'no mask (every token sees every token): x [2,3,4], 2 heads',
    visibility: 'public',
    seed: 1014,
    inputs: (r) => ({ x: tokens(r, [2, 3, 4]), params: blockParams(r, 4, 8), numHeads: 2 }),
  },
  {
    exercise: 'transformerBlock',
    name: 'hidden: a causal mask, one head',
    visibility: 'hidden',
    seed: 1015,
    inputs: (r) => ({ x: tokens(r, [3, 4, 6]), params: blockParams(r, 6, 12), numHeads: 1, mask: causalKeepMask(4) }),
  },
  {
    exercise: 'transformerBlock',
    name: 'hidden: causal and padding, many heads',
    visibility: 'hidden',
    seed: 1016,
    inputs: (r) => ({ x: tokens(r, [3, 6, 8]), params: blockParams(r, 8, 16), numHeads: 4, mask: causalPadding([6, 2, 4], 6) }),
  },
];
