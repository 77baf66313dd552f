import { additiveAttention, additiveScores } from '../../exercises/additive';
import type { Mistake } from './mistake';

/** additiveScores whose hidden features are `features` (from qh [..., Lq, 1, h] and kh [..., 1, Lk, h]). */
function scoresSource(features: string): string {
  return `${additiveScores.signature} {
  return tf.tidy(() => {
    const qh = tf.matMul(q, Wq).expandDims(-2);
    const kh = tf.matMul(k, Wk).expandDims(-3);
    return ${features}.mul(wv).sum(-1);
  });
}`;
}

/** additiveAttention whose weights are `weights`, computed from `scores` [..., Lq, Lk]; `tanh` is '.tanh()' or ''. */
function attentionSource(tanh: string, weights: string): string {
  return `${additiveAttention.signature} {
  return tf.tidy(() => {
    const scores = tf.matMul(q, Wq).expandDims(-2).add(tf.matMul(k, Wk).expandDims(-3))${tanh}.mul(wv).sum(-1);
    const weights = ${weights};
    return { output: tf.matMul(weights, v), weights };
  });
}`;
}

export const additiveMistakes: Mistake[] = [
  {
    id: 'missing-tanh',
    exercise: 'additiveScores',
    what: 'the tanh is missing: without it the score is linear in q and k, wv·(qWq) + wv·(kWk)',
    fix: 'apply tanh to q·Wq + k·Wk before contracting with wv',
    source: scoresSource('qh.add(kh)'),
    fixed: scoresSource('qh.add(kh).tanh()'),
  },
  {
    id: 'additive-missing-tanh',
    exercise: 'additiveAttention',
    what: 'the tanh is missing from the scores: without it the score is linear in q and k',
    fix: 'score = wv · tanh(q·Wq + k·Wk); apply tanh before contracting with wv',
    source: attentionSource('', 'tf.softmax(scores)'),
    fixed: attentionSource('.tanh()', 'tf.softmax(scores)'),
  },
  {
    id: 'additive-softmax-wrong-axis',
    exercise: 'additiveAttention',
    what: 'the softmax runs over the queries (axis -2) instead of over the keys (the last axis)',
    fix: 'normalise the [..., Lq, Lk] scores over the last axis (max and sum over axis -1)',
    source: attentionSource('.tanh()', 'scores.sub(scores.max(-2, true)).exp().div(scores.sub(scores.max(-2, true)).exp().sum(-2, true))'),
    fixed: attentionSource('.tanh()', 'scores.sub(scores.max(-1, true)).exp().div(scores.sub(scores.max(-1, true)).exp().sum(-1, true))'),
  },
];
