import { onlineSoftmaxUpdate } from '../../exercises/online-softmax';
import type { Mistake } from './mistake';

interface Parts {
  /** the new running maximum [Lq, 1] */
  m: string;
  /** what the old l and acc are multiplied by (m, the new maximum, in scope) */
  alpha: string;
  /** the block's unnormalised weights [Lq, Bk] */
  p: string;
  l: string;
  acc: string;
  /** what is returned as acc */
  out: string;
}

const RIGHT: Parts = {
  m: 'tf.maximum(state.m, scores.max(-1, true))',
  alpha: 'tf.exp(state.m.sub(m))',
  p: 'tf.exp(scores.sub(m))',
  l: 'state.l.mul(alpha).add(p.sum(-1, true))',
  acc: 'state.acc.mul(alpha).add(tf.matMul(p, values))',
  out: 'acc',
};

/** onlineSoftmaxUpdate with some of its parts changed; the rest as in the correct update. */
function update(changed: Partial<Parts>): string {
  const x = { ...RIGHT, ...changed };
  return `${onlineSoftmaxUpdate.signature} {
  return tf.tidy(() => {
    const m = ${x.m};
    const alpha = ${x.alpha};
    const p = ${x.p};
    const l = ${x.l};
    const acc = ${x.acc};
    return { m, l, acc: ${x.out} };
  });
}`;
}

const correct = update({});

const mistake = (id: string, what: string, fix: string, source: string, fixed = correct): Mistake => ({
  id: `online-softmax-${id}`,
  exercise: 'onlineSoftmaxUpdate',
  what,
  fix,
  source,
  fixed,
});

const NO_OLD_RESCALE = { l: 'state.l.add(p.sum(-1, true))', acc: 'state.acc.add(tf.matMul(p, values))' };

export const onlineSoftmaxMistakes: Mistake[] = [
  mistake(
    'no-rescale',
    'the running sum l and the accumulator acc are not rescaled when the maximum changes: they were summed relative to the old maximum and the new block relative to the new one, so old keys keep too much weight',
    'multiply state.l and state.acc by alpha = exp(state.m − m) (the old maximum minus the new one) before adding the block',
    update(NO_OLD_RESCALE),
  ),
  mistake(
    'rescale-wrong-direction',
    'the old sums are rescaled by exp(m_new − m_old) instead of exp(m_old − m_new): the factor is above 1, so old keys gain weight when a larger score arrives (and on the first block exp(+∞) · 0 gives NaN)',
    'rescale by alpha = exp(state.m − m), the old maximum minus the new one: a factor of at most 1, and 0 on the first block',
    update({ alpha: 'tf.exp(m.sub(state.m))' }),
  ),
  mistake(
    'rescale-l-only',
    'l is rescaled when the maximum changes but acc is not: the numerator and the denominator of acc / l are then relative to different maxima',
    'multiply state.acc by alpha = exp(state.m − m) too, as state.l is',
    update({ acc: NO_OLD_RESCALE.acc }),
  ),
  mistake(
    'rescale-acc-only',
    'acc is rescaled when the maximum changes but l is not: the numerator and the denominator of acc / l are then relative to different maxima',
    'multiply state.l by alpha = exp(state.m − m) too, as state.acc is',
    update({ l: NO_OLD_RESCALE.l }),
  ),
  mistake(
    'block-max',
    "the new maximum is the block's own maximum, not the running one: when a block has only smaller scores the maximum goes down, and exp(state.m − m) blows the old sums up",
    'take the running maximum, m = tf.maximum(state.m, scores.max(-1, true)), so it never decreases',
    update({ m: 'scores.max(-1, true)' }),
  ),
  mistake(
    'old-max-for-block',
    "the block's weights are exp(scores − state.m), relative to the old maximum, while the old sums are moved to the new one: the two parts of l and acc disagree (and on the first block, exp(scores + ∞) is Infinity)",
    'exponentiate the block relative to the new maximum: p = exp(scores − m), with m = tf.maximum(state.m, scores.max(-1, true))',
    update({ p: 'tf.exp(scores.sub(state.m))' }),
  ),
  mistake(
    'state-ignored',
    'the state is thrown away: each call returns the softmax sums of its own block only, so the output is attention over the last block of keys instead of over all of them',
    'add the block to the state: l = state.l · alpha + rowsum(p) and acc = state.acc · alpha + p · values, with alpha = exp(state.m − m) and m the running maximum tf.maximum(state.m, scores.max(-1, true))',
    update({ m: 'scores.max(-1, true)', l: 'p.sum(-1, true)', acc: 'tf.matMul(p, values)' }),
  ),
  mistake(
    'no-max-subtraction',
    'the block is exponentiated without subtracting the maximum, exp(scores): l and acc are no longer relative to m, and exp overflows to Infinity once a score passes about 88',
    'exponentiate relative to the running maximum, p = exp(scores − m), and rescale the old sums by alpha = exp(state.m − m)',
    update({ p: 'tf.exp(scores)', ...NO_OLD_RESCALE }),
  ),
  mistake(
    'normalised-acc',
    'acc is returned divided by l: that is the output so far, not the accumulator, and the next block would add unnormalised weights to it',
    'return acc itself; divide acc by l only once, after the last block',
    update({ out: 'acc.div(l)' }),
  ),
  mistake(
    'unchanged',
    'the state is returned unchanged: the block of keys is never added',
    'compute the running maximum m = tf.maximum(state.m, scores.max(-1, true)) and alpha = exp(state.m − m), then l = state.l · alpha + rowsum(exp(scores − m)) and acc = state.acc · alpha + exp(scores − m) · values',
    `${onlineSoftmaxUpdate.signature} {
  return { m: state.m.clone(), l: state.l.clone(), acc: state.acc.clone() };
}`,
  ),
];
