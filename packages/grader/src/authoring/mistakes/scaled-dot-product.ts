import { scaledDotProductAttention, softmax } from '../../exercises/scaled-dot-product';
import type { Mistake } from './mistake';

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
  },
];

export const scaledDotProductAttentionMistakes: Mistake[] = [
  {
    id: 'no-scaling',
    exercise: 'scaledDotProductAttention',
    what: 'the scores are not scaled by 1/√d_k, so the softmax is too peaked',
    fix: 'divide q·kᵀ by Math.sqrt(d_k), where d_k is the last dimension of k',
    source: `${scaledDotProductAttention.signature} {
  return tf.tidy(() => {
    const weights = tf.softmax(tf.matMul(q, k, false, true));
    return { output: tf.matMul(weights, v), weights };
  });
}`,
  },
  {
    id: 'scale-by-d',
    exercise: 'scaledDotProductAttention',
    what: 'the scores are divided by d_k instead of √d_k',
    fix: 'divide by Math.sqrt(d_k): the variance of q·k grows like d_k, so its standard deviation grows like √d_k',
    source: `${scaledDotProductAttention.signature} {
  return tf.tidy(() => {
    const dk = k.shape[k.shape.length - 1];
    const weights = tf.softmax(tf.matMul(q, k, false, true).div(dk));
    return { output: tf.matMul(weights, v), weights };
  });
}`,
  },
  {
    id: 'sdpa-softmax-wrong-axis',
    exercise: 'scaledDotProductAttention',
    what: 'the softmax runs over the queries (axis -2) instead of over the keys (the last axis)',
    fix: "normalise the [..., Lq, Lk] scores over the last axis: each query's weights over the keys sum to 1",
    source: `${scaledDotProductAttention.signature} {
  return tf.tidy(() => {
    const dk = k.shape[k.shape.length - 1];
    const scores = tf.matMul(q, k, false, true).div(Math.sqrt(dk));
    const e = scores.sub(scores.max(-2, true)).exp();
    const weights = e.div(e.sum(-2, true));
    return { output: tf.matMul(weights, v), weights };
  });
}`,
  },
  {
    id: 'sdpa-unstable-softmax',
    exercise: 'scaledDotProductAttention',
    what: 'the softmax inside attention is not numerically stable: large scores overflow exp() and give NaN',
    fix: 'subtract the row maximum of the scores before exp(), or use your stable softmax / tf.softmax',
    source: `${scaledDotProductAttention.signature} {
  return tf.tidy(() => {
    const dk = k.shape[k.shape.length - 1];
    const e = tf.matMul(q, k, false, true).div(Math.sqrt(dk)).exp();
    const weights = e.div(e.sum(-1, true));
    return { output: tf.matMul(weights, v), weights };
  });
}`,
  },
];
