import type { ExerciseSpec } from './spec';

export const layerNorm: ExerciseSpec = {
  id: 'layerNorm',
  lesson: '10',
  title: 'Layer normalisation',
  points: 10,
  signature: 'function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, eps = 1e-5): tf.Tensor',
  args: [
    { name: 'x', kind: 'tensor' },
    { name: 'gamma', kind: 'tensor' },
    { name: 'beta', kind: 'tensor' },
    { name: 'eps', kind: 'value' },
  ],
  result: { kind: 'tensor' },
  start:
    'Over the last axis of x [..., E]: the mean μ and the variance σ² = mean((x − μ)²) (divided by E, not E − 1), both with keepDims so they broadcast; then gamma · (x − μ) / √(σ² + eps) + beta.',
  // the exercise is the normalisation itself: the finished layer and tf.moments would do it
  forbidden: ['tf.layers', 'tf.moments'],
};

export const transformerBlock: ExerciseSpec = {
  id: 'transformerBlock',
  lesson: '10',
  title: 'A pre-LN Transformer block',
  points: 10,
  signature:
    'function transformerBlock(x: tf.Tensor, params: { ln1: { gamma: tf.Tensor; beta: tf.Tensor }; attn: { Wq: tf.Tensor; Wk: tf.Tensor; Wv: tf.Tensor; Wo: tf.Tensor; bq: tf.Tensor; bk: tf.Tensor; bv: tf.Tensor; bo: tf.Tensor }; ln2: { gamma: tf.Tensor; beta: tf.Tensor }; ffn: { W1: tf.Tensor; b1: tf.Tensor; W2: tf.Tensor; b2: tf.Tensor } }, numHeads: number, mask?: tf.Tensor): tf.Tensor',
  args: [
    { name: 'x', kind: 'tensor' },
    { name: 'params', kind: 'tensors' },
    { name: 'numHeads', kind: 'value' },
    { name: 'mask', kind: 'tensor' },
  ],
  result: { kind: 'tensor' },
  start:
    'h = x + MHA(LN1(x)), then output = h + FFN(LN2(h)), with LN your layerNorm (params.ln1, params.ln2), MHA multi-head self-attention with params.attn and the keep-mask (project, split into heads, core.scaledDotProductAttention, merge, Wo; a rank-3 mask needs expandDims(1)), and FFN(z) = relu(z·W1 + b1)·W2 + b2.',
  // core.scaledDotProductAttention is a building block (lessons 01 and 03); the finished multi-head layer is lesson 04's exercise
  forbidden: ['core.MultiHeadAttention', 'tf.layers'],
  dependsOn: ['layerNorm'],
};
