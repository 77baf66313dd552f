import { coreSoftmaxes } from './scaled-dot-product';
import type { ExerciseSpec } from './spec';

export const targetAttention: ExerciseSpec = {
  id: 'targetAttention',
  lesson: '08',
  title: 'Target attention: the candidate is the query over the history',
  points: 10,
  signature: 'function targetAttention(history: tf.Tensor, candidate: tf.Tensor, mask?: tf.Tensor): { output: tf.Tensor; weights: tf.Tensor }',
  args: [
    { name: 'history', kind: 'tensor' },
    { name: 'candidate', kind: 'tensor' },
    { name: 'mask', kind: 'tensor' },
  ],
  result: { kind: 'record', fields: ['output', 'weights'] },
  properties: { weights: 'weights', mask: 'mask' },
  start:
    "One score per step of each learner's history, against that learner's own candidate: history [B, T, d] times candidate as [B, d, 1] (a batched matMul), reshaped to [B, T] and divided by √d. Blocked steps (mask 0) get -1e9 before a softmax over the T steps; multiply the weights by the mask so an empty history gets zeros. output [B, d] = tf.matMul(weights [B, 1, T], history) reshaped to [B, d].",
  // the exercise is a masked softmax over the history and a weighted sum: core's finished ones would do it (tf.softmax stays a building block)
  forbidden: coreSoftmaxes,
};
