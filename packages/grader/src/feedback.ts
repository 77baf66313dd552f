import type { ExerciseResult } from './results';

const marks: Record<ExerciseResult['status'], string> = {
  passed: '✔',
  partial: '✘',
  failed: '✘',
  'not-implemented': '…',
  error: '✘',
};

function indent(text: string, prefix: string): string {
  return text.split('\n').map((line) => prefix + line).join('\n');
}

/** A few lines that say what passed, what failed and why, and what to do. */
export function formatExercise(result: ExerciseResult, opts: { maxCases?: number } = {}): string {
  const head = `${marks[result.status]} ${result.id}: ${result.score}/${result.maxScore} points`;
  if (result.status === 'passed') return `${head} (${result.summary})`;
  if (result.status === 'not-implemented') {
    return `${head} — not implemented yet.\n  Replace the two lines \`// YOUR CODE HERE\` and \`throw new Error(...)\` in the cell with your code.\n  How to start: ${result.start ?? ''}`;
  }
  if (result.status === 'error') return `${head}\n${indent(result.cases[0]?.message ?? result.summary, '  ')}`;
  const lines = [`${head} — ${result.summary.split(':')[0]}`];
  const failing = result.cases.filter((c) => !c.passed);
  for (const c of failing.slice(0, opts.maxCases ?? 3)) {
    lines.push(`  case "${c.name}"${c.visibility === 'hidden' ? ' (hidden)' : ''}:`);
    lines.push(indent(c.message ?? 'failed', '    '));
  }
  if (failing.length > (opts.maxCases ?? 3)) lines.push(`  … and ${failing.length - (opts.maxCases ?? 3)} more failing cases`);
  for (const d of result.diagnoses) {
    lines.push(`  likely mistake: ${d.what}`);
    lines.push(`  fix: ${d.fix}`);
  }
  for (const p of result.properties) lines.push(`  property check: ${p}`);
  return lines.join('\n');
}
