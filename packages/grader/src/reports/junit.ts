import { caseDetail, caseLabel, hintLines } from '../feedback';
import type { SubmissionResult } from '../results';

function xml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // characters XML 1.0 cannot hold at all
      // eslint-disable-next-line no-control-regex -- stripping control characters is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  );
}

/**
 * JUnit XML: a testsuite per submission, a testcase per exercise case, named "<exercise>: <case>"
 * ("<exercise>: hidden case 2 of 3" for hidden ones, which show no values).
 * A case of an exercise that could not run is an <error>; a wrong output or a stub is a <failure>.
 */
export function toJUnit(results: SubmissionResult[]): string {
  const totals = { tests: 0, failures: 0, errors: 0, seconds: 0 };
  const suites = results.map((s) => {
    const cases = s.exercises.flatMap((e) => e.cases.map((c) => ({ e, c })));
    const errors = cases.filter(({ e, c }) => !c.passed && e.status === 'error').length;
    const failures = cases.filter(({ e, c }) => !c.passed && e.status !== 'error').length;
    totals.tests += cases.length;
    totals.failures += failures;
    totals.errors += errors;
    totals.seconds += s.seconds;
    const body = cases.map(({ e, c }) => {
      const name = c.visibility === 'public' ? c.name : caseLabel(e, c);
      const open = `    <testcase classname="${xml(`${s.student}.${e.id}`)}" name="${xml(`${e.id}: ${name}`)}" time="0">`;
      if (c.passed) return `${open}</testcase>`;
      // an exercise that could not run, or is a stub, has one message for all its cases, about the cell
      const message = e.status === 'error' || e.status === 'not-implemented' ? (c.message ?? e.summary) : caseDetail(c);
      const tag = e.status === 'error' ? 'error' : 'failure';
      const type = e.status === 'not-implemented' ? 'not-implemented' : e.status === 'error' ? 'exercise-error' : 'wrong-output';
      const details = [message, ...hintLines(e)].join('\n');
      return `${open}\n      <${tag} type="${type}" message="${xml(message.split('\n')[0])}">${xml(details)}</${tag}>\n    </testcase>`;
    });
    return `  <testsuite name="${xml(s.student)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="0" time="${s.seconds.toFixed(3)}">\n${body.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="attnlab-grade" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" time="${totals.seconds.toFixed(3)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
