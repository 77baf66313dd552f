// Names as token ids: the 26 letters a–z, and id 0, '.', which marks both the start and the end
// of a name (one boundary symbol, as in Karpathy's makemore). A name of n letters is read as the
// n + 1 inputs ". l1 … ln" with the n + 1 targets "l1 … ln .": every letter is predicted from the
// letters before it, and so is the end.
import * as tf from '@tensorflow/tfjs';

export const BOUNDARY = 0;
export const NAME_ALPHABET = '.abcdefghijklmnopqrstuvwxyz';
export const NAME_VOCAB = NAME_ALPHABET.length;

/** The letters of `name` as ids 1–26; throws on anything else. */
export function encodeName(name: string): number[] {
  return [...name].map((c) => {
    const id = NAME_ALPHABET.indexOf(c);
    if (id < 1) throw new Error(`encodeName: "${c}" in "${name}" is not a letter a–z`);
    return id;
  });
}

export function decodeName(ids: readonly number[]): string {
  return ids.map((id) => NAME_ALPHABET[id] ?? '?').join('');
}

/** A batch of names for next-character prediction, right-padded to the longest. */
export interface NameBatch {
  /** [B, L] int32: the boundary, then the letters (padding: the boundary again, never a target) */
  inputs: tf.Tensor2D;
  /** [B, L] int32: the letters, then the boundary */
  targets: tf.Tensor2D;
  /** [B, L] float32: 1 where the target is a letter or the closing boundary, 0 on padding */
  mask: tf.Tensor2D;
}

export function nameBatch(names: readonly string[]): NameBatch {
  const encoded = names.map(encodeName);
  const length = Math.max(...encoded.map((e) => e.length)) + 1;
  const rows = (f: (e: number[], j: number) => number) => encoded.map((e) => Array.from({ length }, (_, j) => f(e, j)));
  return tf.tidy(() => ({
    inputs: tf.tensor2d(
      rows((e, j) => (j === 0 ? BOUNDARY : (e[j - 1] ?? BOUNDARY))),
      [names.length, length],
      'int32',
    ),
    targets: tf.tensor2d(
      rows((e, j) => e[j] ?? BOUNDARY),
      [names.length, length],
      'int32',
    ),
    mask: tf.tensor2d(
      rows((e, j) => (j <= e.length ? 1 : 0)),
      [names.length, length],
    ),
  }));
}
