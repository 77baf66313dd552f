import type { ExerciseSpec } from './spec';

export const splitHeads: ExerciseSpec = {
  id: 'splitHeads',
  lesson: '04',
  title: 'Split into heads',
  points: 10,
  signature: 'function splitHeads(x: tf.Tensor, numHeads: number): tf.Tensor',
  args: [
    { name: 'x', kind: 'tensor' },
    { name: 'numHeads', kind: 'value' },
  ],
  result: { kind: 'tensor' },
  start:
    'Each head owns a contiguous block of d = width / numHeads columns: make the head index its own axis with a reshape, then move it in front of the positions with a transpose.',
  forbidden: ['core.MultiHeadAttention'],
};

export const mergeHeads: ExerciseSpec = {
  id: 'mergeHeads',
  lesson: '04',
  title: 'Merge heads',
  points: 10,
  signature: 'function mergeHeads(x: tf.Tensor): tf.Tensor',
  args: [{ name: 'x', kind: 'tensor' }],
  result: { kind: 'tensor' },
  start: "Undo splitHeads step by step in reverse order: bring the positions back in front of the heads, then join the heads' blocks side by side.",
  forbidden: ['core.MultiHeadAttention'],
};

export const multiHeadAttention: ExerciseSpec = {
  id: 'multiHeadAttention',
  lesson: '04',
  title: 'Multi-head attention',
  points: 10,
  signature:
    'function multiHeadAttention(query: tf.Tensor, key: tf.Tensor, value: tf.Tensor, params: { Wq: tf.Tensor; Wk: tf.Tensor; Wv: tf.Tensor; Wo: tf.Tensor; bq?: tf.Tensor; bk?: tf.Tensor; bv?: tf.Tensor; bo?: tf.Tensor }, numHeads: number, mask?: tf.Tensor): { output: tf.Tensor; weights: tf.Tensor }',
  args: [
    { name: 'query', kind: 'tensor' },
    { name: 'key', kind: 'tensor' },
    { name: 'value', kind: 'tensor' },
    { name: 'params', kind: 'tensors' },
    { name: 'numHeads', kind: 'value' },
    { name: 'mask', kind: 'tensor' },
  ],
  result: { kind: 'record', fields: ['output', 'weights'] },
  properties: { weights: 'weights', mask: 'mask', maskGainsHeadAxis: true },
  start:
    'Project query, key and value (x · W + b), split each into heads (your splitHeads), run scaled dot-product attention per head (a rank-3 mask [B, Lq, Lk] needs a head axis: expandDims(1)), merge the heads (your mergeHeads) and apply Wo (+ bo).',
  // core.scaledDotProductAttention is a building block here: lessons 01 and 03 built it, masks included
  forbidden: ['core.MultiHeadAttention'],
  dependsOn: ['splitHeads', 'mergeHeads', 'scaledDotProductAttention'],
};
