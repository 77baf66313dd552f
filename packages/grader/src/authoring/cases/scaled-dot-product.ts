import type { CaseDef } from './case-def';

export const scaledDotProductCases: CaseDef[] = [
  { exercise: 'softmax', name: 'matrix [3,5]', visibility: 'public', seed: 101, inputs: (r) => ({ x: r.tensor([3, 5], 2) }) },
  { exercise: 'softmax', name: 'batch [2,3,4]', visibility: 'public', seed: 102, inputs: (r) => ({ x: r.tensor([2, 3, 4]) }) },
  { exercise: 'softmax', name: 'large logits [2,4] (scores in the hundreds)', visibility: 'public', seed: 103, inputs: (r) => ({ x: r.tensor([2, 4], 200) }) },
  { exercise: 'softmax', name: '4-D [2,2,3,5]', visibility: 'hidden', seed: 104, inputs: (r) => ({ x: r.tensor([2, 2, 3, 5], 3) }) },
  { exercise: 'softmax', name: 'large logits [3,6]', visibility: 'hidden', seed: 105, inputs: (r) => ({ x: r.tensor([3, 6], 400) }) },

  {
    exercise: 'scaledDotProductAttention',
    name: 'batch: q [2,4,8], k [2,6,8], v [2,6,5]',
    visibility: 'public',
    seed: 201,
    inputs: (r) => ({ q: r.tensor([2, 4, 8]), k: r.tensor([2, 6, 8]), v: r.tensor([2, 6, 5]) }),
  },
  {
    exercise: 'scaledDotProductAttention',
    name: 'no batch: q [3,4], k [5,4], v [5,2]',
    visibility: 'public',
    seed: 202,
    inputs: (r) => ({ q: r.tensor([3, 4], 2), k: r.tensor([5, 4], 2), v: r.tensor([5, 2]) }),
  },
  {
    exercise: 'scaledDotProductAttention',
    name: 'large logits: q, k ~ N(0, 10²), [1,3,8] · [1,4,8]',
    visibility: 'public',
    seed: 205,
    inputs: (r) => ({ q: r.tensor([1, 3, 8], 10), k: r.tensor([1, 4, 8], 10), v: r.tensor([1, 4, 2]) }),
  },
  {
    exercise: 'scaledDotProductAttention',
    name: 'heads as batch: q [2,2,3,8], k [2,2,5,8], v [2,2,5,3]',
    visibility: 'hidden',
    seed: 203,
    inputs: (r) => ({ q: r.tensor([2, 2, 3, 8]), k: r.tensor([2, 2, 5, 8]), v: r.tensor([2, 2, 5, 3]) }),
  },
  {
    exercise: 'scaledDotProductAttention',
    name: 'large logits: q, k ~ N(0, 20²), [2,4,8] · [2,6,8]',
    visibility: 'hidden',
    seed: 204,
    inputs: (r) => ({ q: r.tensor([2, 4, 8], 20), k: r.tensor([2, 6, 8], 20), v: r.tensor([2, 6, 3]) }),
  },
];
