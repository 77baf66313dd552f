import type { CaseDef } from './case-def';

const tolerance = { rtol: 1e-4, atol: 1e-4 };

export const positionalEncodingCases: CaseDef[] = [
  { exercise: 'positionalEncoding', name: 'length 4, dim 6', visibility: 'public', seed: 0, tolerance, inputs: () => ({ length: 4, dim: 6 }) },
  { exercise: 'positionalEncoding', name: 'length 9, dim 8', visibility: 'public', seed: 0, tolerance, inputs: () => ({ length: 9, dim: 8 }) },
  { exercise: 'positionalEncoding', name: 'length 50, dim 16', visibility: 'hidden', seed: 0, tolerance, inputs: () => ({ length: 50, dim: 16 }) },
  { exercise: 'positionalEncoding', name: 'length 1, dim 4', visibility: 'hidden', seed: 0, tolerance, inputs: () => ({ length: 1, dim: 4 }) },
];
