// Reading notebook files: parsed and checked, or a reason a person can act on.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Notebook, lessonOfFile } from './format';

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
  const lesson = lessonOfFile(file);
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
