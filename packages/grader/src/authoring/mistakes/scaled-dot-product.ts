import { scaledDotProductAttention, softmax } from '../../exercises/scaled-dot-product';
import type { Mistake } from './mistake';

const stableSoftmax = `${softmax.signature} {
  return tf.tidy(() => {
    const e = x.sub(x.max(-1, true)).exp();
    return e.div(e.sum(-1, true));
  });
}`;

export const softmaxMistakes: Mistake[] = [
  {
    id: 'unstable-softmax',
    exercise: 'softmax',
    what: 'the softmax is not numerically stable: exp() of large scores overflows to Infinity, giving NaN',
    fix: 'subtract the row maximum before exponentiating: x.sub(x.max(-1, true)).exp(); it cancels in the division',
    source: `${softmax.signature} {
  return tf.tidy(() => {
    const e = x.exp();
    return e.div(e.sum(-1, true));
  });
}`,
    fixed: stableSoftmax,
  },
  {
    id: 'softmax-wrong-axis',
    exercise: 'softmax',
    what: 'the softmax normalises over the wrong axis (axis -2, down the columns) instead of the last axis',
    fix: 'take max and sum over axis -1 with keepDims = true, so each row sums to 1',
    source: `${softmax.signature} {
  return tf.tidy(() => {
    const e = x.sub(x.max(-2, true)).exp();
    return e.div(e.sum(-2, true));
  });
}`,
    fixed: stableSoftmax,
  },
];

/** A scaled dot-product attention whose weights are `weights`, computed from `scores` [..., Lq, Lk]. */
function sdpa(scores: string, weights: string): string {
  return `${scaledDotProductAttention.signature} {
  return tf.tidy(() => {
    const dk = k.shape[k.shape.length - 1];
    const scores = ${scores};
    const weights = ${weights};
    return { output: tf.matMul(weights, v), weights };
  });
}`;
}

const scaled = 'tf.matMul(q, k, false, true).div(Math.sqrt(dk))';
const correctSdpa = sdpa(scaled, 'tf.softmax(scores)');

export const scaledDotProductAttentionMistakes: Mistake[] = [
  {
    id: 'no-scaling',
    exercise: 'scaledDotProductAttention',
    what: 'the scores are not scaled by 1/√d_k, so the softmax is too peaked',
    fix: 'divide q·kᵀ by Math.sqrt(d_k), where d_k is the last dimension of k',
    source: sdpa('tf.matMul(q, k, false, true)', 'tf.softmax(scores)'),
    fixed: correctSdpa,
  },
  {
    id: 'scale-by-d',
    exercise: 'scaledDotProductAttention',
    what: 'the scores are divided by d_k instead of √d_k',
    fix: 'divide by Math.sqrt(d_k): the variance of q·k grows like d_k, so its standard deviation grows like √d_k',
    source: sdpa('tf.matMul(q, k, false, true).div(dk)', 'tf.softmax(scores)'),
    fixed: correctSdpa,
  },
  {
    id: 'sdpa-softmax-wrong-axis',
    exercise: 'scaledDotProductAttention',
    what: 'the softmax runs over the queries (axis -2) instead of over the keys (the last axis)',
    fix: "normalise the [..., Lq, Lk] scores over the last axis: each query's weights over the keys sum to 1",
    source: sdpa(scaled, 'scores.sub(scores.max(-2, true)).exp().div(scores.sub(scores.max(-2, true)).exp().sum(-2, true))'),
    fixed: sdpa(scaled, 'scores.sub(scores.max(-1, true)).exp().div(scores.sub(scores.max(-1, true)).exp().sum(-1, true))'),
  },
  {
    id: 'sdpa-unstable-softmax',
    exercise: 'scaledDotProductAttention',
    what: 'the softmax inside attention is not numerically stable: large scores overflow exp() and give NaN',
    fix: 'subtract the row maximum of the scores before exp(): scores.sub(scores.max(-1, true)).exp()',
    source: sdpa(scaled, 'scores.exp().div(scores.exp().sum(-1, true))'),
    fixed: sdpa(scaled, 'scores.sub(scores.max(-1, true)).exp().div(scores.sub(scores.max(-1, true)).exp().sum(-1, true))'),
  },
  {
    id: 'sdpa-no-softmax',
    exercise: 'scaledDotProductAttention',
    what: "the softmax is missing: the scaled scores themselves are used as weights, so a query's weights are not positive and do not sum to 1",
    fix: 'turn the scaled scores into weights with a softmax over the last axis (the keys): weights = tf.softmax(scores)',
    source: sdpa(scaled, 'scores'),
    fixed: correctSdpa,
  },
];
