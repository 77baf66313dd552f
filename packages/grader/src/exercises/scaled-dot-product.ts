import type { ExerciseSpec } from './spec';

/** Everything in core that applies a softmax over the keys, so computes one for you. */
export const coreSoftmaxes = ['core.maskedSoftmax', 'core.scaledDotProductAttention', 'core.additiveAttention', 'core.AdditiveAttention', 'core.MultiHeadAttention'] as const;

/**
 * TF.js's softmax in every form: the op and its log, the tensor methods, the layers and
 * models that build one (also from JSON), the loss whose gradient is one, and the engine and
 * kernel registry that run the Softmax kernel by name.
 */
const tfSoftmaxes = [
  'tf.softmax',
  'Tensor.softmax',
  'tf.logSoftmax',
  'Tensor.logSoftmax',
  'tf.layers',
  'tf.models',
  'tf.model',
  'tf.sequential',
  'tf.loadLayersModel',
  'tf.loadGraphModel',
  'tf.loadGraphModelSync',
  'tf.serialization',
  'tf.losses.softmaxCrossEntropy',
  'tf.engine',
  'tf.getKernel',
  'tf.getKernelsForBackend',
] as const;

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
  forbidden: [...coreSoftmaxes, ...tfSoftmaxes],
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
  // tf.softmax is a building block here (lesson 01 says to use it: the grader cannot see the student's softmax)
  forbidden: ['core.scaledDotProductAttention', 'core.MultiHeadAttention'],
};
