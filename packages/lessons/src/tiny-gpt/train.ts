// Training the tiny GPT as a language model: the loss is the cross-entropy of every next
// character (letters and the closing boundary, never padding), in nats per character. Adam,
// mini-batches of names in a seeded order, one progress line per epoch (the shared loop).
import * as tf from '@tensorflow/tfjs';
import { trainLoop, type TrainingEpoch, type TrainingOptions } from '../training-loop';
import { nameBatch, NAME_VOCAB } from './characters';
import { createTinyGpt, forward, parameterList, type TinyGpt, type TinyGptConfig } from './model';
import type { Dropout } from './block';

/** The summed cross-entropy of a batch's next characters and how many there are, from logits [B, L, V]. */
function summedCrossEntropy(logits: tf.Tensor3D, targets: tf.Tensor2D, mask: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const perToken = tf.losses.softmaxCrossEntropy(tf.oneHot(targets, NAME_VOCAB), logits, undefined, undefined, tf.Reduction.NONE);
    return tf.sum(tf.mul(perToken, mask)) as tf.Scalar;
  });
}

/** The mean cross-entropy per predicted character of `names`, as a differentiable scalar. */
export function nameLoss(model: TinyGpt, names: readonly string[], drop?: Dropout): tf.Scalar {
  return tf.tidy(() => {
    const { inputs, targets, mask } = nameBatch(names);
    const { logits } = forward(model, inputs, { dropout: drop });
    return tf.div(summedCrossEntropy(logits, targets, mask), tf.sum(mask)) as tf.Scalar;
  });
}

/** The mean loss per predicted character over all of `names` (nats), evaluated in batches. */
export function evaluateLoss(model: TinyGpt, names: readonly string[], batchSize = 512): number {
  let sum = 0;
  let count = 0;
  for (let start = 0; start < names.length; start += batchSize) {
    const batch = names.slice(start, start + batchSize);
    sum += tf.tidy(() => {
      const { inputs, targets, mask } = nameBatch(batch);
      return summedCrossEntropy(forward(model, inputs).logits, targets, mask).dataSync()[0];
    });
    count += batch.reduce((n, name) => n + name.length + 1, 0);
  }
  return sum / count;
}

/** The mean loss at each input position 0 … L − 1 over the names that reach it (nats); NaN where none does. */
export function lossByPosition(model: TinyGpt, names: readonly string[]): number[] {
  const rows = tf.tidy(() => {
    const { inputs, targets, mask } = nameBatch(names);
    const perToken = tf.losses.softmaxCrossEntropy(tf.oneHot(targets, NAME_VOCAB), forward(model, inputs).logits, undefined, undefined, tf.Reduction.NONE);
    return { sums: tf.sum(tf.mul(perToken, mask), 0).dataSync(), counts: tf.sum(mask, 0).dataSync() };
  });
  return Array.from(rows.sums, (s, j) => s / rows.counts[j]);
}

export interface TinyGptTraining extends Omit<TrainingOptions, 'afterEpoch' | 'afterStep'> {
  /** dropout rate while training (default 0) */
  dropout?: number;
  /** called after every epoch; its text ends the epoch's progress line */
  afterEpoch?: (epoch: number, model: TinyGpt) => string;
  /** called after every update, with the number of updates so far */
  afterStep?: (step: number, model: TinyGpt) => void;
}

/** A new model of `config` trained on `names`; returns it with one record per epoch. */
export async function trainTinyGpt(config: TinyGptConfig, names: readonly string[], opts: TinyGptTraining): Promise<{ model: TinyGpt; history: TrainingEpoch[] }> {
  const model = createTinyGpt(config);
  const { afterEpoch, afterStep } = opts;
  let call = 0;
  const history = await trainLoop(
    names.length,
    parameterList(model.params),
    (rows) =>
      nameLoss(
        model,
        rows.map((r) => names[r]),
        opts.dropout ? { rate: opts.dropout, seed: opts.seed * 100003 + ++call } : undefined,
      ),
    {
      ...opts,
      afterEpoch: afterEpoch && ((epoch) => afterEpoch(epoch, model)),
      afterStep: afterStep && ((step) => afterStep(step, model)),
    },
    'names',
  );
  return { model, history };
}
