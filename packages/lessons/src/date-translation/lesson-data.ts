// The lesson's three sets, built the same way by the notebook and by `npm run train`.
import { type DateExample, everyFormat, sampleExamples, splitDays } from './date-examples';
import { DATE_DATA } from './settings';

export interface LessonData {
  train: DateExample[];
  /** every validation day in every format */
  validation: DateExample[];
  /** every test day in every format */
  test: DateExample[];
}

/** The sets of DATE_DATA; `sizes` shrinks them (quick mode) without changing which days are held out. */
export function lessonData(sizes: { trainExamples: number; validationDays: number; testDays: number } = DATE_DATA): LessonData {
  const split = splitDays(DATE_DATA.splitSeed, { validation: DATE_DATA.validationDays, test: DATE_DATA.testDays });
  return {
    train: sampleExamples(split.train, sizes.trainExamples, DATE_DATA.trainSeed),
    validation: everyFormat(split.validation.slice(0, sizes.validationDays)),
    test: everyFormat(split.test.slice(0, sizes.testDays)),
  };
}
