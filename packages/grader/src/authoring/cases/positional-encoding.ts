import type { CaseDef } from './case-def';

const tolerance = { rtol: 1e-4, atol: 1e-4 };

export const positionalEncodingCases: CaseDef[] = [
  { exercise: 'positionalEncoding', name: 'length 4, dim 6', visibility: 'public', seed: 0, tolerance, inputs: () => ({ length: 4, dim: 6 }) },
  { exercise: 'positionalEncoding', name: 'length 9, dim 8', visibility: 'public', seed: 0, tolerance, inputs: () => ({ length: 9, dim: 8 }) },
  { exercise: 'positionalEncoding', name: 'hidden: a long sequence', visibility: 'hidden', seed: 0, tolerance, inputs: () => ({ length: 50, dim: 16 }) },
  { exercise: 'positionalEncoding', name: 'hidden: a single position', visibility: 'hidden', seed: 0, tolerance, inputs: () => ({ length: 1, dim: 4 }) },
];

export const shiftMatrixCases: CaseDef[] = [
  { exercise: 'shiftMatrix', name: 'k 5, dim 8', visibility: 'public', seed: 0, tolerance, inputs: () => ({ k: 5, dim: 8 }) },
  // no k = 0 case: the identity it expects is what a do-nothing answer returns
  { exercise: 'shiftMatrix', name: 'k 1, dim 4 (one step)', visibility: 'public', seed: 0, tolerance, inputs: () => ({ k: 1, dim: 4 }) },
  { exercise: 'shiftMatrix', name: 'hidden: a step back', visibility: 'hidden', seed: 0, tolerance, inputs: () => ({ k: -3, dim: 16 }) },
  { exercise: 'shiftMatrix', name: 'hidden: a long shift, wide encoding', visibility: 'hidden', seed: 0, tolerance, inputs: () => ({ k: 100, dim: 32 }) },
];
