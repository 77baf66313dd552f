// `@attnlab/lessons/tiny-gpt`: lesson 10's character-level GPT (a kernel entry point: it loads
// TF.js, not the site builder or the grader's compiler).
//
// The model is plain data, `TinyGpt = { config, params }`, with
//   params = { tokenEmbedding [V, E], positionEmbedding [contextLength, E] | null (learned scheme only),
//              blocks: BlockParams[], lnFinal: { gamma, beta } [E], Wout [E, V], bout [V] }
//   BlockParams = { ln1: { gamma, beta }, attn: { Wq, Wk, Wv, Wo, bq, bk, bv, bo }, ln2: { gamma, beta },
//                   ffn: { W1 [E, F], b1 [F], W2 [F, E], b2 [E] } }   (the transformerBlock exercise's params)
// and every step of the forward pass is a pure function of it (tensors in, tensors out, no leaks):
//   embed(model, tokens [B, L], positionOffset)         token + learned/sinusoidal position vectors → x [B, L, E]
//   blockForward(block, x, numHeads, { causal, rotary, positionOffset, norm })
//                                                        one block → { output [B, L, E], weights [B, H, L, L] }
//     = layerNorm → attentionHeads(attn, h, numHeads, { rotary, positionOffset }) → { q, k, v } [B, H, L, E/H]
//       → attendHeads(attn, { q, k, v }, { causal }) (keys may be longer than queries: a KV cache)
//       → residual → layerNorm → feedForward → residual
//   outputLogits(model, x)                               final layer norm and projection → logits [B, L, V]
//   forward(model, tokens, opts) / logits(model, tokens)  all of the above
//   generate(model, { prompt, maxLength, temperature, seed })   sampling without a cache; sampleToken draws one id
//   trainTinyGpt(config, names, opts)                     a new model trained with the shared loop
// Positions: 'learned' and 'sinusoidal' are added in `embed`; 'rotary' (RoPE) rotates q and k in
// `attentionHeads` by positionOffset + row, so a cached step must pass its position there.
export { type BlockOptions, type BlockParams, blockForward, type Dropout } from './block';
export { fitBigram, bigramLoss, type BigramModel } from './bigram';
export { type AttentionParams, attendHeads, attentionHeads, type HeadOptions, type Heads } from './causal-self-attention';
export { BOUNDARY, decodeName, encodeName, NAME_ALPHABET, NAME_VOCAB, nameBatch, type NameBatch } from './characters';
export { type FeedForwardParams, feedForward } from './feed-forward';
export { generate, type GenerateOptions, sampleToken } from './generate';
export { previousCharacterScores } from './head-scores';
export { layerNorm, type LayerNormParams } from './layer-norm';
export { linear } from './linear';
export {
  createTinyGpt,
  disposeTinyGpt,
  embed,
  forward,
  type ForwardOptions,
  logits,
  outputLogits,
  parameterCount,
  parameterList,
  type PositionScheme,
  type TinyGpt,
  type TinyGptConfig,
  type TinyGptParams,
} from './model';
export { loadFirstNames, type NameSplit, splitNames } from './names';
export { rotate } from './rotary';
export { NAME_DATA, TINY_GPT, TINY_GPT_TRAINING } from './settings';
export { evaluateLoss, lossByPosition, nameLoss, trainTinyGpt, type TinyGptTraining } from './train';
export { SeededRandom } from '../seeded-random';
export type { TrainingEpoch } from '../training-loop';
