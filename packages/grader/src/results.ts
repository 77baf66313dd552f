import type { Visibility } from './references';

export interface CaseResult {
  name: string;
  visibility: Visibility;
  passed: boolean;
  points: number;
  maxPoints: number;
  /** why it failed: mismatches, the error thrown, or the exercise-level failure */
  message?: string;
}

export interface Diagnosis {
  mistake: string;
  what: string;
  fix: string;
}

export type ExerciseStatus = 'passed' | 'partial' | 'failed' | 'not-implemented' | 'error';

export interface ExerciseResult {
  id: string;
  lesson: string;
  title: string;
  status: ExerciseStatus;
  /** exact (a share of the points may be a third); totals add exact scores, reports round what they print */
  score: number;
  maxScore: number;
  /** one line for tables and summaries */
  summary: string;
  /** where the cell was found */
  cell?: string;
  cases: CaseResult[];
  diagnoses: Diagnosis[];
  /** violated properties of the student's output (rows sum to 1, blocked weights are 0) */
  properties: string[];
  /** how to start, for stubs */
  start?: string;
}

export interface SubmissionResult {
  student: string;
  path: string;
  score: number;
  maxScore: number;
  exercises: ExerciseResult[];
  /** seconds spent grading this submission */
  seconds: number;
  /** whether hidden cases were graded (false in the student edition) */
  hidden: boolean;
  /** what was skipped in the submission and why (a Jupyter copy, a symbolic link, a notebook not named like a lesson) */
  notes?: string[];
}

/** Points as shown and totalled, to the hundredth: round once, where the value is printed or summed up. */
export function roundPoints(x: number): number {
  return Math.round(x * 100) / 100;
}

export function submissionPassed(s: SubmissionResult): boolean {
  return s.exercises.every((e) => e.status === 'passed');
}
