import { coreSoftmaxes } from './scaled-dot-product';
import type { ExerciseSpec } from './spec';

export const paddingMask: ExerciseSpec = {
  id: 'paddingMask',
  lesson: '03',
  title: 'Padding keep-mask',
  points: 10,
  signature: 'function paddingMask(validLens: number[], lk: number): tf.Tensor',
  args: [
    { name: 'validLens', kind: 'value' },
    { name: 'lk', kind: 'value' },
  ],
  result: { kind: 'tensor' },
  start:
    'Key position j of sequence b is kept when j < validLens[b]. Compare a row of positions (tf.range) with a column of lengths and let broadcasting build the [B, Lk] grid; return it as [B, 1, Lk] with 1 = keep.',
  forbidden: ['core.paddingMask'],
};

export const causalMask: ExerciseSpec = {
  id: 'causalMask',
  lesson: '03',
  title: 'Causal keep-mask',
  points: 10,
  signature: 'function causalMask(l: number): tf.Tensor2D',
  args: [{ name: 'l', kind: 'value' }],
  result: { kind: 'tensor' },
  start: 'Query i (row) may see keys j <= i (columns): you want a lower-triangular [L, L] matrix of ones; tf.linalg.bandPart can cut one out of tf.ones.',
  // tf.linalg.bandPart is a building block; core's attention builds this mask for its `causal` option
  forbidden: ['core.causalMask', 'core.scaledDotProductAttention', 'core.MultiHeadAttention'],
};

export const maskedSoftmax: ExerciseSpec = {
  id: 'maskedSoftmax',
  lesson: '03',
  title: 'Masked softmax',
  points: 10,
  signature: 'function maskedSoftmax(scores: tf.Tensor, mask: tf.Tensor): tf.Tensor',
  args: [
    { name: 'scores', kind: 'tensor' },
    { name: 'mask', kind: 'tensor' },
  ],
  result: { kind: 'tensor' },
  properties: { weights: 'result', mask: 'mask' },
  start: 'Replace blocked scores (mask 0) with a very negative number before a stable softmax over the last axis, then zero rows whose keys are all blocked.',
  // the exercise is the masking, not the softmax: tf.softmax stays allowed (the student's softmax is in another lesson)
  forbidden: coreSoftmaxes,
};
