import { caseDetail, caseLabel, formatExercise, hintLines, indent } from '../feedback';
import { type CaseResult, type ExerciseResult, roundPoints, type SubmissionResult } from '../results';

/** Gradescope's autograder results.json (https://gradescope-autograders.readthedocs.io/en/latest/specs/). */
type GradescopeVisibility = 'visible' | 'hidden' | 'after_due_date' | 'after_published';

export interface GradescopeTest {
  name: string;
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  output: string;
  visibility: GradescopeVisibility;
}

export interface GradescopeResults {
  score: number;
  max_score: number;
  execution_time: number;
  output: string;
  visibility: GradescopeVisibility;
  stdout_visibility: 'visible' | 'hidden';
  tests: GradescopeTest[];
}

function casesOutput(e: ExerciseResult, cases: CaseResult[]): string {
  const lines = cases.map((c) => (c.passed ? `✔ ${caseLabel(e, c)}` : `✘ ${caseLabel(e, c)}\n${indent(caseDetail(c), '    ')}`));
  return [...lines, ...hintLines(e)].join('\n');
}

/**
 * One visible test per exercise for its public cases and one for its hidden cases,
 * shown after grades are published (hidden cases by position, pass/fail and hints only).
 * Test names start with the exercise id.
 */
export function toGradescope(s: SubmissionResult): GradescopeResults {
  const tests: GradescopeTest[] = [];
  for (const e of s.exercises) {
    for (const visibility of ['public', 'hidden'] as const) {
      const cases = e.cases.filter((c) => c.visibility === visibility);
      if (cases.length === 0) continue;
      // from the exact share of the exercise's points, not the rounded per-case points
      const share = e.maxScore / e.cases.length;
      const score = roundPoints(share * cases.filter((c) => c.passed).length);
      const max = roundPoints(share * cases.length);
      const output = e.status === 'error' || e.status === 'not-implemented' ? formatExercise(e) : casesOutput(e, cases);
      tests.push({
        name: `${e.id}: ${visibility} cases (lesson ${e.lesson}, ${e.title})`,
        score,
        max_score: max,
        status: cases.every((c) => c.passed) ? 'passed' : 'failed',
        output,
        visibility: visibility === 'public' ? 'visible' : 'after_published',
      });
    }
  }
  return {
    score: s.score,
    max_score: s.maxScore,
    execution_time: Math.round(s.seconds),
    output: [`attnlab grader: ${s.score}/${s.maxScore} points over ${s.exercises.length} exercises${s.hidden ? '' : ' (public cases only)'}`, ...(s.notes ?? [])].join('\n'),
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests,
  };
}
