// Study histories as model inputs. Histories are left-padded to a fixed length T, so position
// T − 1 is always the most recent resource and a learned position vector can stand for "how long
// ago"; the keep-mask is 1 on studied resources, 0 on the padding in front of them.
import * as tf from '@tensorflow/tfjs';
import { type Learner } from '../datasets/learning-paths';

/** One prediction to make: the resources studied so far, and the one studied next. */
export interface NextResourceExample {
  history: number[];
  next: number;
}

/** The held-out example of every learner: the whole history, and the resource after it. */
export function heldOutExamples(learners: readonly Learner[]): NextResourceExample[] {
  return learners.map((l) => ({ history: l.sequence.slice(0, -1), next: l.sequence[l.sequence.length - 1] }));
}

/** Training examples from the last `cuts` steps of every learner: the prefix before a step, and that step's resource. */
export function prefixExamples(learners: readonly Learner[], cuts: number): NextResourceExample[] {
  return learners.flatMap((l) => {
    const n = l.sequence.length;
    return Array.from({ length: Math.min(cuts, n - 1) }, (_, i) => n - 1 - i).map((k) => ({ history: l.sequence.slice(0, k), next: l.sequence[k] }));
  });
}

/** The last `length` entries of `ids`, left-padded with 0 (the mask marks the padding). */
export function leftPad(ids: readonly number[], length: number): { ids: number[]; mask: number[] } {
  const kept = ids.slice(-length);
  const pad = length - kept.length;
  return { ids: [...Array<number>(pad).fill(0), ...kept], mask: [...Array<number>(pad).fill(0), ...kept.map(() => 1)] };
}

/** Histories of `rows` as ids [B, T] (int32) and keep-mask [B, T]; the next resources [B] (int32). */
export function historyBatch(examples: readonly NextResourceExample[], rows: readonly number[], length: number): { ids: tf.Tensor2D; mask: tf.Tensor2D; next: tf.Tensor1D } {
  const padded = rows.map((r) => leftPad(examples[r].history, length));
  return {
    ids: tf.tensor2d(
      padded.map((p) => p.ids),
      [rows.length, length],
      'int32',
    ),
    mask: tf.tensor2d(
      padded.map((p) => p.mask),
      [rows.length, length],
    ),
    next: tf.tensor1d(
      rows.map((r) => examples[r].next),
      'int32',
    ),
  };
}

/** [B, N]: 1 where a resource is already in the history (a recommender should not offer it again), from ids and mask [B, T]. */
export function studiedMatrix(ids: tf.Tensor2D, mask: tf.Tensor2D, numResources: number): tf.Tensor2D {
  return tf.tidy(() => tf.max(tf.mul(tf.oneHot(ids, numResources), tf.expandDims(mask, 2)), 1) as tf.Tensor2D);
}
