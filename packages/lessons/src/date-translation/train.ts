// Training the translator with teacher forcing: the decoder reads the true previous character, and
// the loss is the cross-entropy of every output character. Adam, mini-batches in a seeded order,
// one progress line per epoch.
import * as tf from '@tensorflow/tfjs';
import type { DateTranslator } from '../models/date-translator';
import { trainLoop, type TrainingEpoch, type TrainingOptions } from '../training-loop';
import { encodeOutput, inputBatch } from './characters';
import type { DateExample } from './date-examples';

/** The mean cross-entropy per output character of `examples` under teacher forcing. */
export function teacherForcedLoss(model: DateTranslator, examples: readonly DateExample[]): tf.Scalar {
  return tf.tidy(() => {
    const { ids, mask } = inputBatch(examples.map((e) => e.input));
    const targets = tf.tensor2d(
      examples.map((e) => encodeOutput(e.target)),
      [examples.length, model.config.outputLength],
      'int32',
    );
    const { logits } = model.call(ids, mask, targets);
    return tf.losses.softmaxCrossEntropy(tf.oneHot(targets, model.config.outputVocab), logits) as tf.Scalar;
  });
}

/** Trains `model` in place; returns one record per epoch (its loss: the mean cross-entropy per output character). */
export function trainTranslator(model: DateTranslator, examples: readonly DateExample[], opts: TrainingOptions): Promise<TrainingEpoch[]> {
  return trainLoop(
    examples.length,
    model.trainableWeights,
    (rows) =>
      teacherForcedLoss(
        model,
        rows.map((r) => examples[r]),
      ),
    opts,
    'examples',
  );
}
