// One model of a notebook, used by the grader, the student release and the course site
// (`@attnlab/grader/notebook`).
export { BEGIN_SOLUTION, cellExercise, END_SOLUTION, exerciseMarkingErrors, extractExercises, type ExtractedCell } from './exercise-cells';
export {
  type Cell,
  type CellMetadata,
  cellName,
  copiedLessonFile,
  cellSource,
  isLessonFile,
  type LessonMeta,
  lessonOfFile,
  lessonSlug,
  type Notebook,
  type Output,
  sourceText,
} from './format';
export { isIgnoredFolder, lessonFileNames, type LoadedNotebook, loadNotebook, notebookFiles, parseNotebook, readNotebook, submissionFiles, type SubmissionFiles } from './read';
export { toStudentNotebook } from './student-edition';
