// A seeded train/validation/test split that keeps every stratum (a class, or a finer group such
// as the SpamAssassin corpus's hard ham) in the same proportions in all three parts.
import { SeededRandom } from '../seeded-random';

export interface Split<T> {
  train: T[];
  validation: T[];
  test: T[];
}

export interface SplitFractions {
  validation: number;
  test: number;
}

/**
 * Shuffles each stratum with `seed` and cuts it into test, validation and train parts of the
 * given fractions (rounded per stratum), so each part holds its share of every stratum; strata
 * are visited in sorted order, so the split does not depend on the order of `items`' strata.
 */
export function stratifiedSplit<T>(items: readonly T[], stratum: (item: T) => string, fractions: SplitFractions, seed: number): Split<T> {
  if (fractions.validation < 0 || fractions.test < 0 || fractions.validation + fractions.test >= 1) {
    throw new Error(`stratifiedSplit: validation and test fractions must be non-negative and leave some training data, got ${fractions.validation} and ${fractions.test}`);
  }
  const strata = new Map<string, T[]>();
  for (const item of items) {
    const key = stratum(item);
    const members = strata.get(key);
    if (members) members.push(item);
    else strata.set(key, [item]);
  }
  const random = new SeededRandom(seed);
  const split: Split<T> = { train: [], validation: [], test: [] };
  for (const key of [...strata.keys()].sort()) {
    const shuffled = random.shuffle(strata.get(key)!);
    const nTest = Math.round(shuffled.length * fractions.test);
    const nValidation = Math.round(shuffled.length * fractions.validation);
    split.test.push(...shuffled.slice(0, nTest));
    split.validation.push(...shuffled.slice(nTest, nTest + nValidation));
    split.train.push(...shuffled.slice(nTest + nValidation));
  }
  return split;
}
