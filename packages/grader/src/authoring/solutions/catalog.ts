import { additiveAttention, additiveScores } from './additive';
import { causalMask, maskedSoftmax, paddingMask } from './masked';
import { mergeHeads, multiHeadAttention, splitHeads } from './multi-head';
import { positionalEncoding, shiftMatrix } from './positional-encoding';
import { scaledDotProductAttention, softmax } from './scaled-dot-product';

/** The instructor's reference solution of each exercise, by exercise id. */
export const solutions: Record<string, (...args: never[]) => unknown> = {
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
};
