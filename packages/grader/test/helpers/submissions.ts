import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exercises } from '../../src/exercises/catalog';
import type { ExerciseSpec } from '../../src/exercises/spec';
import type { Notebook } from '../../src/notebook';

export const graderDir = path.resolve(__dirname, '..', '..');
export const repoRoot = path.resolve(graderDir, '..', '..');
export const notebooksDir = path.join(repoRoot, 'notebooks');

/** The points of the exercises `pick` chooses. */
export function pointsOf(pick: (e: ExerciseSpec) => boolean): number {
  return exercises.filter(pick).reduce((a, e) => a + e.points, 0);
}

/** The points of every exercise: what the instructor notebooks score. */
export const fullMarks = pointsOf(() => true);

/** The course's lesson notebooks (NN-*.ipynb), instructor edition. */
export function lessonNotebooks(): string[] {
  return fs
    .readdirSync(notebooksDir)
    .filter((n) => /^\d{2}-.*\.ipynb$/.test(n))
    .sort();
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `attnlab-${prefix}-`));
}

/** A copy of the instructor notebooks in `dir` (only `lessons`, e.g. ['01', '02'], when given), optionally transformed (a string is written as the file's text). */
export function writeSubmission(dir: string, edit?: (file: string, nb: Notebook) => Notebook | string, lessons?: readonly string[]): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const name of lessonNotebooks().filter((n) => !lessons || lessons.includes(n.slice(0, 2)))) {
    const nb = JSON.parse(fs.readFileSync(path.join(notebooksDir, name), 'utf8')) as Notebook;
    const out = edit ? edit(name, nb) : nb;
    fs.writeFileSync(path.join(dir, name), typeof out === 'string' ? out : JSON.stringify(out, null, 1));
  }
  return dir;
}

/** Replace the source of the cell whose metadata names `exercise` (a notebook without one is left as it is). */
export function withCell(nb: Notebook, exercise: string, source: string): Notebook {
  for (const cell of nb.cells) {
    if (cell.metadata?.attnlab?.exercise === exercise) cell.source = source;
  }
  return nb;
}

export function hasExercise(nb: Notebook, exercise: string): boolean {
  return nb.cells.some((c) => c.metadata?.attnlab?.exercise === exercise);
}

/**
 * `process`, reached the way an attacker hides it from the static shortcut check (which refuses
 * cells naming `process`, `require`, `globalThis`, …): a check, not a wall, so the sandbox must hold.
 */
export const unchecked = (name: string): string => `String.fromCharCode(${[...name].map((c) => c.charCodeAt(0)).join(', ')})`;
export const getProcess = `((() => 0) as any)[${unchecked('constructor')}](${unchecked('return process')})()`;
