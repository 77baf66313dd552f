// The baseline a character model has to beat: a bigram model, p(next | previous) estimated by
// counting pairs in the training names, with add-α (Lidstone) smoothing so that a pair never seen
// in training gets a small probability rather than zero (which would make the loss infinite).
import { BOUNDARY, encodeName, NAME_VOCAB } from './characters';

export interface BigramModel {
  /** [previous][next] smoothed probabilities; each row sums to 1 */
  probabilities: number[][];
  alpha: number;
}

/** Every (previous, next) pair of a name, boundaries included: ". e", "e m", …, "a .". */
function pairs(name: string): [number, number][] {
  const ids = [BOUNDARY, ...encodeName(name), BOUNDARY];
  return ids.slice(1).map((next, i) => [ids[i], next]);
}

/** p(next | previous) = (count(previous, next) + α) / (count(previous) + α·V). */
export function fitBigram(names: readonly string[], alpha: number): BigramModel {
  const counts = Array.from({ length: NAME_VOCAB }, () => new Array<number>(NAME_VOCAB).fill(0));
  for (const name of names) for (const [a, b] of pairs(name)) counts[a][b]++;
  const probabilities = counts.map((row) => {
    const total = row.reduce((s, c) => s + c, 0) + alpha * NAME_VOCAB;
    return row.map((c) => (c + alpha) / total);
  });
  return { probabilities, alpha };
}

/** The mean negative log-likelihood per predicted character (letters and the closing boundary), in nats. */
export function bigramLoss(model: BigramModel, names: readonly string[]): number {
  let sum = 0;
  let count = 0;
  for (const name of names) {
    for (const [a, b] of pairs(name)) {
      sum -= Math.log(model.probabilities[a][b]);
      count++;
    }
  }
  return sum / count;
}
