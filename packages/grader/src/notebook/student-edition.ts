// The student edition of a lesson notebook (nbgrader's "generate assignment" step).
import { BEGIN_SOLUTION, cellExercise, END_SOLUTION, exerciseMarkingErrors } from './exercise-cells';
import { type Cell, cellName, cellSource, type Notebook } from './format';

const MD_REGION = /<!-- BEGIN SOLUTION -->[\s\S]*?<!-- END SOLUTION -->\n?/g;

function toLines(text: string): string[] {
  return text.split(/(?<=\n)/).filter((l) => l.length > 0);
}

function stubCode(source: string, id: string, where: string): string {
  const lines = source.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const begin = BEGIN_SOLUTION.exec(lines[i]);
    if (!begin) {
      if (END_SOLUTION.test(lines[i])) throw new Error(`${where}: "// END SOLUTION" without a "// BEGIN SOLUTION" before it`);
      out.push(lines[i]);
      continue;
    }
    const end = lines.findIndex((l, j) => j > i && END_SOLUTION.test(l));
    if (end < 0) throw new Error(`${where}: "// BEGIN SOLUTION" without a matching "// END SOLUTION"`);
    const pad = begin[1];
    out.push(`${pad}// YOUR CODE HERE`, `${pad}throw new Error("not implemented: ${id}");`);
    i = end;
  }
  return out.join('\n');
}

/**
 * The student edition of a lesson notebook: each `// BEGIN SOLUTION` … `// END SOLUTION`
 * region (markers included) of an exercise cell becomes a stub that throws
 * `not implemented: <id>`, markdown between `<!-- BEGIN SOLUTION -->` and
 * `<!-- END SOLUTION -->` is removed, and every output is cleared. A solution region
 * outside a marked exercise cell is an error that names the cell.
 */
export function toStudentNotebook(nb: Notebook): Notebook {
  const errors = exerciseMarkingErrors(nb);
  if (errors.length > 0) throw new Error(errors.join('\n'));
  const copy = JSON.parse(JSON.stringify(nb)) as Notebook;
  copy.cells = copy.cells.map((cell: Cell, index) => {
    const source = cellSource(cell);
    let next = source;
    if (cell.cell_type === 'code') {
      const exercise = cellExercise(cell);
      if (exercise) next = stubCode(source, exercise, cellName(cell, index));
      cell.outputs = [];
      cell.execution_count = null;
    } else if (cell.cell_type === 'markdown') {
      next = source.replace(MD_REGION, '');
    }
    if (next !== source) cell.source = Array.isArray(cell.source) ? toLines(next) : next;
    return cell;
  });
  return copy;
}
