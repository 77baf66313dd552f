import type { ExerciseSpec } from './spec';

export const positionalEncoding: ExerciseSpec = {
  id: 'positionalEncoding',
  lesson: '05',
  title: 'Sinusoidal positional encoding',
  points: 10,
  signature: 'function positionalEncoding(length: number, dim: number): tf.Tensor2D',
  args: [
    { name: 'length', kind: 'value' },
    { name: 'dim', kind: 'value' },
  ],
  result: { kind: 'tensor' },
  start:
    'PE[p, 2i] = sin(p / 10000^(2i/dim)) and PE[p, 2i+1] = cos(p / 10000^(2i/dim)): build a [length, 1] position column and a [1, dim/2] frequency row, then interleave sin and cos.',
  forbidden: ['core.positionalEncoding'],
};

export const shiftMatrix: ExerciseSpec = {
  id: 'shiftMatrix',
  lesson: '05',
  title: 'Moving k positions ahead as a rotation',
  points: 10,
  signature: 'function shiftMatrix(k: number, dim: number): tf.Tensor2D',
  args: [
    { name: 'k', kind: 'value' },
    { name: 'dim', kind: 'value' },
  ],
  result: { kind: 'tensor' },
  start: 'fill tf.buffer([dim, dim]): for each pair i, with angle = k / 10000^(2i/dim), the block at rows and columns 2i, 2i+1 is [[cos, -sin], [sin, cos]]; then call toTensor().',
  // row k of core's table holds every sin and cos this matrix needs
  forbidden: ['core.positionalEncoding'],
};
