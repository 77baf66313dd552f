import { sourceText, toStudentNotebook, type Notebook } from '@attnlab/grader/notebook';

export type Edition = 'student' | 'instructor';

/**
 * What a lesson page shows in the student edition: the grader's student transform of the executed
 * notebook (solutions replaced by stubs, instructor-only markdown removed), with the executed outputs put
 * back on every cell whose code the student sees unchanged. Cells whose code lost a solution lose their
 * outputs too, since those came from code that is not on the page.
 */
export function studentView(executed: Notebook): Notebook {
  const student = toStudentNotebook(executed);
  const run = new Map(executed.cells.map((c) => [c.id, c]));
  return {
    ...student,
    cells: student.cells.map((cell) => {
      const original = run.get(cell.id);
      if (cell.cell_type !== 'code' || !original || sourceText(original.source) !== sourceText(cell.source)) return cell;
      return { ...cell, outputs: original.outputs, execution_count: original.execution_count };
    }),
  };
}

/** The notebook offered for download: the student edition (no solutions, no outputs) or the source as written. */
export function downloadable(source: Notebook, edition: Edition): Notebook {
  return edition === 'student' ? toStudentNotebook(source) : source;
}
