import { additiveAttention, additiveScores } from './additive';
import { aspectAttention } from './aspect-attention';
import { attentionPooling } from './attention-pooling';
import { bahdanauContext } from './bahdanau-context';
import { causalMask, maskedSoftmax, paddingMask } from './masked';
import { mergeHeads, multiHeadAttention, splitHeads } from './multi-head';
import { onlineSoftmaxUpdate } from './online-softmax';
import { positionalEncoding, shiftMatrix } from './positional-encoding';
import { scaledDotProductAttention, softmax } from './scaled-dot-product';
import type { ExerciseSpec } from './spec';
import { targetAttention } from './target-attention';
import { layerNorm, transformerBlock } from './transformer-block';

/** Every graded exercise, in lesson order. */
export const exercises: readonly ExerciseSpec[] = [
  softmax,
  scaledDotProductAttention,
  additiveScores,
  additiveAttention,
  paddingMask,
  causalMask,
  maskedSoftmax,
  splitHeads,
  mergeHeads,
  multiHeadAttention,
  positionalEncoding,
  shiftMatrix,
  attentionPooling,
  aspectAttention,
  targetAttention,
  bahdanauContext,
  layerNorm,
  transformerBlock,
  onlineSoftmaxUpdate,
];

export function exerciseById(id: string): ExerciseSpec | undefined {
  return exercises.find((e) => e.id === id);
}
