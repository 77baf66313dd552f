// @attnlab/core: attention mechanisms on TensorFlow.js, matching PyTorch.
export { initBackend } from './backend';
export type { BackendName, BackendChoice } from './backend';
export { paddingMask, causalMask } from './masks';
export { maskedSoftmax } from './masked-softmax';
export { scaledDotProductAttention } from './scaled-dot-product';
export type { AttentionOptions, AttentionResult, CausalAttentionOptions } from './scaled-dot-product';
export { chunkedAttention } from './chunked-attention';
export type { ChunkedAttentionOptions } from './chunked-attention';
export { additiveAttention, AdditiveAttention } from './additive';
export type { AdditiveParams, AdditiveAttentionConfig } from './additive';
export { MultiHeadAttention } from './multi-head';
export type { MultiHeadAttentionConfig, MultiHeadWeights } from './multi-head';
export { positionalEncoding } from './positional-encoding';
export { heatmapFigure } from './heatmap';
export type { HeatmapOptions, PlotlyFigure } from './heatmap';
