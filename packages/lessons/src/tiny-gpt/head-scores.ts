// Watching heads: how much of each head's attention goes to the character just before the query,
// the pattern of lesson 04's hand-built previous-token head.
import * as tf from '@tensorflow/tfjs';
import { nameBatch } from './characters';
import { forward, type TinyGpt } from './model';

/**
 * For every layer and head, the mean attention weight that query position i puts on key i − 1,
 * over the positions i ≥ 1 of `names` (padding excluded): 1 for a perfect previous-character
 * head; about 1/(i + 1) on average for a head that spreads its weight evenly.
 */
export function previousCharacterScores(model: TinyGpt, names: readonly string[]): number[][] {
  return tf.tidy(() => {
    const { inputs, mask } = nameBatch(names);
    const length = inputs.shape[1];
    // query i ≥ 1 is an input position of the name when its target (position i) is not padding
    const queries = tf.slice(mask, [0, 1], [-1, length - 1]).reshape([names.length, 1, length - 1]);
    const count = tf.sum(queries).dataSync()[0];
    return forward(model, inputs).weights.map((w) => {
      // the subdiagonal: weight of query i on key i − 1, [B, H, L − 1]
      const below = tf.sum(tf.mul(tf.slice(w, [0, 0, 1, 0], [-1, -1, length - 1, length - 1]), tf.eye(length - 1)), -1);
      return Array.from(tf.div(tf.sum(tf.mul(below, queries), [0, 2]), count).dataSync());
    });
  });
}
