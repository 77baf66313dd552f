// Training the lesson 07 model: Adam on the cross-entropy of every aspect's class, mini-batches in
// a seeded order, and a progress line per epoch with the validation accuracy and the share of
// aspects whose attention peaks on the deciding word.
import * as tf from '@tensorflow/tfjs';
import type { FeedbackMessage } from '../datasets/feedback';
import type { AspectSentimentModel } from '../models/aspect-sentiment';
import { SeededRandom } from '../seeded-random';
import { batchInputs, type EncodedFeedback } from './data';
import { predictFeedback, scoreFeedback } from './evaluate';

export interface FeedbackTrainOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** seed of the order in which the training messages are visited */
  seed: number;
  /** receives one progress line per epoch */
  log?: (line: string) => void;
}

export interface FeedbackEpoch {
  epoch: number;
  /** mean training loss over the epoch's batches */
  loss: number;
  validationAccuracy: number;
  /** share of the validation set's mentioned aspects whose attention peaks on the deciding word or its negator */
  decidingShare: number;
  seconds: number;
}

/** Trains `model` in place and returns one record per epoch. */
export async function trainAspectModel(
  model: AspectSentimentModel,
  train: EncodedFeedback,
  validation: { set: EncodedFeedback; messages: readonly FeedbackMessage[] },
  opts: FeedbackTrainOptions,
): Promise<FeedbackEpoch[]> {
  const { epochs, batchSize, learningRate, seed, log = () => undefined } = opts;
  const optimizer = tf.train.adam(learningRate);
  const order = new SeededRandom(seed);
  const numClasses = model.config.numClasses;
  const history: FeedbackEpoch[] = [];
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const start = performance.now();
      const rows = order.shuffle(train.ids.map((_, i) => i));
      let lossSum = 0;
      for (let b = 0; b < rows.length; b += batchSize) {
        const batch = rows.slice(b, b + batchSize);
        const loss = tf.tidy((): tf.Scalar => {
          const { ids, mask } = batchInputs(train, batch);
          const labels = tf.oneHot(
            tf.tensor2d(
              batch.map((r) => train.labels[r]),
              undefined,
              'int32',
            ),
            numClasses,
          );
          return optimizer.minimize(() => tf.losses.softmaxCrossEntropy(labels, model.call(ids, mask).logits) as tf.Scalar, true, model.trainableWeights)!;
        });
        lossSum += loss.dataSync()[0] * batch.length;
        loss.dispose();
      }
      const scores = scoreFeedback(validation.messages, predictFeedback(model, validation.set));
      const record = { epoch, loss: lossSum / rows.length, validationAccuracy: scores.accuracy, decidingShare: scores.decidingShare, seconds: (performance.now() - start) / 1000 };
      history.push(record);
      log(
        `epoch ${epoch}/${epochs} · ${rows.length} messages · loss ${record.loss.toFixed(4)} · validation accuracy ${record.validationAccuracy.toFixed(3)} · attention on deciding word ${record.decidingShare.toFixed(3)} · ${record.seconds.toFixed(1)} s`,
      );
      // Let the kernel send the line now rather than when the whole run ends.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    optimizer.dispose();
  }
  return history;
}
