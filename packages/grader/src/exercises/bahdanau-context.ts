import { coreSoftmaxes } from './scaled-dot-product';
import type { ExerciseSpec } from './spec';

export const bahdanauContext: ExerciseSpec = {
  id: 'bahdanauContext',
  lesson: '09',
  title: "Bahdanau attention: one decoder step's context",
  points: 10,
  signature:
    'function bahdanauContext(state: tf.Tensor, encoderOutputs: tf.Tensor, params: { Wq: tf.Tensor; Wk: tf.Tensor; wv: tf.Tensor }, mask?: tf.Tensor): { context: tf.Tensor; weights: tf.Tensor }',
  args: [
    { name: 'state', kind: 'tensor' },
    { name: 'encoderOutputs', kind: 'tensor' },
    { name: 'params', kind: 'tensors' },
    { name: 'mask', kind: 'tensor' },
  ],
  result: { kind: 'record', fields: ['context', 'weights'] },
  properties: { weights: 'weights', mask: 'mask' },
  start:
    'Project the state, state [B, ds] · Wq → [B, h], and every encoder output, encoderOutputs [B, L, de] reshaped to [B·L, de] · Wk → [B, L, h]. Add them with the state projection as [B, 1, h], apply tanh, and contract the last axis with wv: scores [B, L]. Blocked positions (mask 0) get -1e9 before a softmax over the L positions; multiply the weights by the mask so an input with nothing kept gets zeros. context [B, de] = tf.matMul(weights [B, 1, L], encoderOutputs) reshaped to [B, de].',
  // the exercise is additive attention with one query: core's finished versions would do it (tf.softmax stays a building block)
  forbidden: coreSoftmaxes,
};
