// Which cells are exercises, and the solution regions inside them (nbgrader's rules, attnlab's markers).
import * as path from 'node:path';
import { type Cell, cellName, cellSource, type Notebook } from './format';
import type { LoadedNotebook } from './read';

export const BEGIN_SOLUTION = /^([ \t]*)\/\/ BEGIN SOLUTION[ \t]*$/;
export const END_SOLUTION = /^[ \t]*\/\/ END SOLUTION[ \t]*$/;

/**
 * The exercise id a cell declares, from metadata.attnlab.exercise or nbgrader's grade_id on a
 * solution cell. Only code cells are exercises.
 */
export function cellExercise(cell: Cell): string | undefined {
  if (cell.cell_type !== 'code') return undefined;
  const fromAttnlab = cell.metadata?.attnlab?.exercise;
  if (typeof fromAttnlab === 'string') return fromAttnlab;
  const nbgrader = cell.metadata?.nbgrader;
  return nbgrader?.solution === true && typeof nbgrader.grade_id === 'string' ? nbgrader.grade_id : undefined;
}

function hasSolutionRegion(source: string): boolean {
  return source.split('\n').some((line) => BEGIN_SOLUTION.test(line) || END_SOLUTION.test(line));
}

/**
 * Problems with how a notebook marks its exercises, each naming the cell: a solution region in a
 * cell that is not a marked exercise (nbgrader refuses these too, rather than inventing an
 * exercise), and the two metadata forms naming different exercises.
 */
export function exerciseMarkingErrors(nb: Notebook): string[] {
  const errors: string[] = [];
  nb.cells.forEach((cell, index) => {
    const exercise = cellExercise(cell);
    const where = cellName(cell, index);
    if (!exercise && hasSolutionRegion(cellSource(cell))) {
      errors.push(
        `${where} has a "// BEGIN SOLUTION" region but is not an exercise cell; mark it with metadata attnlab.exercise and nbgrader { solution: true, grade_id }, or remove the markers`,
      );
    }
    const gradeId = cell.metadata?.nbgrader?.grade_id;
    const attnlab = cell.metadata?.attnlab?.exercise;
    if (exercise && typeof attnlab === 'string' && typeof gradeId === 'string' && gradeId !== attnlab) {
      errors.push(`${where}: metadata attnlab.exercise is "${attnlab}" but nbgrader.grade_id is "${gradeId}"; they must name the same exercise`);
    }
  });
  return errors;
}

/** Where an exercise's cell was found, or why it was not usable. */
export type ExtractedCell = { ok: true; source: string; file: string; cellId: string } | { ok: false; error: string };

/**
 * Find each exercise's cell by its id (never by position) across a submission's notebooks. An
 * exercise whose lesson has no notebook at all is reported as a missing notebook, named from
 * `lessonFiles` (lesson → file name, e.g. the course's own notebooks) where it is known.
 */
export function extractExercises(
  notebooks: LoadedNotebook[],
  exercises: readonly { id: string; lesson: string }[],
  lessonFiles: ReadonlyMap<string, string> = new Map(),
): Map<string, ExtractedCell> {
  const found = new Map<string, { source: string; file: string; cellId: string }[]>();
  for (const nb of notebooks) {
    if (!('notebook' in nb)) continue;
    nb.notebook.cells.forEach((cell, index) => {
      const id = cellExercise(cell);
      if (!id) return;
      const list = found.get(id) ?? [];
      list.push({ source: cellSource(cell), file: nb.file, cellId: cell.id ?? `#${index + 1}` });
      found.set(id, list);
    });
  }
  const result = new Map<string, ExtractedCell>();
  for (const exercise of exercises) {
    const cells = found.get(exercise.id) ?? [];
    if (cells.length === 1) {
      result.set(exercise.id, { ok: true, ...cells[0] });
    } else if (cells.length > 1) {
      const where = cells.map((c) => `${path.basename(c.file)} cell ${c.cellId}`).join(' and ');
      result.set(exercise.id, {
        ok: false,
        error: `duplicated exercise cell: "${exercise.id}" appears in ${where}; keep exactly one cell with metadata attnlab.exercise = "${exercise.id}"`,
      });
    } else {
      // a notebook that could not be read explains the missing cells of its lesson (or of every lesson, if unnumbered)
      const unreadable = notebooks.flatMap((nb) => ('error' in nb && (nb.lesson === undefined || nb.lesson === exercise.lesson) ? [nb.error] : []));
      // an unnumbered notebook might have held any lesson's cells: then the cell is what is missing
      const notebookMissing = !notebooks.some((nb) => nb.lesson === undefined || nb.lesson === exercise.lesson);
      const lessonFile = lessonFiles.get(exercise.lesson) ?? `${exercise.lesson}-*.ipynb`;
      const reason =
        unreadable.length > 0
          ? unreadable.join('; ')
          : notebookMissing
            ? `${lessonFile} is missing from the submission (it holds exercise ${exercise.id}); hand in the lesson notebook, named as in the student edition`
            : `missing exercise cell: no code cell has metadata attnlab.exercise = "${exercise.id}" (lesson ${exercise.lesson}); restore the cell from the student edition`;
      result.set(exercise.id, { ok: false, error: reason });
    }
  }
  return result;
}
