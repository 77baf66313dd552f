// Training and running the lesson 06 filter: Adam on the logistic loss, mini-batches in a seeded
// order, a progress line per epoch, and the weights of the epoch with the best validation F1 kept.
import * as tf from '@tensorflow/tfjs';
import { binaryMetrics } from '../metrics/binary-classification';
import type { AttentionFilter, AttentionFilterOutput } from '../models/attention-filter';
import { SeededRandom } from '../seeded-random';
import type { EncodedEmails } from './data';

export interface TrainOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** seed of the order in which the training emails are visited */
  seed: number;
  /** stop each epoch after this many batches (quick runs); default: every batch */
  maxBatchesPerEpoch?: number;
  /** receives one progress line per epoch */
  log?: (line: string) => void;
}

export interface EpochRecord {
  epoch: number;
  /** mean training loss over the epoch's batches */
  loss: number;
  validationF1: number;
  validationAccuracy: number;
  seconds: number;
}

/** Rows `rows` of an encoded set as the model's inputs: ids [B, L] int32 and mask [B, L]. */
export function batchInputs(set: EncodedEmails, rows: readonly number[]): { ids: tf.Tensor2D; mask: tf.Tensor2D } {
  return {
    ids: tf.tensor2d(
      rows.map((r) => set.ids[r]),
      undefined,
      'int32',
    ),
    mask: tf.tensor2d(rows.map((r) => set.mask[r])),
  };
}

/**
 * Runs the model over `set` in batches, with `mask` in place of the set's own keep-mask when
 * given, and returns per email what `read` takes from each batch's output. `read` runs inside a
 * tidy, so it must return plain values, one per email of the batch, in order.
 */
export function mapBatches<T>(
  model: AttentionFilter,
  set: EncodedEmails,
  read: (out: AttentionFilterOutput) => T[],
  { batchSize = 128, mask }: { batchSize?: number; mask?: number[][] } = {},
): T[] {
  const results: T[] = [];
  for (let start = 0; start < set.ids.length; start += batchSize) {
    const rows = Array.from({ length: Math.min(batchSize, set.ids.length - start) }, (_, i) => start + i);
    tf.tidy(() => {
      const inputs = batchInputs(set, rows);
      const keep = mask ? tf.tensor2d(rows.map((r) => mask[r])) : inputs.mask;
      results.push(...read(model.call(inputs.ids, keep)));
    });
  }
  return results;
}

/** p(spam) for every email of `set`, optionally with another keep-mask (erased tokens). */
export function spamProbabilities(model: AttentionFilter, set: EncodedEmails, mask?: number[][]): number[] {
  return mapBatches(model, set, (out) => Array.from(tf.sigmoid(out.logits).dataSync()), { mask });
}

/** Trains `model` in place and returns one record per epoch; the model ends with its best validation-F1 weights. */
export async function trainFilter(model: AttentionFilter, train: EncodedEmails, validation: EncodedEmails, opts: TrainOptions): Promise<EpochRecord[]> {
  const { epochs, batchSize, learningRate, seed, maxBatchesPerEpoch = Infinity, log = () => undefined } = opts;
  const optimizer = tf.train.adam(learningRate);
  const order = new SeededRandom(seed);
  const history: EpochRecord[] = [];
  let best: { f1: number; weights: tf.Tensor[] } | undefined;
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const start = performance.now();
      const rows = order.shuffle(train.ids.map((_, i) => i));
      let lossSum = 0;
      let seen = 0;
      for (let b = 0; b < rows.length && b / batchSize < maxBatchesPerEpoch; b += batchSize) {
        const batch = rows.slice(b, b + batchSize);
        const loss = tf.tidy((): tf.Scalar => {
          const { ids, mask } = batchInputs(train, batch);
          const labels = tf.tensor1d(batch.map((r) => (train.spam[r] ? 1 : 0)));
          return optimizer.minimize(() => tf.losses.sigmoidCrossEntropy(labels, model.call(ids, mask).logits) as tf.Scalar, true, model.trainableWeights)!;
        });
        lossSum += loss.dataSync()[0] * batch.length;
        seen += batch.length;
        loss.dispose();
      }
      const predicted = spamProbabilities(model, validation).map((p) => p > 0.5);
      const m = binaryMetrics(predicted, validation.spam);
      const record = { epoch, loss: lossSum / seen, validationF1: m.f1, validationAccuracy: m.accuracy, seconds: (performance.now() - start) / 1000 };
      history.push(record);
      if (!best || m.f1 > best.f1) {
        tf.dispose(best?.weights);
        best = { f1: m.f1, weights: model.trainableWeights.map((w) => tf.clone(w)) };
      }
      log(
        `epoch ${epoch}/${epochs} · ${seen} emails · loss ${record.loss.toFixed(4)} · validation F1 ${m.f1.toFixed(3)}, accuracy ${m.accuracy.toFixed(3)} · ${record.seconds.toFixed(1)} s`,
      );
      // Let the kernel send the line now rather than when the whole run ends.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (best) model.trainableWeights.forEach((w, i) => w.assign(best!.weights[i]));
  } finally {
    tf.dispose(best?.weights);
    optimizer.dispose();
  }
  return history;
}
