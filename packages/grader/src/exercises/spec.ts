import type { JsonTensor } from '../tensor-data';

/** How one argument of an exercise function is passed. */
export interface ArgSpec {
  name: string;
  /** tensor: a tf.Tensor; tensors: an object of tf.Tensors, or of such objects (a block's { ln1: { gamma, beta }, … }); value: a plain number or array */
  kind: 'tensor' | 'tensors' | 'value';
}

/** What the function returns: one tensor, or an object whose listed fields are tensors. */
export type ResultSpec = { kind: 'tensor' } | { kind: 'record'; fields: string[] };

/** Checks on the student's output that hold whatever the inputs (they back the hints). */
export interface PropertySpec {
  /** output holding attention weights: rows over the last axis sum to 1 (0 where fully masked) */
  weights: string;
  /** input holding the keep-mask those weights obey */
  mask?: string;
  /** the mask has no axis 1 of the weights (heads; aspects in aspect attention): a mask one rank short, [B, Lq, Lk] or [B, L], gains one there */
  maskGainsHeadAxis?: boolean;
}

export interface ExerciseSpec {
  id: string;
  lesson: string;
  title: string;
  points: number;
  /** the declaration students write (shown when a cell lacks it; the known mistakes use it too) */
  signature: string;
  args: ArgSpec[];
  result: ResultSpec;
  properties?: PropertySpec;
  /** first steps, shown while the exercise is still a stub */
  start: string;
  /**
   * Finished functions the cell may not use: `tf.x` / `core.x` (a whole namespace such as
   * `tf.layers` forbids everything in it) and `Tensor.x`, the tensor method x().
   */
  forbidden: readonly string[];
  /** earlier exercises whose function the cell may call: the student's own cells are used */
  dependsOn?: readonly string[];
}

/** Named tensors, possibly grouped: { Wq, Wk } or { ln1: { gamma, beta }, attn: { Wq, … } }. */
export interface TensorGroup {
  [name: string]: JsonTensor | TensorGroup;
}

export type CaseInput = JsonTensor | TensorGroup | number | number[] | number[][];

export interface Tolerance {
  rtol: number;
  atol: number;
}
