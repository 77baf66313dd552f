import type { SubmissionResult } from '../results';

function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // characters XML 1.0 cannot hold at all
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/** JUnit XML: a testsuite per submission, a testcase per exercise case, named "<exercise>: <case>". */
export function toJUnit(results: SubmissionResult[]): string {
  const suites = results.map((s) => {
    const cases = s.exercises.flatMap((e) => e.cases.map((c) => ({ e, c })));
    const errors = cases.filter(({ e, c }) => !c.passed && e.status === 'error').length;
    const failures = cases.filter(({ e, c }) => !c.passed && e.status !== 'error').length;
    const body = cases.map(({ e, c }) => {
      const open = `    <testcase classname="${xml(`${s.student}.${e.id}`)}" name="${xml(`${e.id}: ${c.name}`)}" time="0">`;
      if (c.passed) return `${open}</testcase>`;
      const message = c.message ?? e.summary;
      const tag = e.status === 'error' ? 'error' : 'failure';
      const type = e.status === 'not-implemented' ? 'not-implemented' : e.status === 'error' ? 'exercise-error' : 'wrong-output';
      const hints = e.diagnoses.map((d) => `\nlikely mistake: ${d.what}\nfix: ${d.fix}`).join('');
      return `${open}\n      <${tag} type="${type}" message="${xml(message.split('\n')[0])}">${xml(message + hints)}</${tag}>\n    </testcase>`;
    });
    return `  <testsuite name="${xml(s.student)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="0" time="${s.seconds.toFixed(3)}">\n${body.join('\n')}\n  </testsuite>`;
  });
  const total = (f: (s: SubmissionResult) => number) => results.reduce((a, s) => a + f(s), 0);
  const tests = total((s) => s.exercises.reduce((a, e) => a + e.cases.length, 0));
  const failed = total((s) => s.exercises.reduce((a, e) => a + e.cases.filter((c) => !c.passed).length, 0));
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="attnlab-grade" tests="${tests}" failures="${failed}" time="${total((s) => s.seconds).toFixed(3)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
