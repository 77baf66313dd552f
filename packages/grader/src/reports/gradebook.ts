import type { SubmissionResult } from '../results';

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** gradebook.csv: one row per student, the total and one column per exercise. */
export function toGradebook(results: SubmissionResult[]): string {
  const ids = results[0]?.exercises.map((e) => e.id) ?? [];
  const header = ['student', 'score', 'max_score', ...ids];
  const rows = results.map((s) => [s.student, s.score, s.maxScore, ...s.exercises.map((e) => e.score)]);
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}
