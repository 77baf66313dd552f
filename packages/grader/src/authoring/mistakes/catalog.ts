import { additiveMistakes } from './additive';
import { maskMistakes } from './masked';
import type { Mistake } from './mistake';
import { mergeHeadsMistakes, multiHeadAttentionMistakes, splitHeadsMistakes } from './multi-head';
import { positionalEncodingMistakes, shiftMatrixMistakes } from './positional-encoding';
import { scaledDotProductAttentionMistakes, softmaxMistakes } from './scaled-dot-product';

/** Every known mistake, grouped in lesson order. */
export const mistakes: readonly Mistake[] = [
  ...softmaxMistakes,
  ...scaledDotProductAttentionMistakes,
  ...additiveMistakes,
  ...maskMistakes,
  ...splitHeadsMistakes,
  ...mergeHeadsMistakes,
  ...multiHeadAttentionMistakes,
  ...positionalEncodingMistakes,
  ...shiftMatrixMistakes,
];
