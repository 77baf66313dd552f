import { cellExercise, sourceText, toStudentNotebook, type Notebook } from '@attnlab/grader/notebook';
import type { CellNote } from './cell-notes';
import { checkedExercise, solutionDependents } from './solution-outputs';

export type Edition = 'student' | 'instructor';

/** A notebook as a page shows it, with what the page says about some of its cells (by cell id). */
export interface NotebookView {
  notebook: Notebook;
  notes: Map<string, CellNote>;
}

/**
 * What a lesson page shows in the student edition: the grader's student transform of the executed
 * notebook (solutions replaced by stubs, instructor-only markdown removed), with the executed outputs put
 * back on every cell whose code the student sees unchanged, except where they come from a solution the
 * page does not show:
 * - a cell whose code lost a solution loses its outputs, since they came from code that is not on the page;
 * - a check cell shows no result (it would be the solution passing) but a note on how to run the check;
 * - a cell that runs an exercise's function keeps its outputs, with a note that a solution made them.
 */
export function studentView(executed: Notebook): NotebookView {
  const student = toStudentNotebook(executed);
  const run = new Map(executed.cells.map((c) => [c.id, c]));
  const exercises = new Set(executed.cells.map(cellExercise).filter((id): id is string => id !== undefined));
  const dependents = solutionDependents(executed);
  const notes = new Map<string, CellNote>();
  const cells = student.cells.map((cell) => {
    const original = run.get(cell.id);
    if (cell.cell_type !== 'code' || !original || sourceText(original.source) !== sourceText(cell.source)) return cell;
    const checked = checkedExercise(cell, exercises);
    if (checked && cell.id) {
      notes.set(cell.id, { kind: 'check', exercise: checked });
      return cell;
    }
    const from = cell.id ? dependents.get(cell.id) : undefined;
    if (from && cell.id && original.outputs?.length) notes.set(cell.id, { kind: 'from-solutions', exercises: from });
    return { ...cell, outputs: original.outputs, execution_count: original.execution_count };
  });
  return { notebook: { ...student, cells }, notes };
}

/** The notebook offered for download: the student edition (no solutions, no outputs) or the source as written. */
export function downloadable(source: Notebook, edition: Edition): Notebook {
  return edition === 'student' ? toStudentNotebook(source) : source;
}
