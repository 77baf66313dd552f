import type { CaseDef } from './case-def';
import { causalKeepMask, paddingKeepMask } from './masks';

export const maskedCases: CaseDef[] = [
  { exercise: 'paddingMask', name: 'validLens [2,4], Lk = 5', visibility: 'public', seed: 0, inputs: () => ({ validLens: [2, 4], lk: 5 }) },
  { exercise: 'paddingMask', name: 'validLens [1,3,0], Lk = 4 (one sequence fully padded)', visibility: 'public', seed: 0, inputs: () => ({ validLens: [1, 3, 0], lk: 4 }) },
  { exercise: 'paddingMask', name: 'hidden: a larger batch, one sequence without padding', visibility: 'hidden', seed: 0, inputs: () => ({ validLens: [5, 1, 3, 6], lk: 6 }) },

  { exercise: 'causalMask', name: 'L = 4', visibility: 'public', seed: 0, inputs: () => ({ l: 4 }) },
  { exercise: 'causalMask', name: 'L = 2', visibility: 'public', seed: 0, inputs: () => ({ l: 2 }) },
  { exercise: 'causalMask', name: 'hidden: a longer sequence', visibility: 'hidden', seed: 0, inputs: () => ({ l: 7 }) },

  // Most cases have both a fully masked row and logits in the hundreds, so a softmax that is
  // unstable, or wrong on fully masked rows, fails most of the exercise.
  {
    exercise: 'maskedSoftmax',
    name: 'padding mask [2,1,5] over scores [2,3,5], second sequence fully padded',
    visibility: 'public',
    seed: 401,
    inputs: (r) => ({ scores: r.tensor([2, 3, 5], 2), mask: paddingKeepMask([3, 0], 5) }),
  },
  {
    exercise: 'maskedSoftmax',
    name: 'causal mask [4,4] over scores [2,4,4] in the hundreds',
    visibility: 'public',
    seed: 402,
    inputs: (r) => ({ scores: r.tensor([2, 4, 4], 200), mask: causalKeepMask(4) }),
  },
  {
    exercise: 'maskedSoftmax',
    name: 'mask [2,3,5] with a fully masked row, scores in the hundreds',
    visibility: 'public',
    seed: 403,
    inputs: (r) => ({
      scores: r.tensor([2, 3, 5], 200),
      mask: { shape: [2, 3, 5], data: [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 0] },
    }),
  },
  {
    exercise: 'maskedSoftmax',
    name: 'large logits [1,2,4] with mask [2,4] whose first row is fully masked',
    visibility: 'public',
    seed: 407,
    inputs: (r) => ({ scores: r.tensor([1, 2, 4], 200), mask: { shape: [2, 4], data: [0, 0, 0, 0, 1, 1, 1, 0] } }),
  },
  {
    exercise: 'maskedSoftmax',
    name: 'hidden: extra batch axes, a fully padded sequence, large logits',
    visibility: 'hidden',
    seed: 404,
    inputs: (r) => ({ scores: r.tensor([2, 2, 3, 6], 200), mask: { ...paddingKeepMask([4, 0], 6), shape: [2, 1, 1, 6] } }),
  },
  {
    exercise: 'maskedSoftmax',
    name: 'hidden: padding mask with a fully padded sequence, large logits',
    visibility: 'hidden',
    seed: 405,
    inputs: (r) => ({ scores: r.tensor([2, 3, 5], 300), mask: paddingKeepMask([0, 3], 5) }),
  },
];
