import { cellExercise, cellSource, type Notebook, type NotebookCell } from './notebook';

const BEGIN = /^([ \t]*)\/\/ BEGIN SOLUTION[ \t]*$/;
const END = /^[ \t]*\/\/ END SOLUTION[ \t]*$/;
const MD_REGION = /<!-- BEGIN SOLUTION -->[\s\S]*?<!-- END SOLUTION -->\n?/g;

function toLines(text: string): string[] {
  return text.split(/(?<=\n)/).filter((l) => l.length > 0);
}

function stubCode(source: string, id: string, where: string): string {
  const lines = source.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const begin = BEGIN.exec(lines[i]);
    if (!begin) {
      if (END.test(lines[i])) throw new Error(`${where}: "// END SOLUTION" without a "// BEGIN SOLUTION" before it`);
      out.push(lines[i]);
      continue;
    }
    const end = lines.findIndex((l, j) => j > i && END.test(l));
    if (end < 0) throw new Error(`${where}: "// BEGIN SOLUTION" without a matching "// END SOLUTION"`);
    const pad = begin[1];
    out.push(`${pad}// YOUR CODE HERE`, `${pad}throw new Error("not implemented: ${id}");`);
    i = end;
  }
  return out.join('\n');
}

/**
 * The student edition of a lesson notebook: each `// BEGIN SOLUTION` … `// END SOLUTION`
 * region (markers included) becomes a stub that throws `not implemented: <id>`, markdown
 * between `<!-- BEGIN SOLUTION -->` and `<!-- END SOLUTION -->` is removed, and every
 * output is cleared.
 */
export function toStudentNotebook(nb: Notebook): Notebook {
  const copy = JSON.parse(JSON.stringify(nb)) as Notebook;
  copy.cells = copy.cells.map((cell: NotebookCell, index) => {
    const source = cellSource(cell);
    const where = `cell ${cell.id ?? `#${index + 1}`}`;
    let next = source;
    if (cell.cell_type === 'code') {
      next = stubCode(source, cellExercise(cell) ?? 'exercise', where);
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
