// The lessons whose models `npm run train -- <lesson>` trains in full, by notebook name. Each
// entry loads its lesson's code only when run, trains, saves where its notebook loads the
// weights, and returns the file it wrote. A lesson that trains a model adds itself here.

export type LessonTrainer = (log: (line: string) => void) => Promise<string>;

export const lessonTrainers: Record<string, () => LessonTrainer> = {
  '06-information-filter': () => require('./information-filter/full-training').trainSavedFilter,
  '09-date-translation': () => require('./date-translation/full-training').trainSavedBaseline,
};
