import { causalMask, maskedSoftmax, paddingMask } from '../../exercises/masked';
import type { Mistake } from './mistake';

/** paddingMask built as `keep` from positions [1, Lk] and lengths [B, 1]; `axis` adds the query axis. */
function paddingSource(keep: string, axis = '.expandDims(1)'): string {
  return `${paddingMask.signature} {
  return tf.tidy(() => {
    const positions = tf.range(0, lk).reshape([1, lk]);
    const lengths = tf.tensor1d(validLens).reshape([-1, 1]);
    return ${keep}.cast('float32')${axis};
  });
}`;
}

const correctPadding = paddingSource('positions.less(lengths)');

function causalSource(body: string): string {
  return `${causalMask.signature} {
  return tf.tidy(() => ${body} as tf.Tensor2D);
}`;
}

const correctCausal = causalSource('tf.linalg.bandPart(tf.ones([l, l]), -1, 0)');

function maskedSource(body: string): string {
  return `${maskedSoftmax.signature} {
  return tf.tidy(() => {
${body
  .split('\n')
  .map((line) => `    ${line}`)
  .join('\n')}
  });
}`;
}

/** The recipe every maskedSoftmax hint leads to: blocked scores to -1e9, softmax, then zero what the mask blocks (fully blocked rows included). */
const recipe = "tf.softmax(tf.where(mask.cast('bool'), scores, tf.fill(scores.shape, -1e9))).mul(mask)";
const correctMasked = maskedSource(`return ${recipe};`);

