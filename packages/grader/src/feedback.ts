import type { ExerciseResult } from './results';

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

/** The lines that explain a wrong answer: the known mistake it matches, with its fix, and the violated properties. */
export function hintLines(result: ExerciseResult): string[] {
  return [...result.diagnoses.flatMap((d) => [`likely mistake: ${d.what}`, `fix: ${d.fix}`]), ...result.properties.map((p) => `property check: ${p}`)];
}

/** A few lines that say what passed, what failed and why, and what to do. */
export function formatExercise(result: ExerciseResult): string {
  const head = `${marks[result.status]} ${result.id}: ${result.score}/${result.maxScore} points`;
  if (result.status === 'passed') return `${head} (${result.summary})`;
  if (result.status === 'not-implemented') {
    return `${head} — not implemented yet.\n  Replace the two lines \`// YOUR CODE HERE\` and \`throw new Error(...)\` in the cell with your code.\n  How to start: ${result.start}`;
  }
  if (result.status === 'error') return `${head}\n${indent(result.cases[0]?.message ?? result.summary, '  ')}`;
  const lines = [`${head} — ${result.summary.split(':')[0]}`];
  const failing = result.cases.filter((c) => !c.passed);
  for (const c of failing.slice(0, SHOWN_CASES)) {
    lines.push(`  case "${c.name}"${c.visibility === 'hidden' ? ' (hidden)' : ''}:`);
    lines.push(indent(c.message ?? 'failed', '    '));
  }
  if (failing.length > SHOWN_CASES) lines.push(`  … and ${failing.length - SHOWN_CASES} more failing cases`);
  lines.push(...hintLines(result).map((line) => `  ${line}`));
  return lines.join('\n');
}
