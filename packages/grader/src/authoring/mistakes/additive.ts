import { additiveAttention, additiveScores } from '../../exercises/additive';
import type { Mistake } from './mistake';

export const additiveMistakes: Mistake[] = [
  {
    id: 'missing-tanh',
    exercise: 'additiveScores',
    what: 'the tanh is missing: without it the score is linear in q and k, wv·(qWq) + wv·(kWk)',
    fix: 'apply tanh to q·Wq + k·Wk before contracting with wv',
    source: `${additiveScores.signature} {
  return tf.tidy(() => {
    const qh = tf.matMul(q, Wq).expandDims(-2);
    const kh = tf.matMul(k, Wk).expandDims(-3);
    return qh.add(kh).mul(wv).sum(-1);
  });
}`,
  },
  {
    id: 'additive-missing-tanh',
    exercise: 'additiveAttention',
    what: 'the tanh is missing from the scores: without it the score is linear in q and k',
    fix: 'score = wv · tanh(q·Wq + k·Wk); apply tanh before contracting with wv',
    source: `${additiveAttention.signature} {
  return tf.tidy(() => {
    const scores = tf.matMul(q, Wq).expandDims(-2).add(tf.matMul(k, Wk).expandDims(-3)).mul(wv).sum(-1);
    const weights = tf.softmax(scores);
    return { output: tf.matMul(weights, v), weights };
  });
}`,
  },
  {
    id: 'additive-softmax-wrong-axis',
    exercise: 'additiveAttention',
    what: 'the softmax runs over the queries (axis -2) instead of over the keys (the last axis)',
    fix: 'normalise the [..., Lq, Lk] scores over the last axis',
    source: `${additiveAttention.signature} {
  return tf.tidy(() => {
    const scores = tf.matMul(q, Wq).expandDims(-2).add(tf.matMul(k, Wk).expandDims(-3)).tanh().mul(wv).sum(-1);
    const e = scores.sub(scores.max(-2, true)).exp();
    const weights = e.div(e.sum(-2, true));
    return { output: tf.matMul(weights, v), weights };
  });
}`,
  },
];
