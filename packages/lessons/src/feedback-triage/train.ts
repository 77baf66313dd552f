// Training the lesson 07 model: Adam on the cross-entropy of every aspect's class, mini-batches in
// a seeded order, and a progress line per epoch with the validation accuracy and the share of
// aspects whose attention peaks on the deciding word.
import * as tf from '@tensorflow/tfjs';
import type { FeedbackMessage } from '../datasets/feedback';
import type { AspectSentimentModel } from '../models/aspect-sentiment';
import { trainLoop, type TrainingEpoch, type TrainingOptions } from '../training-loop';
import { batchInputs, type EncodedFeedback } from './data';
import { predictFeedback, scoreFeedback } from './evaluate';

/** Lesson 07's options are the shared loop's, less the per-epoch text, which is the validation scores. */
export type FeedbackTrainOptions = Omit<TrainingOptions, 'afterEpoch'>;

export interface FeedbackEpoch extends TrainingEpoch {
  validationAccuracy: number;
  /** share of the validation set's mentioned aspects whose attention peaks on the deciding word or its negator */
  decidingShare: number;
}

/** Trains `model` in place and returns one record per epoch. */
export async function trainAspectModel(
  model: AspectSentimentModel,
  train: EncodedFeedback,
  validation: { set: EncodedFeedback; messages: readonly FeedbackMessage[] },
  opts: FeedbackTrainOptions,
): Promise<FeedbackEpoch[]> {
  const numClasses = model.config.numClasses;
  const scores: { validationAccuracy: number; decidingShare: number }[] = [];
  const afterEpoch = (): string => {
    const s = scoreFeedback(validation.messages, predictFeedback(model, validation.set));
    scores.push({ validationAccuracy: s.accuracy, decidingShare: s.decidingShare });
    return `validation accuracy ${s.accuracy.toFixed(3)} · attention on deciding word ${s.decidingShare.toFixed(3)}`;
  };
  const epochs = await trainLoop(
    train.ids.length,
    model.trainableWeights,
    (batch) => {
      const { ids, mask } = batchInputs(train, batch);
      const labels = tf.oneHot(
        tf.tensor2d(
          batch.map((r) => train.labels[r]),
          undefined,
          'int32',
        ),
        numClasses,
      );
      return tf.losses.softmaxCrossEntropy(labels, model.call(ids, mask).logits) as tf.Scalar;
    },
    { ...opts, afterEpoch },
    'messages',
  );
  return epochs.map((e, i) => ({ ...e, ...scores[i] }));
}
