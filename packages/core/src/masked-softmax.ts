// Softmax over the last axis that honours a keep-mask.
import * as tf from '@tensorflow/tfjs';
import { causalMask } from './masks';
import { assertBroadcastsTo, assertMinRank, formatShape } from './shapes';

// Far below any finite score we expect (|score| < 1e37) yet finite, so score - BLOCKED never
// overflows to -Infinity and no Infinity * 0 = NaN can appear in the value or the gradient.
export const BLOCKED = 1e38;

/** A keep-mask turned into what the softmax needs; the shapes are the mask's own. */
export interface PreparedMask {
  /** 0 where kept, BLOCKED where blocked: subtracted from the scores */
  penalty: tf.Tensor;
  /**
   * 1 where the row keeps at least one key, else 0 (last axis reduced to 1); undefined when
   * every row keeps one, the usual case, which saves a pass over the weights.
   */
  anyKept?: tf.Tensor;
}

/**
 * Throws unless `mask` is a keep-mask: bool, or numbers that are all 0 or 1. A PyTorch-style
 * additive mask (0 / -Infinity) would otherwise pass as "keep everything but the zeros", the
 * opposite of what it means. Costs one reduction and one read on the normal path.
 */
export function assertKeepMask(fn: string, mask: tf.Tensor): void {
  if (mask.dtype === 'bool') return;
  const notBinary = (m: tf.Tensor) => tf.logicalAnd(tf.notEqual(m, 0), tf.notEqual(m, 1));
  if (!tf.tidy(() => tf.any(notBinary(mask)).dataSync()[0])) return;
  // Error path only: find the first offending value to show it.
  const flags = tf.tidy(() => notBinary(mask).dataSync());
  const at = flags.findIndex((f) => f !== 0);
  const value = mask.dataSync()[at];
  const index: number[] = [];
  for (let d = mask.rank - 1, rest = at; d >= 0; d--) {
    index.unshift(rest % mask.shape[d]);
    rest = Math.floor(rest / mask.shape[d]);
  }
  throw new Error(
    `${fn}: mask ${formatShape(mask.shape)} holds ${value} at ${formatShape(index)}, but attnlab masks are keep-masks: ` +
      `1 or true = may attend, 0 or false = blocked (bool, or numbers that are all 0 or 1). ` +
      `An additive mask (0 = attend, -Infinity = blocked, added to the scores) and PyTorch's bool masks ` +
      `(true = blocked) use the opposite convention; convert with tf.equal(additiveMask, 0) or tf.logicalNot(torchMask).`,
  );
}

/**
 * Keep-mask (already checked) and/or causal structure [Lq, Lk] (see causalMask) combined by
 * logical AND, in the form the softmax needs; undefined when there is neither.
 */
export function prepareMask(mask?: tf.Tensor, causal?: [number, number]): PreparedMask | undefined {
  if (!mask && !causal) return undefined;
  return tf.tidy(() => {
    const given = mask && tf.cast(mask.dtype === 'bool' ? mask : tf.notEqual(mask, 0), 'float32');
    const triangle = causal && causalMask(causal[0], causal[1]);
    const keep = given && triangle ? tf.mul(given, triangle) : (given ?? triangle)!;
    const anyKept = tf.max(keep, -1, true);
    // anyKept has one number per row, so reading its minimum is cheap.
    const allRowsKept = tf.min(anyKept).dataSync()[0] === 1;
    return { penalty: tf.mul(tf.sub(1, keep), BLOCKED), anyKept: allRowsKept ? undefined : anyKept };
  });
}

/** maskedSoftmax for a mask already prepared (and checked to broadcast to the scores). */
export function softmaxPrepared(scores: tf.Tensor, prepared?: PreparedMask): tf.Tensor {
  return tf.tidy(() => {
    const x = scores.dtype === 'float32' ? scores : tf.cast(scores, 'float32');
    if (!prepared) return tf.softmax(x);
    // Arithmetic masking rather than tf.where: every op broadcasts the (usually small) mask
    // instead of materialising it at the size of the scores, which on the wasm backend is
    // 20x faster. Blocked scores are lowered by BLOCKED, so after the max-subtracting softmax
    // they are exp(-huge) = exactly 0 while kept scores pass unchanged (x - 0 = x). A row with
    // no kept key would come out uniform; multiplying by anyKept zeroes it.
    const weights = tf.softmax(tf.sub(x, prepared.penalty));
    return prepared.anyKept ? tf.mul(weights, prepared.anyKept) : weights;
  });
}

/**
 * Softmax over the last axis of `scores`, where `mask` (1/true = keep, 0/false = blocked,
 * any shape broadcasting to `scores`; other values are an error) removes entries. Blocked
 * entries get exactly 0; a row with every key blocked gets all zeros, not NaN. Stable: the
 * row maximum of the kept entries is subtracted before exponentiating, so logits in the
 * thousands do not overflow. Scores must be finite with magnitude below 1e37.
 */
export function maskedSoftmax(scores: tf.Tensor, mask?: tf.Tensor): tf.Tensor {
  const fn = 'maskedSoftmax';
  assertMinRank(fn, 'scores', scores, 1, '[..., Lk]');
  if (mask) {
    assertBroadcastsTo(fn, 'mask', mask.shape, 'scores', scores.shape);
    assertKeepMask(fn, mask);
  }
  return tf.tidy(() => softmaxPrepared(scores, prepareMask(mask)));
}
