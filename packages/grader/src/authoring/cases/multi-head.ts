import type { JsonTensor } from '../../tensor-data';
import type { Random } from '../random';
import type { CaseDef } from './case-def';
import { causalKeepMask, paddingKeepMask } from './masks';

interface Dims {
  dq: number;
  dk: number;
  dv: number;
  inner: number;
  innerV: number;
  out: number;
  bias: boolean;
}

function params(r: Random, d: Dims): Record<string, JsonTensor> {
  const p: Record<string, JsonTensor> = {
    Wq: r.tensor([d.dq, d.inner], 0.5),
    Wk: r.tensor([d.dk, d.inner], 0.5),
    Wv: r.tensor([d.dv, d.innerV], 0.5),
    Wo: r.tensor([d.innerV, d.out], 0.5),
  };
  if (d.bias) Object.assign(p, { bq: r.tensor([d.inner], 0.1), bk: r.tensor([d.inner], 0.1), bv: r.tensor([d.innerV], 0.1), bo: r.tensor([d.out], 0.1) });
  return p;
}

const square = (e: number, bias: boolean): Dims => ({ dq: e, dk: e, dv: e, inner: e, innerV: e, out: e, bias });

export const multiHeadCases: CaseDef[] = [
  { exercise: 'splitHeads', name: 'x [2,3,8], 2 heads', visibility: 'public', seed: 501, inputs: (r) => ({ x: r.tensor([2, 3, 8]), numHeads: 2 }) },
  { exercise: 'splitHeads', name: 'x [1,4,6], 3 heads', visibility: 'public', seed: 502, inputs: (r) => ({ x: r.tensor([1, 4, 6]), numHeads: 3 }) },
  { exercise: 'splitHeads', name: 'hidden: more heads, a larger batch', visibility: 'hidden', seed: 503, inputs: (r) => ({ x: r.tensor([3, 5, 12]), numHeads: 4 }) },

  { exercise: 'mergeHeads', name: 'x [2,2,3,4]', visibility: 'public', seed: 511, inputs: (r) => ({ x: r.tensor([2, 2, 3, 4]) }) },
  { exercise: 'mergeHeads', name: 'x [1,3,2,2]', visibility: 'public', seed: 512, inputs: (r) => ({ x: r.tensor([1, 3, 2, 2]) }) },
  { exercise: 'mergeHeads', name: 'hidden: more heads, a larger batch', visibility: 'hidden', seed: 513, inputs: (r) => ({ x: r.tensor([3, 4, 5, 2]) }) },

  {
    exercise: 'multiHeadAttention',
    name: 'self-attention, B = 2, L = 4, E = 8, 2 heads, with biases',
    visibility: 'public',
    seed: 521,
    inputs: (r) => {
      const x = r.tensor([2, 4, 8]);
      return { query: x, key: x, value: x, params: params(r, square(8, true)), numHeads: 2 };
    },
  },
  {
    exercise: 'multiHeadAttention',
    name: 'causal self-attention, mask [5,5], B = 2, E = 6, 3 heads',
    visibility: 'public',
    seed: 522,
    inputs: (r) => {
      const x = r.tensor([2, 5, 6]);
      return { query: x, key: x, value: x, params: params(r, square(6, true)), numHeads: 3, mask: causalKeepMask(5) };
    },
  },
  {
    exercise: 'multiHeadAttention',
    name: 'cross-attention with padding mask [2,1,6]: Lq = 3, Lk = 6, key/value dim 4, E = 8, 2 heads',
    visibility: 'public',
    seed: 523,
    inputs: (r) => ({
      query: r.tensor([2, 3, 8]),
      key: r.tensor([2, 6, 4]),
      value: r.tensor([2, 6, 4]),
      params: params(r, { dq: 8, dk: 4, dv: 4, inner: 8, innerV: 8, out: 8, bias: true }),
      numHeads: 2,
      mask: paddingKeepMask([6, 2], 6),
    }),
  },
  {
    exercise: 'multiHeadAttention',
    // masked, like every case but the first, so ignoring the mask fails most of the exercise
    name: 'hidden: no biases, narrower value heads, padding mask',
    visibility: 'hidden',
    seed: 524,
    inputs: (r) => ({
      query: r.tensor([2, 4, 8]),
      key: r.tensor([2, 5, 8]),
      value: r.tensor([2, 5, 8]),
      params: params(r, { dq: 8, dk: 8, dv: 8, inner: 8, innerV: 6, out: 8, bias: false }),
      numHeads: 2,
      mask: paddingKeepMask([3, 5], 5),
    }),
  },
  {
    exercise: 'multiHeadAttention',
    name: 'hidden: a fully masked query row',
    visibility: 'hidden',
    seed: 525,
    inputs: (r) => ({
      query: r.tensor([2, 3, 8]),
      key: r.tensor([2, 5, 8]),
      value: r.tensor([2, 5, 8]),
      params: params(r, square(8, true)),
      numHeads: 4,
      mask: { shape: [2, 3, 5], data: [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0] },
    }),
  },
];
