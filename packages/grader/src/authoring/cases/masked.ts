import type { CaseDef } from './case-def';
import { causalKeepMask, paddingKeepMask } from './masks';

export const maskedCases: CaseDef[] = [
  { exercise: 'paddingMask', name: 'validLens [2,4], Lk = 5', visibility: 'public', seed: 0, inputs: () => ({ validLens: [2, 4], lk: 5 }) },
  { exercise: 'paddingMask', name: 'validLens [1,3,0], Lk = 4 (one sequence fully padded)', visibility: 'public', seed: 0, inputs: () => ({ validLens: [1, 3, 0], lk: 4 }) },
  { exercise: 'paddingMask', name: 'validLens [5,1,3,6], Lk = 6', visibility: 'hidden', seed: 0, inputs: () => ({ validLens: [5, 1, 3, 6], lk: 6 }) },

  { exercise: 'causalMask', name: 'L = 4', visibility: 'public', seed: 0, inputs: () => ({ l: 4 }) },
  { exercise: 'causalMask', name: 'L = 2', visibility: 'public', seed: 0, inputs: () => ({ l: 2 }) },
  { exercise: 'causalMask', name: 'L = 7', visibility: 'hidden', seed: 0, inputs: () => ({ l: 7 }) },

  {
    exercise: 'maskedSoftmax',
    name: 'padding mask [2,1,5] over scores [2,3,5]',
    visibility: 'public',
    seed: 401,
    inputs: (r) => ({ scores: r.tensor([2, 3, 5], 2), mask: paddingKeepMask([2, 4], 5) }),
  },
  {
    exercise: 'maskedSoftmax',
    name: 'causal mask [4,4] over scores [2,4,4]',
    visibility: 'public',
    seed: 402,
    inputs: (r) => ({ scores: r.tensor([2, 4, 4], 2), mask: causalKeepMask(4) }),
  },
  {
    exercise: 'maskedSoftmax',
    name: 'mask [2,3,5] with a fully masked row',
    visibility: 'public',
    seed: 403,
    inputs: (r) => ({
      scores: r.tensor([2, 3, 5], 2),
      mask: { shape: [2, 3, 5], data: [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 0] },
    }),
  },
  {
    exercise: 'maskedSoftmax',
    name: 'large logits [1,2,4] with causal-style mask [2,4]',
    visibility: 'public',
    seed: 407,
    inputs: (r) => ({ scores: r.tensor([1, 2, 4], 200), mask: { shape: [2, 4], data: [1, 1, 0, 0, 1, 1, 1, 0] } }),
  },
  {
    exercise: 'maskedSoftmax',
    name: '4-D scores [2,2,3,6], mask [2,1,1,6], second sequence fully padded',
    visibility: 'hidden',
    seed: 404,
    inputs: (r) => ({ scores: r.tensor([2, 2, 3, 6], 2), mask: { ...paddingKeepMask([4, 0], 6), shape: [2, 1, 1, 6] } }),
  },
  {
    exercise: 'maskedSoftmax',
    name: 'large logits [2,3,5] with padding mask [2,1,5]',
    visibility: 'hidden',
    seed: 405,
    inputs: (r) => ({ scores: r.tensor([2, 3, 5], 300), mask: paddingKeepMask([3, 5], 5) }),
  },
];
