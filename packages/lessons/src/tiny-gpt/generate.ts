// Writing names: start from the boundary (and an optional prompt), sample the next character
// from the model's distribution, append it, repeat until the model writes the boundary again.
// Temperature T divides the logits before the softmax: T < 1 sharpens the distribution towards
// the likeliest characters, T > 1 flattens it, T = 0 always takes the likeliest.
import * as tf from '@tensorflow/tfjs';
import { SeededRandom } from '../seeded-random';
import { BOUNDARY, decodeName, encodeName } from './characters';
import { logits, type TinyGpt } from './model';

/** An id drawn from softmax(logits / temperature), or the arg max at temperature 0. */
export function sampleToken(logitRow: ArrayLike<number>, temperature: number, random: SeededRandom): number {
  const values = Array.from(logitRow);
  if (temperature === 0) return values.indexOf(Math.max(...values));
  const top = Math.max(...values);
  const weights = values.map((v) => Math.exp((v - top) / temperature));
  let u = random.next() * weights.reduce((a, b) => a + b, 0);
  for (let id = 0; id < weights.length; id++) {
    u -= weights[id];
    if (u < 0) return id;
  }
  return weights.length - 1;
}

export interface GenerateOptions {
  /** the name's first letters (default '') */
  prompt?: string;
  /** the most letters the name may have, prompt included; at most contextLength − 1 */
  maxLength: number;
  temperature: number;
  seed: number;
}

/**
 * One name, prompt included, without a cache: each step runs the model on the whole prefix again
 * and reads the logits of its last position.
 */
export function generate(model: TinyGpt, opts: GenerateOptions): string {
  const { prompt = '', maxLength, temperature, seed } = opts;
  if (maxLength > model.config.contextLength - 1) throw new Error(`generate: maxLength ${maxLength} needs more than the model's ${model.config.contextLength} positions`);
  const random = new SeededRandom(seed);
  const ids = [BOUNDARY, ...encodeName(prompt)];
  while (ids.length - 1 < maxLength) {
    const last = tf.tidy(() => {
      const all = logits(model, tf.tensor2d([ids], [1, ids.length], 'int32'));
      return tf.slice(all, [0, ids.length - 1, 0], [1, 1, -1]).dataSync();
    });
    const next = sampleToken(last, temperature, random);
    if (next === BOUNDARY) break;
    ids.push(next);
  }
  return decodeName(ids.slice(1));
}
