import type { Mistake } from './mistake';

/**
 * Lessons 06–08 each pool a sequence with a masked softmax over its positions: attention pooling
 * (one learned query), aspect attention (A queries) and target attention (the candidate as query).
 * The mistakes that come from the scaling and the masking are the same in all three; this file
 * writes them once, in each exercise's own words.
 */
export interface MaskedPooling {
  exercise: string;
  /** the prefix of the mistake ids, e.g. `pooling` gives `pooling-no-scaling` */
  prefix: string;
  /** the exercise function from a `scores` and a `weights` expression (`raw`, `keep`, `d` in scope) */
  build: (scores: string, weights: string) => string;
  /** the scores, e.g. `h · query` */
  scores: string;
  /** what d is, e.g. `the last dimension of h (and the length of the query)` */
  d: string;
  /** one element the softmax runs over: `position` or `step` */
  unit: string;
  /** where masked vectors leak to, e.g. `the output` */
  leaksInto: string;
  /** how the mask reaches the scores, where the exercise reshapes it, e.g. ` (the mask [B, L] as [B, 1, L])` */
  maskShape?: string;
  /** a row with nothing kept, e.g. `an email whose positions are all blocked`, and its id, e.g. `fully-masked` */
  empty: { what: string; id: string; none: string };
  /** the mean-pooling mistake: what the weights then ignore, and what follows */
  mean: { ignores: string; average: string; so: string; fix: string };
}

/** The recipe the masking hints lead to: blocked scores to -1e9, a softmax, then zero what the mask blocks. */
export const MASKED_SOFTMAX = "tf.softmax(tf.where(keep, scores, tf.fill(scores.shape, -1e9))).mul(keep.cast('float32'))";
export const SCALED = 'raw.div(Math.sqrt(d))';

export function maskedPoolingMistakes(p: MaskedPooling): Mistake[] {
  const recipe = MASKED_SOFTMAX;
  const correct = p.build(SCALED, recipe);
  const mistake = (id: string, what: string, fix: string, source: string, fixed = correct): Mistake => ({
    id: `${p.prefix}-${id}`,
    exercise: p.exercise,
    what,
    fix,
    source,
    fixed,
  });
  return [
    mistake(
      'no-scaling',
      `the scores ${p.scores} are not scaled by 1/√d, so the weights are too peaked`,
      `divide the scores by Math.sqrt(d), where d is ${p.d}`,
      p.build('raw', recipe),
    ),
    mistake(
      'scale-by-d',
      'the scores are divided by d instead of √d',
      'divide by Math.sqrt(d): a dot product of d terms has a standard deviation that grows like √d',
      p.build('raw.div(d)', recipe),
    ),
    mistake(
      'mask-ignored',
      `the padding mask is ignored: padding ${p.unit}s get weight and their vectors leak into ${p.leaksInto}`,
      `fill blocked scores with -1e9 before the softmax and multiply the weights by the mask after it${p.maskShape ?? ''}: ${recipe}`,
      p.build(SCALED, 'tf.softmax(scores)'),
    ),
    mistake(
      'mask-after-softmax',
      'the mask is applied only after the softmax: blocked weights are zeroed but the kept ones no longer sum to 1',
      `also mask the scores before the softmax (blocked scores to -1e9, so the kept weights renormalise), keeping the multiplication by the mask after it: ${recipe}`,
      p.build(SCALED, "tf.softmax(scores).mul(keep.cast('float32'))"),
    ),
    mistake(
      `nan-${p.empty.id}`,
      `${p.empty.what} comes out as NaN (every score is −∞, so the softmax divides 0 by 0)`,
      `after the softmax, give rows with no kept ${p.unit} all-zero weights: tf.where(keep.any(-1, true), weights, tf.zerosLike(weights))`,
      p.build(SCALED, 'tf.softmax(tf.where(keep, scores, tf.fill(scores.shape, -Infinity)))'),
      p.build(SCALED, 'tf.where(keep.any(-1, true), tf.softmax(tf.where(keep, scores, tf.fill(scores.shape, -Infinity))), tf.zerosLike(scores))'),
    ),
    mistake(
      `uniform-${p.empty.id}`,
      `${p.empty.what} gets uniform weights (every score became -1e9) instead of zeros`,
      `multiply the weights by the mask after the softmax: ${p.empty.none} must get all-zero weights and a zero output`,
      p.build(SCALED, 'tf.softmax(tf.where(keep, scores, tf.fill(scores.shape, -1e9)))'),
    ),
    mistake(
      'mean',
      `the weights ignore ${p.mean.ignores}: every kept ${p.unit} gets the same weight (${p.mean.average}), so ${p.mean.so}`,
      `weight the ${p.unit}s by a softmax of their scores ${p.mean.fix}: ${recipe}`,
      p.build(SCALED, "keep.cast('float32').div(keep.cast('float32').sum(-1, true).maximum(1))"),
    ),
  ];
}
