// `@attnlab/lessons/date-translation`: the finished pieces lesson 09 imports (a kernel entry point:
// it loads TF.js, not the site builder or the grader's compiler).
export { bahdanauContext, type BahdanauParams, contextFromProjected } from '../models/bahdanau-context';
export { DateTranslator, type DateTranslatorConfig, type TranslatorOutput } from '../models/date-translator';
export { SeededRandom } from '../seeded-random';
export { decodeOutput, encodeInput, encodeOutput, INPUT_VOCAB, inputBatch, type InputBatch, inputChar, OUTPUT_CHARS, OUTPUT_LENGTH, PAD, START } from './characters';
export { type DateExample, type DaySplit, everyFormat, exampleOf, sampleExamples, splitDays } from './date-examples';
export {
  type CalendarDate,
  DATE_FORMATS,
  type DateField,
  type DateFormat,
  type DatePart,
  dateAt,
  dayCount,
  fieldsOf,
  FIRST_YEAR,
  ISO_FIELDS,
  isoDate,
  LAST_YEAR,
  MONTHS,
  ordinal,
  WEEKDAYS,
  writeDate,
} from './date-formats';
export { accuracyByFormat, alignment, attentionOnSource, exactMatch, type Translation, translateAll } from './evaluate';
export { newTranslator } from './new-translator';
export { lessonData, type LessonData } from './lesson-data';
export { type BaselineEpoch, DATE_LESSON, loadSavedBaseline, type SavedBaseline, savedBaselineFile } from './saved-baseline';
export { DATE_DATA, DATE_MODEL, DATE_TRAINING } from './settings';
export { teacherForcedLoss, trainTranslator } from './train';
export type { TrainingEpoch, TrainingOptions } from '../training-loop';
