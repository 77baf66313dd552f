// Scoring a translator by greedy decoding: each step reads the character the model chose before,
// as it must when no answer is known. A translation counts only when all ten characters are right.
import * as tf from '@tensorflow/tfjs';
import type { DateTranslator } from '../models/date-translator';
import { decodeOutput, inputBatch } from './characters';
import type { DateExample } from './date-examples';
import { DATE_FORMATS, type DateField, fieldsOf, ISO_FIELDS } from './date-formats';

export interface Translation {
  example: DateExample;
  output: string;
  correct: boolean;
}

/** Greedy translations of `examples`, `batchSize` at a time. */
export function translateAll(model: DateTranslator, examples: readonly DateExample[], batchSize = 500): Translation[] {
  const out: Translation[] = [];
  for (let b = 0; b < examples.length; b += batchSize) {
    const batch = examples.slice(b, b + batchSize);
    const predictions = tf.tidy(() => {
      const { ids, mask } = inputBatch(batch.map((e) => e.input));
      return model.translate(ids, mask).predictions.arraySync() as number[][];
    });
    batch.forEach((example, i) => {
      const output = decodeOutput(predictions[i]);
      out.push({ example, output, correct: output === example.target });
    });
  }
  return out;
}

/** Share of translations that are exactly right. */
export function exactMatch(translations: readonly Translation[]): number {
  return translations.length === 0 ? 0 : translations.filter((t) => t.correct).length / translations.length;
}

/** Exact match per input format, in DATE_FORMATS order. */
export function accuracyByFormat(translations: readonly Translation[]): { format: string; accuracy: number; count: number }[] {
  return DATE_FORMATS.map((f, i) => {
    const mine = translations.filter((t) => t.example.format === i);
    return { format: f.name, accuracy: exactMatch(mine), count: mine.length };
  });
}

/** Attention weights [T, L] of one input under greedy decoding, with the output it wrote. */
export function alignment(model: DateTranslator, input: string): { output: string; weights: number[][] } {
  return tf.tidy(() => {
    const { ids, mask } = inputBatch([input]);
    const { predictions, weights } = model.translate(ids, mask);
    return { output: decodeOutput((predictions.arraySync() as number[][])[0]), weights: (weights.arraySync() as number[][][])[0] };
  });
}

/**
 * How often the decoder's strongest attention lands on the field it is writing: for every output
 * digit (the dashes excluded) of every example, whether the input character with the largest weight
 * belongs to that digit's field (year, month or day) in the input. Shares per field and per output
 * position (NaN at the dashes), under greedy decoding.
 */
export function attentionOnSource(model: DateTranslator, examples: readonly DateExample[], batchSize = 500): { byField: Record<DateField, number>; byPosition: number[] } {
  const hits = ISO_FIELDS.map(() => 0);
  for (let b = 0; b < examples.length; b += batchSize) {
    const batch = examples.slice(b, b + batchSize);
    const strongest = tf.tidy(() => {
      const { ids, mask } = inputBatch(batch.map((e) => e.input));
      return tf.argMax(model.translate(ids, mask).weights, 2).arraySync() as number[][];
    });
    batch.forEach((e, i) => {
      const fields = fieldsOf(DATE_FORMATS[e.format], e.date);
      ISO_FIELDS.forEach((field, t) => {
        if (field && fields[strongest[i][t]] === field) hits[t]++;
      });
    });
  }
  const byPosition = ISO_FIELDS.map((field, t) => (field ? hits[t] / examples.length : NaN));
  const share = (field: DateField) => {
    const at = ISO_FIELDS.flatMap((f, t) => (f === field ? [t] : []));
    return at.reduce((s, t) => s + byPosition[t], 0) / at.length;
  };
  return { byField: { year: share('year'), month: share('month'), day: share('day') }, byPosition };
}