export const maskMistakes: Mistake[] = [
  {
    id: 'padding-mask-off-by-one-long',
    exercise: 'paddingMask',
    what: 'the padding mask is off by one: it keeps one key too many (position j == validLen is kept)',
    fix: 'keep key position j exactly when j < validLen (strictly less)',
    source: paddingSource('positions.lessEqual(lengths)'),
    fixed: correctPadding,
  },
  {
    id: 'padding-mask-off-by-one-short',
    exercise: 'paddingMask',
    what: 'the padding mask is off by one: it blocks the last valid key (position validLen - 1)',
    fix: 'keep key position j exactly when j < validLen; positions are 0-based, so the last valid one is validLen - 1',
    source: paddingSource('positions.less(lengths.sub(1))'),
    fixed: correctPadding,
  },
  {
    id: 'padding-mask-inverted',
    exercise: 'paddingMask',
    what: "the padding mask is inverted (1 = blocked, PyTorch's key_padding_mask convention); attnlab masks are keep-masks",
    fix: 'return 1 where the key may be attended to (j < validLen) and 0 for padding',
    source: paddingSource('positions.greaterEqual(lengths)'),
    fixed: correctPadding,
  },
  {
    id: 'padding-mask-no-query-axis',
    exercise: 'paddingMask',
    what: 'the padding mask has shape [B, Lk]; it needs the query axis, [B, 1, Lk], to broadcast against scores [B, Lq, Lk]',
    fix: 'add the middle axis with .expandDims(1) (or reshape to [B, 1, Lk])',
    source: paddingSource('positions.less(lengths)', ''),
    fixed: correctPadding,
  },
  {
    id: 'causal-mask-transposed',
    exercise: 'causalMask',
    what: 'the causal mask is transposed (upper-triangular): each query sees the future and not the past',
    fix: 'query i (row) may see keys j <= i (columns): keep the lower triangle, tf.linalg.bandPart(ones, -1, 0)',
    source: causalSource('tf.linalg.bandPart(tf.ones([l, l]), 0, -1)'),
    fixed: correctCausal,
  },
  {
    id: 'causal-mask-inverted',
    exercise: 'causalMask',
    what: 'the causal mask is inverted (1 = blocked); attnlab masks are keep-masks',
    fix: 'return 1 on and below the diagonal (the keys a query may see) and 0 above it',
    source: causalSource('tf.ones([l, l]).sub(tf.linalg.bandPart(tf.ones([l, l]), -1, 0))'),
    fixed: correctCausal,
  },
  {
    id: 'causal-mask-no-diagonal',
    exercise: 'causalMask',
    what: 'the causal mask blocks the diagonal: a query must be allowed to attend to its own position',
    fix: 'keep j <= i, not j < i',
    source: causalSource('tf.linalg.bandPart(tf.ones([l, l]), -1, 0).sub(tf.eye(l))'),
    fixed: correctCausal,
  },
  {
    id: 'causal-mask-keeps-all',
    exercise: 'causalMask',
    what: 'the causal mask keeps every key (all ones), so each query still sees the future',
    fix: 'keep only the lower triangle, keys j <= i: tf.linalg.bandPart(tf.ones([l, l]), -1, 0)',
    source: causalSource('tf.ones([l, l])'),
    fixed: correctCausal,
  },
  {
    id: 'mask-ignored',
    exercise: 'maskedSoftmax',
    what: 'the mask is ignored: blocked keys still get weight',
    fix: `fill the blocked scores with -1e9 before the softmax, and multiply the weights by the mask after it (a row whose keys are all blocked must get zeros, not uniform weights): ${recipe}`,
    source: maskedSource('return tf.softmax(scores);'),
    fixed: correctMasked,
  },
  {
    id: 'mask-after-softmax',
    exercise: 'maskedSoftmax',
    what: 'the mask is applied after the softmax: blocked weights are zeroed but the rows no longer sum to 1',
    fix: `also mask the scores before the softmax (blocked scores to -1e9, so the kept weights renormalise), keeping the multiplication by the mask after it for fully blocked rows: ${recipe}`,
    source: maskedSource('return tf.softmax(scores).mul(mask);'),
    fixed: correctMasked,
  },
  {
    id: 'mask-with-zero',
    exercise: 'maskedSoftmax',
    what: 'blocked scores are set to 0 (scores × mask) instead of −∞; exp(0) = 1, so blocked keys still get weight',
    fix: `fill blocked scores with -1e9 instead of multiplying them by the mask (exp of -1e9 is 0), and multiply the weights by the mask after the softmax so a fully blocked row gets zeros: ${recipe}`,
    source: maskedSource('return tf.softmax(scores.mul(mask));'),
    fixed: correctMasked,
  },
  {
    id: 'nan-fully-masked',
    exercise: 'maskedSoftmax',
    what: 'a row whose keys are all blocked comes out as NaN (every score is −∞, so the softmax divides 0 by 0)',
    fix: "after the softmax, give rows with no kept key all-zero weights: tf.where(keep.any(-1, true), weights, tf.zerosLike(weights)) with keep = mask.cast('bool')",
    source: maskedSource(`const keep = mask.cast('bool');
const filled = tf.where(keep, scores, tf.fill(scores.shape, -Infinity));
const e = filled.sub(filled.max(-1, true)).exp();
const weights = e.div(e.sum(-1, true));
return weights;`),
    fixed: maskedSource(`const keep = mask.cast('bool');
const filled = tf.where(keep, scores, tf.fill(scores.shape, -Infinity));
const e = filled.sub(filled.max(-1, true)).exp();
const weights = e.div(e.sum(-1, true));
return tf.where(keep.any(-1, true), weights, tf.zerosLike(weights));`),
  },
  {
    id: 'uniform-fully-masked',
    exercise: 'maskedSoftmax',
    what: 'a row whose keys are all blocked gets uniform weights (every score became the same large negative number) instead of zeros',
    fix: 'multiply the result by the mask: fully blocked rows must get all-zero weights',
    source: maskedSource("return tf.softmax(tf.where(mask.cast('bool'), scores, tf.fill(scores.shape, -1e9)));"),
    fixed: correctMasked,
  },
  {
    id: 'masked-unstable-softmax',
    exercise: 'maskedSoftmax',
    what: 'the masked softmax is not numerically stable: exp() of large scores overflows and gives NaN',
    fix: 'subtract the row maximum over the kept keys before exp(): scores.sub(tf.where(keep, scores, tf.fill(scores.shape, -Infinity)).max(-1, true))',
    source: maskedSource(`const keep = mask.cast('bool');
const e = tf.where(keep, scores.exp(), tf.zerosLike(scores));
const sum = e.sum(-1, true);
return e.div(tf.where(sum.greater(0), sum, tf.onesLike(sum)));`),
    fixed: maskedSource(`const keep = mask.cast('bool');
const e = tf.where(keep, scores.sub(tf.where(keep, scores, tf.fill(scores.shape, -Infinity)).max(-1, true)).exp(), tf.zerosLike(scores));
const sum = e.sum(-1, true);
return e.div(tf.where(sum.greater(0), sum, tf.onesLike(sum)));`),
  },
  {
    id: 'masked-softmax-wrong-axis',
    exercise: 'maskedSoftmax',
    what: 'the softmax normalises over the wrong axis (axis -2, the queries) instead of the keys (the last axis)',
    fix: 'take max and sum over axis -1 with keepDims = true',
    source: maskedSource(`const keep = tf.broadcastTo(mask, scores.shape).cast('bool');
const filled = tf.where(keep, scores, tf.fill(scores.shape, -1e9));
const e = tf.where(keep, filled.sub(filled.max(-2, true)).exp(), tf.zerosLike(scores));
const sum = e.sum(-2, true);
return e.div(tf.where(sum.greater(0), sum, tf.onesLike(sum)));`),
    fixed: maskedSource(`const keep = tf.broadcastTo(mask, scores.shape).cast('bool');
const filled = tf.where(keep, scores, tf.fill(scores.shape, -1e9));
const e = tf.where(keep, filled.sub(filled.max(-1, true)).exp(), tf.zerosLike(scores));
const sum = e.sum(-1, true);
return e.div(tf.where(sum.greater(0), sum, tf.onesLike(sum)));`),
  },
  {
    id: 'masked-uniform-weights',
    exercise: 'maskedSoftmax',
    what: 'the scores are ignored: every kept key gets the same weight (the mask divided by its row sum), whatever its score',
    fix: `take the softmax of the scores, with blocked scores filled with -1e9, and multiply the weights by the mask: ${recipe}`,
    source: maskedSource(`const keep = tf.broadcastTo(mask, scores.shape);
return keep.div(keep.sum(-1, true).maximum(1));`),
    fixed: correctMasked,
  },
];
