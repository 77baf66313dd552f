export { check, type CheckResult } from './check';
export { exercises } from './exercises/catalog';
export type { ExerciseSpec } from './exercises/spec';
export { toStudentNotebook, type Notebook } from './notebook';
export { gradeSubmission, gradeSubmissions, type GradeOptions } from './grade';
export { discoverSubmissions, type SubmissionInput } from './submissions';
export type { SubmissionResult, ExerciseResult, CaseResult, Diagnosis } from './results';
export { formatExercise } from './feedback';
