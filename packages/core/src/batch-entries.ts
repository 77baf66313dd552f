// Taking entry i of a batch of matrices, fast on every backend.
//
// tf.slice is the obvious way, but the wasm backend's Slice kernel (tfjs 4.22) first copies its
// whole source out of WebAssembly memory into a new JavaScript array, so slicing N entries one
// by one copies the batch N times and allocates N fresh arrays: at B=1 H=8 L=512 d=64 that was
// 80 of attention's 110 milliseconds. A matrix product never leaves WebAssembly memory: a one-hot
// row e_i [1, N] times the batch flattened to [N, r·c] is entry i, exactly (each output element
// is 1·x plus zeros). Its cost, 2·N·r·c flops, is small next to the attention products that use
// the entry, and the flattened batch is packed for the product once, not once per entry. It is
// differentiable like any product. (A non-finite value in another entry would turn into NaN
// through 0·Infinity, but attention with non-finite inputs has no meaningful result anyway.)
//
// The flattened batch is a private copy, never a reshaped view of the caller's tensor: the wasm
// backend caches its XNNPACK product operators by the right operand's buffer alone, not its
// shape, so using one buffer as the right operand under two shapes (the caller's [Lk, dv] and
// our [N, r·c]) silently reuses the wrong operator: wrong numbers or a crash (tfjs 4.22).
// Entries are fresh buffers too, safe as right operands of the caller's products.
import * as tf from '@tensorflow/tfjs';

/**
 * For x [N, r, c], a function giving entry i as a 2-D tensor [r, c], multiplied by `factor`
 * (folded into the private copy). The returned tensors belong to the caller's tidy scope.
 */
export function batchEntries(x: tf.Tensor3D, factor = 1): (i: number) => tf.Tensor2D {
  const [count, r, c] = x.shape;
  const copy = tf.mul(x, factor);
  if (count === 1) {
    const only = tf.reshape(copy, [r, c]) as tf.Tensor2D;
    return () => only;
  }
  const flat = tf.reshape(copy, [count, r * c]) as tf.Tensor2D;
  return (i) => {
    const pick = new Float32Array(count);
    pick[i] = 1;
    return tf.reshape(tf.matMul(tf.tensor2d(pick, [1, count]), flat), [r, c]) as tf.Tensor2D;
  };
}

/**
 * For a tensor broadcasting to [...batch, r, c] (a mask, say), a function giving the 2-D part
 * for batch entry i (flat index over `batch`), without materialising it at full size.
 */
export function broadcastEntries(t: tf.Tensor, batch: number[]): (i: number) => tf.Tensor2D {
  const rank = batch.length + 2;
  const shape = [...Array(rank - t.rank).fill(1), ...t.shape];
  const mBatch = shape.slice(0, -2);
  const entries = batchEntries(tf.reshape(t, [mBatch.reduce((x, y) => x * y, 1), shape[rank - 2], shape[rank - 1]]) as tf.Tensor3D);
  return (i) => {
    // Unravel i over the batch dims, keep the index only where t is not broadcast.
    let flat = 0;
    let rest = i;
    let stride = 1;
    for (let d = batch.length - 1; d >= 0; d--) {
      const idx = rest % batch[d];
      rest = Math.floor(rest / batch[d]);
      if (mBatch[d] > 1) flat += idx * stride;
      stride *= mBatch[d];
    }
    return entries(flat);
  };
}
