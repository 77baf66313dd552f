import type { ExerciseSpec } from './spec';

export const onlineSoftmaxUpdate: ExerciseSpec = {
  id: 'onlineSoftmaxUpdate',
  lesson: '11',
  title: 'Online softmax: fold one block of keys into the running state',
  points: 10,
  signature:
    'function onlineSoftmaxUpdate(state: { m: tf.Tensor; l: tf.Tensor; acc: tf.Tensor }, scores: tf.Tensor, values: tf.Tensor): { m: tf.Tensor; l: tf.Tensor; acc: tf.Tensor }',
  args: [
    { name: 'state', kind: 'tensors' },
    { name: 'scores', kind: 'tensor' },
    { name: 'values', kind: 'tensor' },
  ],
  result: { kind: 'record', fields: ['m', 'l', 'acc'] },
  start:
    "The new running maximum is m = tf.maximum(state.m, scores.max(-1, true)) [Lq, 1]. Everything in the state was summed relative to the old maximum, so multiply state.l and state.acc by exp(state.m − m) (at most 1; 0 on the first block, where state.m is −Infinity). Then add the block: p = exp(scores − m) [Lq, Bk], l gains p's row sums (keepDims) and acc gains tf.matMul(p, values) [Lq, dv].",
  // nothing finished in core or TF.js folds a block into a running softmax; tf.softmax and tf.exp are building blocks
  forbidden: [],
};
