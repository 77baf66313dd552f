// One model of a notebook, used by the grader, the student release and the course site
// (`@attnlab/grader/notebook`).
export { BEGIN_SOLUTION, cellExercise, END_SOLUTION, exerciseMarkingErrors, extractExercises, type ExtractedCell } from './exercise-cells';
export { type Cell, type CellMetadata, cellName, cellSource, isLessonFile, type LessonMeta, lessonOfFile, lessonSlug, type Notebook, type Output, sourceText } from './format';
export { type LoadedNotebook, loadNotebook, notebookFiles, parseNotebook, readNotebook } from './read';
export { toStudentNotebook } from './student-edition';
