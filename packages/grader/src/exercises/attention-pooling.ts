import { coreSoftmaxes } from './scaled-dot-product';
import type { ExerciseSpec } from './spec';

export const attentionPooling: ExerciseSpec = {
  id: 'attentionPooling',
  lesson: '06',
  title: 'Attention pooling with a learned query',
  points: 10,
  signature: 'function attentionPooling(h: tf.Tensor, query: tf.Tensor, mask?: tf.Tensor): { output: tf.Tensor; weights: tf.Tensor }',
  args: [
    { name: 'h', kind: 'tensor' },
    { name: 'query', kind: 'tensor' },
    { name: 'mask', kind: 'tensor' },
  ],
  result: { kind: 'record', fields: ['output', 'weights'] },
  properties: { weights: 'weights', mask: 'mask' },
  start:
    'One score per position: h [B, L, d] times the query as a column [d, 1], reshaped to [B, L] and divided by √d. Blocked positions (mask 0) get -1e9 before a softmax over the L positions; multiply the weights by the mask so an email with no kept position gets zeros. output [B, d] is Σ_t weights[b, t] · h[b, t, :], a matMul of weights [B, 1, L] with h.',
  // the pooling is a masked softmax and a weighted sum: core's finished ones would do the exercise (tf.softmax stays a building block)
  forbidden: coreSoftmaxes,
};
