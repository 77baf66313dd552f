// What lesson 08 fixes about its data, its models and their training, in one place.

export const RECOMMENDER_DATA = {
  /** learners generated for each part, each from its own seed */
  train: 2000,
  validation: 300,
  test: 1000,
  seeds: { train: 11, validation: 12, test: 13 },
  /** history length T the models read (the generator's longest history is 20) */
  length: 20,
  /** training examples per learner for the history models: the last `cuts` steps */
  cuts: 3,
} as const;

export const RECOMMENDER_MODEL = { dim: 32, numHeads: 2, seed: 21 } as const;

export const RECOMMENDER_TRAINING = { epochs: 6, batchSize: 128, learningRate: 0.01, negatives: 15, seed: 22 } as const;
