// What can be wrong with a lesson after it ran, read from its outputs: the one rule the notebook tests,
// `npm run test:lessons` and the site build share.
import { sourceText } from '@attnlab/grader/notebook';
import type { ExecutedNotebook } from './execute';

/** Every problem of a run, each naming its cell; empty when the lesson ran clean. */
export function runProblems(nb: ExecutedNotebook): string[] {
  const problems: string[] = [];
  if (nb.executionError) problems.push(`the run stopped: ${nb.executionError}`);
  for (const [index, cell] of nb.cells.entries()) {
    if (cell.cell_type !== 'code') continue;
    const where = `cell ${cell.id ?? `#${index + 1}`}`;
    const outputs = cell.outputs ?? [];
    const source = sourceText(cell.source);
    if (typeof cell.execution_count !== 'number') {
      // Once the run stopped, the cells after it never ran; that was reported above.
      if (!nb.executionError) problems.push(`${where} did not run`);
      continue;
    }
    for (const o of outputs) {
      if (o.output_type === 'error') problems.push(`${where}: ${o.ename}: ${o.evalue}`);
      // tslab reports compile errors (a missing module, a type error) on stderr rather than as error outputs.
      else if (o.output_type === 'stream' && o.name === 'stderr') problems.push(`${where} wrote to stderr: ${sourceText(o.text).trim().slice(0, 500)}`);
    }
    // check() never throws, so a wrong solution shows only in what it prints.
    if (source.includes('await check(')) {
      const printed = outputs
        .filter((o) => o.output_type === 'stream')
        .map((o) => sourceText(o.text))
        .join('');
      if (!printed.startsWith('✔ ')) problems.push(`${where}: the check did not pass: ${printed.trim().split('\n')[0] ?? '(nothing printed)'}`);
    }
    if (/\bshow\(/.test(source) && !outputs.some((o) => o.data?.['application/vnd.plotly.v1+json'])) problems.push(`${where} calls show() but drew no figure`);
  }
  return problems;
}

/** The headline figures a lesson printed as `result: <metric> = <number>` lines, in order. */
export function resultLines(nb: ExecutedNotebook): { metric: string; value: number }[] {
  const text = nb.cells.flatMap((c) => (c.outputs ?? []).filter((o) => o.output_type === 'stream' && o.name === 'stdout').map((o) => sourceText(o.text))).join('');
  return [...text.matchAll(/^result: (.+?) = (-?[\d.]+(?:e[-+]?\d+)?)\s*$/gm)].map((m) => ({ metric: m[1], value: Number(m[2]) }));
}
