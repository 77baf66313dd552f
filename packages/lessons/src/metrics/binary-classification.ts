// How well a yes/no classifier does, with the positive class (spam, in lesson 06) counted apart:
// on imbalanced data accuracy alone hides a filter that never says "spam".

export interface BinaryMetrics {
  /** predicted positive and positive */
  tp: number;
  /** predicted positive but negative */
  fp: number;
  /** predicted negative but positive */
  fn: number;
  /** predicted negative and negative */
  tn: number;
  accuracy: number;
  /** of the predicted positives, the share that are positive (1 when nothing is predicted positive) */
  precision: number;
  /** of the positives, the share predicted positive (1 when there are none) */
  recall: number;
  /** harmonic mean of precision and recall, 2tp / (2tp + fp + fn) (1 when there are no positives at all) */
  f1: number;
}

/** Confusion counts and the scores derived from them; `predicted[i]` and `actual[i]` are one example. */
export function binaryMetrics(predicted: readonly boolean[], actual: readonly boolean[]): BinaryMetrics {
  if (predicted.length !== actual.length) throw new Error(`binaryMetrics: ${predicted.length} predictions for ${actual.length} labels`);
  let [tp, fp, fn, tn] = [0, 0, 0, 0];
  predicted.forEach((p, i) => {
    if (p && actual[i]) tp++;
    else if (p) fp++;
    else if (actual[i]) fn++;
    else tn++;
  });
  return {
    tp,
    fp,
    fn,
    tn,
    accuracy: predicted.length ? (tp + tn) / predicted.length : 1,
    precision: tp + fp ? tp / (tp + fp) : 1,
    recall: tp + fn ? tp / (tp + fn) : 1,
    f1: tp + fp + fn ? (2 * tp) / (2 * tp + fp + fn) : 1,
  };
}
