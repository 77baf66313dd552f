import { coreSoftmaxes } from './scaled-dot-product';
import type { ExerciseSpec } from './spec';

export const aspectAttention: ExerciseSpec = {
  id: 'aspectAttention',
  lesson: '07',
  title: 'Aspect attention: one learned query per aspect',
  points: 10,
  signature: 'function aspectAttention(h: tf.Tensor, aspects: tf.Tensor, mask?: tf.Tensor): { output: tf.Tensor; weights: tf.Tensor }',
  args: [
    { name: 'h', kind: 'tensor' },
    { name: 'aspects', kind: 'tensor' },
    { name: 'mask', kind: 'tensor' },
  ],
  result: { kind: 'record', fields: ['output', 'weights'] },
  properties: { weights: 'weights', mask: 'mask', maskGainsHeadAxis: true },
  start:
    'Scores [B, A, L]: every aspect query against every token state, h [B, L, d] as [B·L, d] times aspectsᵀ [d, A], reshaped to [B, L, A] and transposed (not reshaped) to [B, A, L], divided by √d. Give blocked positions (mask [B, L] as [B, 1, L], 0 = blocked) -1e9, softmax over the L positions, multiply by the mask; output [B, A, d] = tf.matMul(weights, h).',
  // the exercise is a masked softmax over positions and a weighted sum: core's finished ones would do it (tf.softmax stays a building block)
  forbidden: coreSoftmaxes,
};
