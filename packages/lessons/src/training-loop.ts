// The loop lessons 07, 08 and 09 train with: Adam, mini-batches in a seeded order, and one progress line
// per epoch, sent to the notebook as it is written.
import * as tf from '@tensorflow/tfjs';
import { SeededRandom } from './seeded-random';

export interface TrainingOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** seed of the order in which the examples are visited */
  seed: number;
  /** called after every epoch; its text ends the epoch's progress line */
  afterEpoch?: (epoch: number) => string;
  /** called after every update, with the number of updates so far */
  afterStep?: (step: number) => void;
  log?: (line: string) => void;
}

export interface TrainingEpoch {
  epoch: number;
  /** the mean of the batch losses, each weighted by its batch's size */
  loss: number;
  seconds: number;
}

/**
 * Minimises `batchLoss` of the examples numbered `rows` over `count` examples, updating `weights`
 * in place; `unit` names the examples in the progress line. Returns one record per epoch.
 */
export async function trainLoop(count: number, weights: tf.Variable[], batchLoss: (rows: number[]) => tf.Scalar, opts: TrainingOptions, unit: string): Promise<TrainingEpoch[]> {
  const { epochs, batchSize, learningRate, seed, afterEpoch, afterStep, log = () => undefined } = opts;
  const optimizer = tf.train.adam(learningRate);
  const order = new SeededRandom(seed);
  const history: TrainingEpoch[] = [];
  let step = 0;
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const start = performance.now();
      const rows = order.shuffle(Array.from({ length: count }, (_, i) => i));
      let lossSum = 0;
      for (let b = 0; b < rows.length; b += batchSize) {
        const batch = rows.slice(b, b + batchSize);
        const loss = tf.tidy(() => optimizer.minimize(() => batchLoss(batch), true, weights)!);
        lossSum += loss.dataSync()[0] * batch.length;
        loss.dispose();
        afterStep?.(++step);
      }
      const record = { epoch, loss: lossSum / count, seconds: (performance.now() - start) / 1000 };
      history.push(record);
      const extra = afterEpoch ? ` · ${afterEpoch(epoch)}` : '';
      log(`epoch ${epoch}/${epochs} · ${count} ${unit} · loss ${record.loss.toFixed(4)}${extra} · ${record.seconds.toFixed(1)} s`);
      // Let the kernel send the line now rather than when the whole run ends.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    optimizer.dispose();
  }
  return history;
}
