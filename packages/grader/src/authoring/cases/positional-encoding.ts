import type { CaseDef } from './case-def';

const tolerance = { rtol: 1e-4, atol: 1e-4 };

export const positionalEncodingCases: CaseDef[] = [
  { exercise: 'positionalEncoding', name: 'length 4, dim 6', visibility: 'public', seed: 0, tolerance, inputs: () => ({ length: 4, dim: 6 }) },
  { exercise: 'positionalEncoding', name: 'length 9, dim 8', visibility: 'public', seed: 0, tolerance, inputs: () => ({ length: 9, dim: 8 }) },
  { exercise: 'positionalEncoding', name: 'length 50, dim 16', visibility: 'hidden', seed: 0, tolerance, inputs: () => ({ length: 50, dim: 16 }) },
  { exercise: 'positionalEncoding', name: 'length 1, dim 4', visibility: 'hidden', seed: 0, tolerance, inputs: () => ({ length: 1, dim: 4 }) },
];

export const shiftMatrixCases: CaseDef[] = [
  { exercise: 'shiftMatrix', name: 'k 5, dim 8', visibility: 'public', seed: 0, tolerance, inputs: () => ({ k: 5, dim: 8 }) },
  { exercise: 'shiftMatrix', name: 'k 0, dim 4 (the identity)', visibility: 'public', seed: 0, tolerance, inputs: () => ({ k: 0, dim: 4 }) },
  { exercise: 'shiftMatrix', name: 'k -3 (a step back), dim 16', visibility: 'hidden', seed: 0, tolerance, inputs: () => ({ k: -3, dim: 16 }) },
  { exercise: 'shiftMatrix', name: 'k 100, dim 32', visibility: 'hidden', seed: 0, tolerance, inputs: () => ({ k: 100, dim: 32 }) },
];
