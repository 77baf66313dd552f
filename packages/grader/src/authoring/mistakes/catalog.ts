import { additiveMistakes } from './additive';
import { aspectAttentionMistakes } from './aspect-attention';
import { attentionPoolingMistakes } from './attention-pooling';
import { bahdanauContextMistakes } from './bahdanau-context';
import { maskMistakes } from './masked';
import type { Mistake } from './mistake';
import { mergeHeadsMistakes, multiHeadAttentionMistakes, splitHeadsMistakes } from './multi-head';
import { onlineSoftmaxMistakes } from './online-softmax';
import { positionalEncodingMistakes, shiftMatrixMistakes } from './positional-encoding';
import { scaledDotProductAttentionMistakes, softmaxMistakes } from './scaled-dot-product';
import { targetAttentionMistakes } from './target-attention';
import { layerNormMistakes, transformerBlockMistakes } from './transformer-block';

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
  ...attentionPoolingMistakes,
  ...aspectAttentionMistakes,
  ...targetAttentionMistakes,
  ...bahdanauContextMistakes,
  ...layerNormMistakes,
  ...transformerBlockMistakes,
  ...onlineSoftmaxMistakes,
];
