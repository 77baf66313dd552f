// Characters as ids. The input alphabet is every character a date format can write; id 0 is the
// padding that fills a short input up to the batch's length (the keep-mask marks it). The output
// alphabet is the eleven characters of an ISO date, and the decoder's first input is a start
// symbol after them.
import * as tf from '@tensorflow/tfjs';
import { DATE_FORMATS, dateAt, dayCount, writeDate } from './date-formats';

export const PAD = 0;

/** Output characters: digits and '-'; START (= 11) is the decoder's input before the first one. */
export const OUTPUT_CHARS = '0123456789-';
export const START = OUTPUT_CHARS.length;
/** Length of every output: yyyy-mm-dd. */
export const OUTPUT_LENGTH = 10;

/** The input alphabet: every character some format writes for some date, sorted; index + 1 is its id. */
export function inputAlphabet(): string[] {
  const seen = new Set<string>();
  // Every month and weekday name appears within the first 400 days, in every format.
  for (let day = 0; day < Math.min(400, dayCount()); day++) for (const f of DATE_FORMATS) for (const c of writeDate(f, dateAt(day))) seen.add(c);
  for (const c of '0123456789') seen.add(c);
  return [...seen].sort();
}

const ALPHABET = inputAlphabet();
const INPUT_IDS = new Map(ALPHABET.map((c, i) => [c, i + 1]));

/** Number of input ids, padding included. */
export const INPUT_VOCAB = ALPHABET.length + 1;

/** The characters of `text` as ids; throws on a character no format writes. */
export function encodeInput(text: string): number[] {
  return [...text].map((c) => {
    const id = INPUT_IDS.get(c);
    if (id === undefined) throw new Error(`encodeInput: "${c}" in "${text}" is not in the date alphabet`);
    return id;
  });
}

/** The character of input id `id` ('' for padding). */
export function inputChar(id: number): string {
  return id === PAD ? '' : ALPHABET[id - 1];
}

/** An ISO date as output ids. */
export function encodeOutput(iso: string): number[] {
  return [...iso].map((c) => {
    const id = OUTPUT_CHARS.indexOf(c);
    if (id < 0) throw new Error(`encodeOutput: "${c}" in "${iso}" is not an ISO date character`);
    return id;
  });
}

export function decodeOutput(ids: readonly number[]): string {
  return ids.map((id) => OUTPUT_CHARS[id] ?? '?').join('');
}

/** A batch of inputs, right-padded to the longest: ids [B, L] (int32) and keep-mask [B, L] (1 = a character). */
export interface InputBatch {
  ids: tf.Tensor2D;
  mask: tf.Tensor2D;
}

export function inputBatch(texts: readonly string[]): InputBatch {
  const encoded = texts.map(encodeInput);
  const length = Math.max(...encoded.map((e) => e.length));
  return tf.tidy(() => ({
    ids: tf.tensor2d(
      encoded.map((e) => [...e, ...Array<number>(length - e.length).fill(PAD)]),
      [texts.length, length],
      'int32',
    ),
    mask: tf.tensor2d(
      encoded.map((e) => Array.from({ length }, (_, j) => (j < e.length ? 1 : 0))),
      [texts.length, length],
    ),
  }));
}
