// What lesson 10 fixes about its data, its model and its training, in one place.
import { NAME_VOCAB } from './characters';
import type { TinyGptConfig } from './model';

export const NAME_DATA = {
  /** names longer than this are held out to test positions no training name reaches */
  maxTrainLength: 9,
  validationShare: 0.1,
  seed: 10,
} as const;

/** Two pre-LN blocks of width 32 with four heads; 16 positions fit the longest name (15 letters) after the boundary. */
export const TINY_GPT: TinyGptConfig = { vocabSize: NAME_VOCAB, contextLength: 16, dim: 32, numHeads: 4, numLayers: 2, ffnDim: 128, positions: 'learned', seed: 101 };

export const TINY_GPT_TRAINING = { epochs: 3, batchSize: 64, learningRate: 0.01, seed: 103 } as const;
