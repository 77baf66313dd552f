// Looking rows up in an embedding table in a way every backend can train. TF.js differentiates
// tf.gather with the UnsortedSegmentSum kernel, which the wasm backend lacks; the same gradient
// (each row's output gradients summed, repeated ids included) is a scatterND, which it has.
import * as tf from '@tensorflow/tfjs';

/** Rows `ids` [B, L] (int32) of `table` [V, d] → [B, L, d], differentiable with respect to the table. */
export function embeddingLookup(table: tf.Tensor2D, ids: tf.Tensor2D): tf.Tensor3D {
  const [vocabSize, dim] = table.shape;
  const lookup = tf.customGrad((t, save) => {
    // The ids must outlive the forward pass, which disposes what the tape does not keep.
    (save as tf.GradSaveFunc)([ids]);
    return {
      value: tf.gather(t as tf.Tensor, ids),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], [savedIds]: tf.Tensor[]) => tf.scatterND(tf.reshape(savedIds, [-1, 1]), tf.reshape(dy as tf.Tensor, [-1, dim]), [vocabSize, dim]),
    };
  });
  return lookup(table) as tf.Tensor3D;
}
