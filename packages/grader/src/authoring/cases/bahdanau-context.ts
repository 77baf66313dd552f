import type { JsonTensor } from '../../tensor-data';
import type { Random } from '../random';
import type { CaseDef } from './case-def';

/** state [B, ds], encoder outputs [B, L, de] and params with hidden size h; weights scaled so tanh is neither linear nor saturated. */
function inputs(r: Random, b: number, l: number, ds: number, de: number, h: number) {
  return {
    state: r.tensor([b, ds]),
    encoderOutputs: r.tensor([b, l, de]),
    params: { Wq: r.tensor([ds, h], 0.8), Wk: r.tensor([de, h], 0.8), wv: r.tensor([h], 1.5) },
  };
}

/** A keep-mask [B, L] of right padding, from each input's number of characters (0 = nothing kept). */
function lengths(lens: number[], l: number): JsonTensor {
  return { shape: [lens.length, l], data: lens.flatMap((n) => Array.from({ length: l }, (_, j) => (j < n ? 1 : 0))) };
}

// All but the first case are masked with an input that keeps nothing, so each masking mistake fails most of the exercise.
export const bahdanauContextCases: CaseDef[] = [
  {
    exercise: 'bahdanauContext',
    name: 'state [2,5], encoder outputs [2,4,3], h = 6, no mask',
    visibility: 'public',
    seed: 901,
    inputs: (r) => inputs(r, 2, 4, 5, 3, 6),
  },
  {
    exercise: 'bahdanauContext',
    name: 'right padding [3,6]: lengths 6, 3 and 0 (nothing kept); ds = 4, de = 5, h = 3',
    visibility: 'public',
    seed: 902,
    inputs: (r) => ({ ...inputs(r, 3, 6, 4, 5, 3), mask: lengths([6, 3, 0], 6) }),
  },
  {
    exercise: 'bahdanauContext',
    name: 'one kept character, and none: mask [2,5] with lengths 1 and 0; ds = 8, de = 2, h = 4',
    visibility: 'public',
    seed: 903,
    inputs: (r) => ({ ...inputs(r, 2, 5, 8, 2, 4), mask: lengths([1, 0], 5) }),
  },
  {
    exercise: 'bahdanauContext',
    name: 'hidden: padding, an input with nothing kept, a wide state',
    visibility: 'hidden',
    seed: 904,
    inputs: (r) => ({ ...inputs(r, 4, 7, 9, 4, 5), mask: lengths([7, 2, 0, 5], 7) }),
  },
  {
    exercise: 'bahdanauContext',
    name: 'hidden: gaps in the mask, and an input with nothing kept',
    visibility: 'hidden',
    seed: 905,
    inputs: (r) => ({
      ...inputs(r, 2, 8, 3, 6, 7),
      mask: { shape: [2, 8], data: [1, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0] },
    }),
  },
];
