import { reason } from '../feedback';
import { roundPoints, type SubmissionResult } from '../results';

function render(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.min(60, Math.max(...rows.map((r) => r[i].length))));
  const line = (r: string[]) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.slice(0, widths[i])).padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** The per-exercise summary table for one submission. */
export function submissionTable(s: SubmissionResult): string {
  const rows = [['exercise', 'lesson', 'points', 'status', 'summary']];
  for (const e of s.exercises) rows.push([e.id, e.lesson, `${roundPoints(e.score)}/${e.maxScore}`, e.status, reason(e).slice(0, 100)]);
  rows.push(['total', '', `${s.score}/${s.maxScore}`, '', s.hidden ? '' : 'public cases only (no hidden.json)']);
  return render(rows);
}

/** One row per student. */
export function classTable(results: SubmissionResult[]): string {
  const rows = [['student', 'points', 'passed', 'not implemented', 'errors']];
  for (const s of results) {
    const count = (status: string) => String(s.exercises.filter((e) => e.status === status).length);
    rows.push([s.student, `${s.score}/${s.maxScore}`, `${count('passed')}/${s.exercises.length}`, count('not-implemented'), count('error')]);
  }
  return render(rows);
}

/** Each failing exercise of each student, with its one-line reason. */
export function classFailures(results: SubmissionResult[]): string {
  const rows = [['student', 'exercise', 'points', 'why']];
  for (const s of results) {
    for (const e of s.exercises) if (e.status !== 'passed') rows.push([s.student, e.id, `${roundPoints(e.score)}/${e.maxScore}`, reason(e).slice(0, 100)]);
  }
  return rows.length > 1 ? render(rows) : 'every exercise of every student passed';
}
