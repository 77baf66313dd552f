import { bahdanauContext } from '../../exercises/bahdanau-context';
import { MASKED_SOFTMAX } from './masked-pooling';
import type { Mistake } from './mistake';

/**
 * bahdanauContext whose scores [B, L] contract `features` [B, L, h] with wv (q = state · Wq as
 * [B, 1, h] and k = encoderOutputs · Wk as [B, L, h] in scope), and whose weights are `weights`
 * (with keep, a bool [B, L] mask, in scope); the context is the weights' sum of the encoder outputs.
 */
function step(features: string, weights: string): string {
  return `${bahdanauContext.signature} {
  return tf.tidy(() => {
    const [b, l, de] = encoderOutputs.shape;
    const h = params.wv.shape[0];
    const q = tf.matMul(state, params.Wq).expandDims(1);
    const k = tf.matMul(encoderOutputs.reshape([b * l, de]), params.Wk).reshape([b, l, h]);
    const scores = ${features}.reshape([b * l, h]).matMul(params.wv.reshape([h, 1])).reshape([b, l]);
    const keep = mask ? mask.cast('bool') : tf.onesLike(scores).cast('bool');
    const weights = ${weights};
    return { context: tf.matMul(weights.expandDims(1), encoderOutputs).reshape([b, de]), weights };
  });
}`;
}

const FEATURES = 'q.add(k).tanh()';
const correct = step(FEATURES, MASKED_SOFTMAX);

const mistake = (id: string, what: string, fix: string, source: string, fixed = correct): Mistake => ({
  id: `bahdanau-${id}`,
  exercise: 'bahdanauContext',
  what,
  fix,
  source,
  fixed,
});

export const bahdanauContextMistakes: Mistake[] = [
  mistake(
    'missing-tanh',
    'the tanh is missing: wv · (state·Wq + h_j·Wk) splits into a term for the state, the same for every position, and one for h_j, so the softmax ignores the decoder state and every step reads the same context',
    'apply tanh to state·Wq + encoderOutputs·Wk before contracting with wv',
    step('q.add(k)', MASKED_SOFTMAX),
  ),
  mistake(
    'state-ignored',
    'the decoder state is left out of the scores (wv · tanh(h_j·Wk)): the weights are the same at every decoder step, whatever has been written so far',
    'add the projected state, state·Wq as [B, 1, h], to encoderOutputs·Wk before the tanh',
    step('k.tanh()', MASKED_SOFTMAX),
  ),
  mistake(
    'softmax-over-batch',
    'the softmax runs over the batch axis (each position is normalised across the inputs of the batch), not over the L positions of one input',
    `take the softmax over the last axis of the [B, L] scores, the positions of each input: ${MASKED_SOFTMAX}`,
    step(FEATURES, "tf.softmax(tf.where(keep, scores, tf.fill(scores.shape, -1e9)).transpose()).transpose().mul(keep.cast('float32'))"),
  ),
  mistake(
    'mask-ignored',
    'the padding mask is ignored: padding positions get weight and their encoder outputs leak into the context',
    `fill blocked scores with -1e9 before the softmax and multiply the weights by the mask after it: ${MASKED_SOFTMAX}`,
    step(FEATURES, 'tf.softmax(scores)'),
  ),
  mistake(
    'mask-after-softmax',
    'the mask is applied only after the softmax: blocked weights are zeroed but the kept ones no longer sum to 1',
    `also mask the scores before the softmax (blocked scores to -1e9, so the kept weights renormalise), keeping the multiplication by the mask after it: ${MASKED_SOFTMAX}`,
    step(FEATURES, "tf.softmax(scores).mul(keep.cast('float32'))"),
  ),
  mistake(
    'nan-nothing-kept',
    'an input with every position blocked comes out as NaN (every score is −∞, so the softmax divides 0 by 0)',
    'after the softmax, give rows with no kept position all-zero weights: tf.where(keep.any(-1, true), weights, tf.zerosLike(weights))',
    step(FEATURES, 'tf.softmax(tf.where(keep, scores, tf.fill(scores.shape, -Infinity)))'),
    step(FEATURES, 'tf.where(keep.any(-1, true), tf.softmax(tf.where(keep, scores, tf.fill(scores.shape, -Infinity))), tf.zerosLike(scores))'),
  ),
  mistake(
    'uniform-nothing-kept',
    'an input with every position blocked gets uniform weights (every score became -1e9) instead of zeros',
    'multiply the weights by the mask after the softmax: an input with nothing kept must get all-zero weights and a zero context',
    step(FEATURES, 'tf.softmax(tf.where(keep, scores, tf.fill(scores.shape, -1e9)))'),
  ),
  mistake(
    'mean',
    'the weights ignore the scores: every kept position gets the same weight (the mean of the encoder outputs, the fixed-length summary attention replaces), so the decoder cannot look anywhere in particular',
    `weight the positions by a softmax of their additive scores wv · tanh(state·Wq + h_j·Wk): ${MASKED_SOFTMAX}`,
    step(FEATURES, "keep.cast('float32').div(keep.cast('float32').sum(-1, true).maximum(1))"),
  ),
];
