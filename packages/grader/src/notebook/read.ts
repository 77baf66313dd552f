// Reading notebook files: parsed and checked, or a reason a person can act on.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copiedLessonFile, isLessonFile, lessonOfFile, type Notebook } from './format';

/** A notebook file that was read: parsed, or the reason it could not be. */
export type LoadedNotebook = { file: string; lesson?: string; notebook: Notebook } | { file: string; lesson?: string; error: string };

const CELL_TYPES = new Set(['code', 'markdown', 'raw']);

/** Why `json` is not a notebook attnlab can use, or undefined. Checks every cell, so a `null` cell or source is named. */
function notebookProblem(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null || !Array.isArray((json as Notebook).cells)) return 'is JSON but not a notebook (no "cells" array)';
  const cells = (json as { cells: unknown[] }).cells;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] as Record<string, unknown> | null;
    const where = `cell #${i + 1}`;
    if (typeof cell !== 'object' || cell === null || Array.isArray(cell)) return `has a ${where} that is not a cell (${cell === null ? 'null' : typeof cell})`;
    if (!CELL_TYPES.has(cell.cell_type as string)) return `has a ${where} with cell_type ${JSON.stringify(cell.cell_type)}`;
    const source = cell.source;
    const sourceOk = typeof source === 'string' || (Array.isArray(source) && source.every((line) => typeof line === 'string'));
    if (!sourceOk) return `has a ${where}${typeof cell.id === 'string' ? ` (id ${cell.id.slice(0, 64)})` : ''} whose source is not text`;
    if (cell.metadata !== undefined && (typeof cell.metadata !== 'object' || cell.metadata === null)) return `has a ${where} whose metadata is not an object`;
  }
  return undefined;
}

/** Parse a notebook's text; `file` names it in messages. */
export function parseNotebook(file: string, text: string): LoadedNotebook {
  const copied = copiedLessonFile(file);
  const lesson = lessonOfFile(copied ?? file);
  const name = path.basename(file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { file, lesson, error: `${name} is not valid notebook JSON (${(error as Error).message}); open it in Jupyter or restore it from your last checkpoint` };
  }
  const problem = notebookProblem(json);
  if (problem) return { file, lesson, error: `${name} ${problem}; hand in the notebook as Jupyter saved it, or restore it from your last checkpoint` };
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

/** Read a notebook the caller's own project depends on (a lesson, a fixture): a bad one is an Error. */
export function loadNotebook(file: string): Notebook {
  const loaded = readNotebook(file);
  if ('error' in loaded) throw new Error(loaded.error);
  return loaded.notebook;
}

/** The notebooks a submission is graded on, and what was left out and why (for the student's report). */
export interface SubmissionFiles {
  files: string[];
  notes: string[];
}

/** Folders no student work is looked for in: hidden ones (checkpoints, .git), installs and builds. */
export function isIgnoredFolder(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules' || name === 'dist';
}

/**
 * The lesson notebooks (NN-slug.ipynb) of a submission: the file itself, or those in the folder
 * and its sub-folders up to `depth` levels down (a student may hand in the whole repository).
 * Symbolic links are never followed, but reported; other notebooks are reported and skipped; a
 * Jupyter copy (`NN-slug-Copy1.ipynb`) is skipped when its original is beside it, else graded.
 */
export function submissionFiles(target: string, depth = 4): SubmissionFiles {
  if (fs.statSync(target).isFile()) return { files: [target], notes: [] };
  const out: SubmissionFiles = { files: [], notes: [] };
  const walk = (dir: string, left: number) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    const names = new Set(entries.filter((e) => e.isFile()).map((e) => e.name));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const shown = path.relative(target, full);
      if (entry.isSymbolicLink()) {
        out.notes.push(`skipped ${shown}: it is a symbolic link, which the grader does not follow; hand in the file or folder itself`);
      } else if (entry.isDirectory()) {
        if (!isIgnoredFolder(entry.name) && left > 0) walk(full, left - 1);
      } else if (entry.isFile() && entry.name.endsWith('.ipynb')) {
        const original = copiedLessonFile(entry.name);
        if (isLessonFile(entry.name)) out.files.push(full);
        else if (original && names.has(original)) out.notes.push(`skipped ${shown}: a Jupyter copy of ${original}, which is graded instead`);
        else if (original) {
          out.files.push(full);
          out.notes.push(`graded ${shown} as ${original}, which is missing; rename the copy to ${original}`);
        } else out.notes.push(`skipped ${shown}: not a lesson notebook (lesson notebooks are named NN-slug.ipynb, like 03-masked.ipynb)`);
      }
    }
  };
  walk(target, depth);
  return out;
}

/** The lesson notebooks of a submission (see submissionFiles). */
export function notebookFiles(target: string, depth = 4): string[] {
  return submissionFiles(target, depth).files;
}

/** The lesson file names in `dir` by lesson ("03" → "03-masked.ipynb"); empty when `dir` cannot be read. */
export function lessonFileNames(dir: string): Map<string, string> {
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    // the course's notebooks only name a missing lesson better
  }
  return new Map(names.filter(isLessonFile).map((name) => [lessonOfFile(name)!, name]));
}
