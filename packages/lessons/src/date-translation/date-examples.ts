// Translation examples from the date formats. The calendar days themselves are split, so a test
// date never appears in training in any format: the model is tested on dates, not only on
// formats, it has not seen.
import { SeededRandom } from '../seeded-random';
import { type CalendarDate, DATE_FORMATS, dateAt, dayCount, isoDate, writeDate } from './date-formats';

/** One input string and its ISO translation. */
export interface DateExample {
  input: string;
  target: string;
  /** index into DATE_FORMATS */
  format: number;
  date: CalendarDate;
}

/** Disjoint sets of day indices (see dateAt) for training, validation and test. */
export interface DaySplit {
  train: number[];
  validation: number[];
  test: number[];
}

/** Every day of 1950–2049 shuffled with `seed`; the first `test` days are held out for test, the next `validation` for validation. */
export function splitDays(seed: number, sizes: { validation: number; test: number }): DaySplit {
  const days = new SeededRandom(seed).shuffle(Array.from({ length: dayCount() }, (_, i) => i));
  return { test: days.slice(0, sizes.test), validation: days.slice(sizes.test, sizes.test + sizes.validation), train: days.slice(sizes.test + sizes.validation) };
}

/** The example for `day` written in format `format`. */
export function exampleOf(day: number, format: number): DateExample {
  const date = dateAt(day);
  return { input: writeDate(DATE_FORMATS[format], date), target: isoDate(date), format, date };
}

/** `count` examples, each a day drawn from `days` and a format drawn uniformly, both from `seed`. */
export function sampleExamples(days: readonly number[], count: number, seed: number): DateExample[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, () => {
    const day = days[random.below(days.length)];
    return exampleOf(day, random.below(DATE_FORMATS.length));
  });
}

/** Every one of `days` in every format, format by format: what accuracy per format is measured on. */
export function everyFormat(days: readonly number[]): DateExample[] {
  return DATE_FORMATS.flatMap((_, format) => days.map((day) => exampleOf(day, format)));
}
