import * as fs from 'node:fs';
import * as path from 'node:path';

/** The parts of nbformat 4 the grader reads and writes. */
export interface NotebookCell {
  id?: string;
  cell_type: 'code' | 'markdown' | 'raw';
  source: string | string[];
  metadata?: Record<string, unknown> & { attnlab?: { exercise?: string }; nbgrader?: { grade_id?: string } };
  outputs?: unknown[];
  execution_count?: number | null;
  [key: string]: unknown;
}

export interface Notebook {
  cells: NotebookCell[];
  metadata?: Record<string, unknown>;
  nbformat?: number;
  nbformat_minor?: number;
}

export function cellSource(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join('') : cell.source;
}

/** The exercise id a cell declares, from metadata.attnlab.exercise or nbgrader's grade_id. */
export function cellExercise(cell: NotebookCell): string | undefined {
  if (cell.cell_type !== 'code') return undefined;
  const fromAttnlab = cell.metadata?.attnlab?.exercise;
  if (typeof fromAttnlab === 'string') return fromAttnlab;
  const fromNbgrader = cell.metadata?.nbgrader?.grade_id;
  return typeof fromNbgrader === 'string' ? fromNbgrader : undefined;
}

/** A notebook file that was read: parsed, or the reason it could not be. */
export type LoadedNotebook =
  | { file: string; lesson?: string; notebook: Notebook }
  | { file: string; lesson?: string; error: string };

/** "01" from "01-scaled-dot-product.ipynb". */
export function lessonOfFile(file: string): string | undefined {
  return /^(\d{2})-/.exec(path.basename(file))?.[1];
}

function parseNotebook(file: string, text: string): LoadedNotebook {
  const lesson = lessonOfFile(file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { file, lesson, error: `${path.basename(file)} is not valid notebook JSON (${(error as Error).message}); open it in Jupyter or restore it from your last checkpoint` };
  }
  if (typeof json !== 'object' || json === null || !Array.isArray((json as Notebook).cells)) {
    return { file, lesson, error: `${path.basename(file)} is JSON but not a notebook (no "cells" array); hand in the notebook saved by Jupyter` };
  }
  return { file, lesson, notebook: json as Notebook };
}

export function readNotebook(file: string): LoadedNotebook {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { file, lesson: lessonOfFile(file), error: `cannot read ${file}: ${(error as Error).message}` };
  }
  return parseNotebook(file, text);
}

/**
 * Every .ipynb in a submission: the file itself, or the notebooks in the folder and its
 * sub-folders (a student may hand in the whole repository), skipping Jupyter checkpoints,
 * hidden folders, installs and builds.
 */
export function notebookFiles(target: string, depth = 4): string[] {
  if (fs.statSync(target).isFile()) return [target];
  const found: string[] = [];
  for (const entry of fs.readdirSync(target, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(target, entry.name);
    if (entry.isFile() && entry.name.endsWith('.ipynb')) found.push(full);
    else if (entry.isDirectory() && depth > 0) found.push(...notebookFiles(full, depth - 1));
  }
  return found;
}

/** Where an exercise's cell was found, or why it was not usable. */
export type ExtractedCell =
  | { ok: true; source: string; file: string; cellId: string }
  | { ok: false; error: string };

/** Find each exercise's cell by its id (never by position) across a submission's notebooks. */
export function extractExercises(notebooks: LoadedNotebook[], exercises: readonly { id: string; lesson: string }[]): Map<string, ExtractedCell> {
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
      result.set(exercise.id, { ok: false, error: `duplicated exercise cell: "${exercise.id}" appears in ${where}; keep exactly one cell with metadata attnlab.exercise = "${exercise.id}"` });
    } else {
      // a notebook that could not be read explains the missing cells of its lesson (or of every lesson, if unnumbered)
      const unreadable = notebooks.flatMap((nb) => ('error' in nb && (nb.lesson === undefined || nb.lesson === exercise.lesson) ? [nb.error] : []));
      const reason = unreadable.length > 0
        ? unreadable.join('; ')
        : `missing exercise cell: no code cell has metadata attnlab.exercise = "${exercise.id}" (lesson ${exercise.lesson}); restore the cell from the student edition`;
      result.set(exercise.id, { ok: false, error: reason });
    }
  }
  return result;
}
