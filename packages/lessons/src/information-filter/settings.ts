// What lesson 06 fixes about its data, its model and its training. `npm run train -- 06` and the
// notebook read the same values, so the saved weights fit the model the notebook builds.

export const FILTER_DATA = {
  /** tokens per email after truncation */
  length: 128,
  vocabularySize: 5000,
  /** a token enters the vocabulary if at least this many training emails contain it */
  minDocuments: 2,
  validation: 0.15,
  test: 0.15,
  splitSeed: 6,
} as const;

export const FILTER_MODEL = { dim: 32, numHeads: 2, seed: 6, initScale: 1 } as const;

export const FILTER_TRAINING = { epochs: 6, batchSize: 32, learningRate: 0.003, seed: 7 } as const;
