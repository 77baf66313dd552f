// What lesson 09 fixes about its data, its model and its training, in one place. The notebook and
// `npm run train -- 09-date-translation` read the same values, so saved weights fit the model the
// notebook builds.

export const DATE_DATA = {
  /** seed of the shuffle that splits the 36,525 days of 1950–2049 into training, validation and test days */
  splitSeed: 9,
  /** days held out for validation and for test; each is written in every format */
  validationDays: 100,
  testDays: 300,
  /** training examples: a training day and a format, drawn with this seed */
  trainExamples: 10000,
  trainSeed: 91,
} as const;

export const DATE_MODEL = { embedDim: 32, maxInputLength: 32, window: 3, encoderDim: 64, decoderDim: 64, attentionDim: 32, seed: 19 } as const;

export const DATE_TRAINING = { epochs: 2, batchSize: 64, learningRate: 0.005, seed: 29 } as const;
