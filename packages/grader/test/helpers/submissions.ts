import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Notebook } from '../../src/notebook';

export const graderDir = path.resolve(__dirname, '..', '..');
export const repoRoot = path.resolve(graderDir, '..', '..');
export const notebooksDir = path.join(repoRoot, 'notebooks');

/** The lesson notebooks that hold exercises (01–05), instructor edition. */
export function lessonNotebooks(): string[] {
  return fs.readdirSync(notebooksDir).filter((n) => /^0[1-9]-.*\.ipynb$/.test(n)).sort();
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `attnlab-${prefix}-`));
}

/** A copy of the instructor notebooks in `dir`, optionally transformed. */
export function writeSubmission(dir: string, edit?: (file: string, nb: Notebook) => Notebook | string): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const name of lessonNotebooks()) {
    const nb = JSON.parse(fs.readFileSync(path.join(notebooksDir, name), 'utf8')) as Notebook;
    const out = edit ? edit(name, nb) : nb;
    fs.writeFileSync(path.join(dir, name), typeof out === 'string' ? out : JSON.stringify(out, null, 1));
  }
  return dir;
}

/** Replace the source of the cell whose metadata names `exercise`. */
export function withCell(nb: Notebook, exercise: string, source: string): Notebook {
  for (const cell of nb.cells) {
    if (cell.metadata?.attnlab?.exercise === exercise) cell.source = source;
  }
  return nb;
}

export function hasExercise(nb: Notebook, exercise: string): boolean {
  return nb.cells.some((c) => c.metadata?.attnlab?.exercise === exercise);
}
