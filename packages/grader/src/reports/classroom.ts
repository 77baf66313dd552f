import { formatExercise } from '../feedback';
import { roundPoints, type SubmissionResult } from '../results';

/**
 * The result JSON GitHub Classroom's autograding-grading-reporter reads (base64 in
 * `<RUNNER>_RESULTS`, as the education/autograding-*-grader actions emit it).
 */
export interface ClassroomResults {
  version: 1;
  status: 'pass' | 'fail' | 'error';
  max_score: number;
  tests: { name: string; status: 'pass' | 'fail' | 'error'; message: string; score: number; execution_time: string }[];
}

export function toClassroom(s: SubmissionResult): ClassroomResults {
  const tests = s.exercises.map((e) => ({
    name: `${e.id} (lesson ${e.lesson})`,
    status: e.status === 'passed' ? ('pass' as const) : e.status === 'error' ? ('error' as const) : ('fail' as const),
    message: formatExercise(e),
    score: roundPoints(e.score),
    execution_time: '0s',
  }));
  const status = tests.every((t) => t.status === 'pass') ? 'pass' : tests.some((t) => t.status === 'fail') ? 'fail' : 'error';
  return { version: 1, status, max_score: s.maxScore, tests };
}
