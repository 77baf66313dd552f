// A dense layer over the last axis, x · W (+ b), the projection every attention variant uses.
import * as tf from '@tensorflow/tfjs';
import { dim } from './shapes';

/**
 * x [..., d] · W [d, e] (+ b [e]) -> [..., e]. x is flattened to 2-D first: a batched
 * [B, L, d] × [d, e] matMul broadcasts W, and tfjs 4.22 computes wrong gradients for W there.
 */
export function dense(x: tf.Tensor, W: tf.Tensor, b?: tf.Tensor | null): tf.Tensor {
  const y = tf.reshape(tf.matMul(tf.reshape(x, [-1, dim(x, -1)]), W), [...x.shape.slice(0, -1), dim(W, 1)]);
  return b ? tf.add(y, b) : y;
}
