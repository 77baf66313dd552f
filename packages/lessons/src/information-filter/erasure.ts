// The erasure test of whether attention weights explain a decision (Serrano & Smith 2019; Jain &
// Wallace 2019): rank an email's tokens by some importance score, remove the top k from the
// model's keep-mask, and see how far the prediction moves. Rankings by attention weight, by
// gradient and at random are compared on the same emails.
import * as tf from '@tensorflow/tfjs';
import type { AttentionFilter } from '../models/attention-filter';
import { SeededRandom } from '../seeded-random';
import type { EncodedEmails } from './data';
import { batchInputs } from './train';

/**
 * Gradient importance of every position: |∂logit/∂x_t · x_t|, the logit's first-order change
 * when token t's embedding x_t is removed (Jain & Wallace's gradient measure: the gradient with
 * respect to the token's one-hot input). 0 at padding. [N][L]
 */
export function gradientImportance(model: AttentionFilter, set: EncodedEmails, batchSize = 64): number[][] {
  const out: number[][] = [];
  for (let start = 0; start < set.ids.length; start += batchSize) {
    const rows = Array.from({ length: Math.min(batchSize, set.ids.length - start) }, (_, i) => start + i);
    const importance = tf.tidy(() => {
      const { ids, mask } = batchInputs(set, rows);
      const x = model.embed(ids);
      // Emails are independent, so the gradient of the summed logits gives each email its own.
      const grad = tf.grad((input: tf.Tensor) => model.fromEmbedded(input as tf.Tensor3D, mask).logits.sum())(x);
      return grad.mul(x).sum(-1).abs().mul(mask).arraySync() as number[][];
    });
    out.push(...importance);
  }
  return out;
}

/** Each email's kept positions (mask 1), highest score first; ties keep position order. */
export function rankPositions(scores: readonly (readonly number[])[], mask: readonly (readonly number[])[]): number[][] {
  return mask.map((row, i) =>
    row
      .map((keep, t) => ({ keep, t, score: scores[i][t] }))
      .filter((p) => p.keep !== 0)
      .sort((a, b) => b.score - a.score || a.t - b.t)
      .map((p) => p.t),
  );
}

/** Each email's kept positions in a seeded random order. */
export function randomRanking(mask: readonly (readonly number[])[], seed: number): number[][] {
  const random = new SeededRandom(seed);
  return mask.map((row) => random.shuffle(row.flatMap((keep, t) => (keep !== 0 ? [t] : []))));
}

/** A copy of `mask` with the first k positions of each email's ranking blocked (all of them if it has fewer). */
export function eraseTop(mask: readonly (readonly number[])[], rankings: readonly (readonly number[])[], k: number): number[][] {
  return mask.map((row, i) => {
    const erased = [...row];
    for (const t of rankings[i].slice(0, k)) erased[t] = 0;
    return erased;
  });
}
