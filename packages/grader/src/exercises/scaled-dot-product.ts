import type { ExerciseSpec } from './spec';

export const softmax: ExerciseSpec = {
  id: 'softmax',
  lesson: '01',
  title: 'Numerically stable softmax',
  points: 10,
  signature: 'function softmax(x: tf.Tensor): tf.Tensor',
  args: [{ name: 'x', kind: 'tensor' }],
  result: { kind: 'tensor' },
  properties: { weights: 'result' },
  start: "Work along the last axis (axis -1) and keep dimensions (keepDims = true) so per-row values broadcast back; subtract each row's maximum before exponentiating.",
};

export const scaledDotProductAttention: ExerciseSpec = {
  id: 'scaledDotProductAttention',
  lesson: '01',
  title: 'Scaled dot-product attention',
  points: 10,
  signature: 'function scaledDotProductAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor): { output: tf.Tensor; weights: tf.Tensor }',
  args: [
    { name: 'q', kind: 'tensor' },
    { name: 'k', kind: 'tensor' },
    { name: 'v', kind: 'tensor' },
  ],
  result: { kind: 'record', fields: ['output', 'weights'] },
  properties: { weights: 'weights' },
  start: 'Scores are tf.matMul(q, k, false, true) divided by √d_k (the last dimension of k); softmax them over the keys, then multiply by v.',
};
