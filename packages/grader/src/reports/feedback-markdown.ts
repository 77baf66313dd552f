// feedback.md: the report a student reads, one section per exercise (points, the named mistake,
// the fix, the case that showed it). Hidden cases follow feedback.ts: no names, no values.
import { caseDetail, caseLabel, hintLines, reason } from '../feedback';
import { type ExerciseResult, roundPoints, type SubmissionResult } from '../results';

/** Text on one line with Markdown's special characters escaped (folder names and messages come from the student). */
function inline(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}

/** A fenced block that the text cannot close early. */
function block(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

function hiddenLine(e: ExerciseResult): string[] {
  const hidden = e.cases.filter((c) => c.visibility === 'hidden');
  if (hidden.length === 0) return [];
  return [`Hidden cases: ${hidden.filter((c) => c.passed).length} of ${hidden.length} passed (hidden cases show pass or fail, never their values).`];
}

function exerciseSection(e: ExerciseResult): string[] {
  const mark = e.status === 'passed' ? '✔' : e.status === 'not-implemented' ? '…' : '✘';
  const lines = [`## ${mark} ${e.id}: ${roundPoints(e.score)}/${e.maxScore} points`, '', `Lesson ${e.lesson}, ${inline(e.title)}${e.cell ? ` (${inline(e.cell)})` : ''}.`, ''];
  if (e.status === 'passed') return [...lines, `All ${e.cases.length} cases passed.`, ''];
  if (e.status === 'not-implemented') return [...lines, 'Not implemented yet: the cell still throws "not implemented".', '', `How to start: ${inline(e.start ?? '')}`, ''];
  lines.push(`**Why:** ${inline(reason(e))}`, '');
  if (e.status === 'error') return [...lines, block(e.cases[0]?.message ?? e.summary), ''];
  for (const hint of hintLines(e)) {
    const [label, ...rest] = hint.split(': ');
    lines.push(`- **${inline(label)}:** ${inline(rest.join(': '))}`);
  }
  const shown = e.cases.find((c) => !c.passed && c.visibility === 'public') ?? e.cases.find((c) => !c.passed)!;
  lines.push('', `**The case that showed it:** ${inline(caseLabel(e, shown))}`, '', block(caseDetail(shown)), '', ...hiddenLine(e), '');
  return lines;
}

/** The student's feedback.md. */
export function toFeedbackMarkdown(s: SubmissionResult): string {
  const lines = [
    `# attnlab feedback: ${inline(s.student)}`,
    '',
    `**${s.score}/${s.maxScore} points** over ${s.exercises.length} exercises${s.hidden ? ', public and hidden cases' : ', public cases only'}.`,
    '',
  ];
  if (s.notes?.length) lines.push('What the grader skipped in your submission:', '', ...s.notes.map((n) => `- ${inline(n)}`), '');
  lines.push('| exercise | lesson | points | result |', '|---|---|---|---|');
  for (const e of s.exercises) lines.push(`| ${e.id} | ${e.lesson} | ${roundPoints(e.score)}/${e.maxScore} | ${inline(reason(e))} |`);
  lines.push('');
  for (const e of s.exercises) lines.push(...exerciseSection(e));
  return lines.join('\n');
}
