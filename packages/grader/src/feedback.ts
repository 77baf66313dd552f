// What a student reads about an exercise, in every report. Hidden cases show only pass/fail,
// points, the named mistake and the fixed runtime hints: never their name (names describe
// inputs), their message (expected and actual numbers, shapes, text the student's code threw)
// or the property checks made on their outputs.
import { type CaseResult, type ExerciseResult, roundPoints } from './results';
import { hintsFor } from './runtime-hints';

const marks: Record<ExerciseResult['status'], string> = {
  passed: '✔',
  partial: '✘',
  failed: '✘',
  'not-implemented': '…',
  error: '✘',
};

/** Failing cases shown in full; the rest are counted. */
const SHOWN_CASES = 3;

export function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}

const publicFailed = (result: ExerciseResult) => result.cases.some((c) => c.visibility === 'public' && !c.passed);

/**
 * The lines that explain a wrong answer: the known mistake it matches, with its fix, and the
 * violated properties — those only when they come from a public case (they are checked on the
 * first wrong output, and public cases come first).
 */
export function hintLines(result: ExerciseResult): string[] {
  const properties = publicFailed(result) ? result.properties : [];
  return [...result.diagnoses.flatMap((d) => [`likely mistake: ${d.what}`, `fix: ${d.fix}`]), ...properties.map((p) => `property check: ${p}`)];
}

/** How a case is named to the student: its name when public, its position among the hidden ones otherwise. */
export function caseLabel(result: ExerciseResult, c: CaseResult): string {
  if (c.visibility === 'public') return `case "${c.name}"`;
  const hidden = result.cases.filter((x) => x.visibility === 'hidden');
  return `hidden case ${hidden.indexOf(c) + 1} of ${hidden.length}`;
}

/** Why one case failed, as the student may see it: the message of a public case, or a fixed line for a hidden one; then the runtime hints. */
export function caseDetail(c: CaseResult): string {
  const what = c.visibility === 'public' ? (c.message ?? 'failed') : 'wrong or no output (hidden cases show no values)';
  return [what, ...hintsFor(c.message).map((h) => `hint: ${h}`)].join('\n');
}

/** One line that says why an exercise lost points, safe to show the student. */
export function reason(result: ExerciseResult): string {
  const failing = result.cases.filter((c) => !c.passed);
  if (result.status === 'passed') return `all ${result.cases.length} cases passed`;
  if (result.status === 'not-implemented') return firstLine(result.summary);
  if (result.status === 'error') return firstLine(result.cases[0]?.message ?? result.summary);
  const firstPublic = failing.find((c) => c.visibility === 'public');
  const why =
    result.diagnoses[0]?.what ??
    (firstPublic ? firstLine(firstPublic.message ?? '') || 'wrong output' : undefined) ??
    failing.flatMap((c) => hintsFor(c.message))[0] ??
    'wrong output on hidden cases';
  return `${failing.length} of ${result.cases.length} cases failed: ${why}`;
}

/** A few lines that say what passed, what failed and why, and what to do. */
export function formatExercise(result: ExerciseResult): string {
  const head = `${marks[result.status]} ${result.id}: ${roundPoints(result.score)}/${result.maxScore} points`;
  if (result.status === 'passed') return `${head} (${reason(result)})`;
  if (result.status === 'not-implemented') {
    return `${head} — not implemented yet.\n  Replace the two lines \`// YOUR CODE HERE\` and \`throw new Error(...)\` in the cell with your code.\n  How to start: ${result.start}`;
  }
  if (result.status === 'error') return `${head}\n${indent(result.cases[0]?.message ?? result.summary, '  ')}`;
  const failing = result.cases.filter((c) => !c.passed);
  const lines = [`${head} — ${failing.length} of ${result.cases.length} cases failed`];
  for (const c of failing.slice(0, SHOWN_CASES)) {
    lines.push(`  ${caseLabel(result, c)}:`);
    lines.push(indent(caseDetail(c), '    '));
  }
  const more = failing.length - SHOWN_CASES;
  if (more > 0) lines.push(`  … and ${more} more failing case${more === 1 ? '' : 's'}`);
  lines.push(...hintLines(result).map((line) => `  ${line}`));
  return lines.join('\n');
}
