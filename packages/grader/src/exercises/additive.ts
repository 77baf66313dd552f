import type { ExerciseSpec } from './spec';

const queryAndKey = [
  { name: 'q', kind: 'tensor' },
  { name: 'k', kind: 'tensor' },
] as const;

export const additiveScores: ExerciseSpec = {
  id: 'additiveScores',
  lesson: '02',
  title: 'Additive (Bahdanau) attention scores',
  points: 10,
  signature: 'function additiveScores(q: tf.Tensor, k: tf.Tensor, Wq: tf.Tensor, Wk: tf.Tensor, wv: tf.Tensor): tf.Tensor',
  args: [...queryAndKey, { name: 'Wq', kind: 'tensor' }, { name: 'Wk', kind: 'tensor' }, { name: 'wv', kind: 'tensor' }],
  result: { kind: 'tensor' },
  start:
    'Project q with Wq and k with Wk, add them with broadcasting (expandDims so queries and keys form an [..., Lq, Lk, h] grid), apply tanh, then contract the last axis with wv.',
  forbidden: ['core.additiveAttention', 'core.AdditiveAttention'],
};

export const additiveAttention: ExerciseSpec = {
  id: 'additiveAttention',
  lesson: '02',
  title: 'Additive attention',
  points: 10,
  signature: 'function additiveAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, Wq: tf.Tensor, Wk: tf.Tensor, wv: tf.Tensor): { output: tf.Tensor; weights: tf.Tensor }',
  args: [...queryAndKey, { name: 'v', kind: 'tensor' }, { name: 'Wq', kind: 'tensor' }, { name: 'Wk', kind: 'tensor' }, { name: 'wv', kind: 'tensor' }],
  result: { kind: 'record', fields: ['output', 'weights'] },
  properties: { weights: 'weights' },
  start: 'Compute the additive scores [..., Lq, Lk] (your additiveScores may do it), softmax them over the keys (last axis), and multiply the weights by v.',
  forbidden: ['core.additiveAttention', 'core.AdditiveAttention'],
  dependsOn: ['additiveScores'],
};
