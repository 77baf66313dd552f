// What lesson 07 fixes about its data, its model and its training, in one place.

export const FEEDBACK_DATA = {
  /** messages generated for each part, each from its own seed */
  train: 4000,
  validation: 500,
  test: 1000,
  seeds: { train: 1, validation: 2, test: 3 },
  /** the longest message the generator can write (3 contrasted clauses and the most filler) is 37 tokens */
  length: 40,
} as const;

export const FEEDBACK_MODEL = { dim: 32, numHeads: 4, hiddenDim: 32, window: 4, seed: 7 } as const;

export const FEEDBACK_TRAINING = { epochs: 10, batchSize: 128, learningRate: 0.01, seed: 8 } as const;
