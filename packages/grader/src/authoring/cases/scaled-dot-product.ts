import type { JsonTensor } from '../../tensor-data';
import type { Random } from '../random';
import type { CaseDef } from './case-def';

/**
 * Every row of `t` [..., L, d] gets `value` as its feature 0. Queries and keys built this
 * way share a score of value² that every key of a row gets alike: the logits are in the
 * hundreds (exp overflows without the max shift) yet the softmax does not saturate, so the
 * 1/√d_k scaling still shows.
 */
function sharedFeature(t: JsonTensor, value: number): JsonTensor {
  const d = t.shape[t.shape.length - 1];
  return { ...t, data: t.data.map((x, i) => (i % d === 0 ? value : x)) };
}

/** q, k and v whose scores are value² plus a spread of a few units. */
function largeLogits(r: Random, q: number[], k: number[], v: number[]) {
  return { q: sharedFeature(r.tensor(q), 20), k: sharedFeature(r.tensor(k), 20), v: r.tensor(v) };
}

// Every case but the first has logits in the hundreds, so an unstable softmax fails most of the exercise.
export const scaledDotProductCases: CaseDef[] = [
  { exercise: 'softmax', name: 'matrix [3,5]', visibility: 'public', seed: 101, inputs: (r) => ({ x: r.tensor([3, 5], 2) }) },
  { exercise: 'softmax', name: 'batch [2,3,4] with logits in the hundreds', visibility: 'public', seed: 102, inputs: (r) => ({ x: r.tensor([2, 3, 4], 200) }) },
  { exercise: 'softmax', name: 'large logits [2,4] (scores in the hundreds)', visibility: 'public', seed: 103, inputs: (r) => ({ x: r.tensor([2, 4], 200) }) },
  { exercise: 'softmax', name: 'hidden: extra batch axes, large logits', visibility: 'hidden', seed: 104, inputs: (r) => ({ x: r.tensor([2, 2, 3, 5], 200) }) },
  { exercise: 'softmax', name: 'hidden: large logits', visibility: 'hidden', seed: 105, inputs: (r) => ({ x: r.tensor([3, 6], 400) }) },

  {
    exercise: 'scaledDotProductAttention',
    name: 'batch: q [2,4,8], k [2,6,8], v [2,6,5]',
    visibility: 'public',
    seed: 201,
    inputs: (r) => ({ q: r.tensor([2, 4, 8]), k: r.tensor([2, 6, 8]), v: r.tensor([2, 6, 5]) }),
  },
  {
    exercise: 'scaledDotProductAttention',
    name: 'no batch: q [3,4], k [5,4], v [5,2], logits in the hundreds',
    visibility: 'public',
    seed: 202,
    inputs: (r) => largeLogits(r, [3, 4], [5, 4], [5, 2]),
  },
  {
    exercise: 'scaledDotProductAttention',
    name: 'large logits that do not saturate: q [1,3,8], k [1,4,8], v [1,4,2]',
    visibility: 'public',
    seed: 205,
    inputs: (r) => largeLogits(r, [1, 3, 8], [1, 4, 8], [1, 4, 2]),
  },
  {
    exercise: 'scaledDotProductAttention',
    name: 'hidden: heads as a batch axis, large logits',
    visibility: 'hidden',
    seed: 203,
    inputs: (r) => largeLogits(r, [2, 2, 3, 8], [2, 2, 5, 8], [2, 2, 5, 3]),
  },
  {
    exercise: 'scaledDotProductAttention',
    name: 'hidden: large logits',
    visibility: 'hidden',
    seed: 204,
    inputs: (r) => largeLogits(r, [2, 4, 8], [2, 6, 8], [2, 6, 3]),
  },
];
