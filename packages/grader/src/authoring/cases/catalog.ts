import { additiveCases } from './additive';
import { aspectAttentionCases } from './aspect-attention';
import { attentionPoolingCases } from './attention-pooling';
import { bahdanauContextCases } from './bahdanau-context';
import type { CaseDef } from './case-def';
import { maskedCases } from './masked';
import { multiHeadCases } from './multi-head';
import { onlineSoftmaxCases } from './online-softmax';
import { positionalEncodingCases, shiftMatrixCases } from './positional-encoding';
import { scaledDotProductCases } from './scaled-dot-product';
import { targetAttentionCases } from './target-attention';
import { layerNormCases, transformerBlockCases } from './transformer-block';

export const caseDefs: readonly CaseDef[] = [
  ...scaledDotProductCases,
  ...additiveCases,
  ...maskedCases,
  ...multiHeadCases,
  ...positionalEncodingCases,
  ...shiftMatrixCases,
  ...attentionPoolingCases,
  ...aspectAttentionCases,
  ...targetAttentionCases,
  ...bahdanauContextCases,
  ...layerNormCases,
  ...transformerBlockCases,
  ...onlineSoftmaxCases,
];
