// TEMPORARY stand-in until @attnlab/grader exports toStudentNotebook (delete when it does).
export function toStudentNotebook(nb: any): any {
  const copy = JSON.parse(JSON.stringify(nb));
  for (const cell of copy.cells) {
    const src = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
    if (cell.cell_type === 'code') {
      const id = cell.metadata?.attnlab?.exercise ?? 'exercise';
      cell.source = src.replace(/^([ \t]*)\/\/ BEGIN SOLUTION\n[\s\S]*?^[ \t]*\/\/ END SOLUTION\n?/gm, (_m: string, ind: string) => `${ind}// YOUR CODE HERE\n${ind}throw new Error("not implemented: ${id}");\n`);
      cell.outputs = []; cell.execution_count = null;
    } else {
      cell.source = src.replace(/<!-- BEGIN SOLUTION -->[\s\S]*?<!-- END SOLUTION -->\n?/g, '');
    }
  }
  return copy;
}
