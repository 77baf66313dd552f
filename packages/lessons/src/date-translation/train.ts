// Training the translator with teacher forcing: the decoder reads the true previous character, and
// the loss is the cross-entropy of every output character. Adam, mini-batches in a seeded order,
// one progress line per epoch.
import * as tf from '@tensorflow/tfjs';
import type { DateTranslator } from '../models/date-translator';
import { SeededRandom } from '../seeded-random';
import { encodeOutput, inputBatch } from './characters';
import type { DateExample } from './date-examples';

export interface TranslatorTrainOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** seed of the order in which the examples are visited */
  seed: number;
  /** called after every epoch; its text ends the epoch's progress line */
  afterEpoch?: (epoch: number) => string;
  log?: (line: string) => void;
}

export interface TranslatorEpoch {
  epoch: number;
  /** mean cross-entropy per output character */
  loss: number;
  seconds: number;
}

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

/** Trains `model` in place; returns one record per epoch. */
export async function trainTranslator(model: DateTranslator, examples: readonly DateExample[], opts: TranslatorTrainOptions): Promise<TranslatorEpoch[]> {
  const { epochs, batchSize, learningRate, seed, afterEpoch, log = () => undefined } = opts;
  const optimizer = tf.train.adam(learningRate);
  const order = new SeededRandom(seed);
  const history: TranslatorEpoch[] = [];
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const start = performance.now();
      const rows = order.shuffle(Array.from({ length: examples.length }, (_, i) => i));
      let lossSum = 0;
      for (let b = 0; b < rows.length; b += batchSize) {
        const batch = rows.slice(b, b + batchSize).map((r) => examples[r]);
        const loss = optimizer.minimize(() => teacherForcedLoss(model, batch), true, model.trainableWeights)!;
        lossSum += loss.dataSync()[0] * batch.length;
        loss.dispose();
      }
      const record = { epoch, loss: lossSum / examples.length, seconds: (performance.now() - start) / 1000 };
      history.push(record);
      const extra = afterEpoch ? ` · ${afterEpoch(epoch)}` : '';
      log(`epoch ${epoch}/${epochs} · ${examples.length} examples · loss ${record.loss.toFixed(4)}${extra} · ${record.seconds.toFixed(1)} s`);
      // Let the kernel send the line now rather than when the whole run ends.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    optimizer.dispose();
  }
  return history;
}
