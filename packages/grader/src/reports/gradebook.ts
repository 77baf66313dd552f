import { roundPoints, type SubmissionResult } from '../results';

/** A spreadsheet reads a cell starting with one of these as a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field (RFC 4180): text that a spreadsheet would run as a formula is prefixed with ' and quoted. */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return FORMULA_START.test(value) || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** gradebook.csv: one row per student, the total and one column per exercise. */
export function toGradebook(results: SubmissionResult[]): string {
  const ids = results[0]?.exercises.map((e) => e.id) ?? [];
  const header = ['student', 'score', 'max_score', ...ids];
  const rows = results.map((s) => [s.student, s.score, s.maxScore, ...s.exercises.map((e) => roundPoints(e.score))]);
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}
