/**
 * The one reference solution of each exercise: the solution cell of the instructor
 * notebook, extracted, compiled and loaded exactly as the grader does it for a student
 * (by exercise id, with the grader's prelude and compiler options, and with the notebook's
 * own cells for the earlier exercises it calls), then run in this
 * process (it is trusted instructor code) with the same two modules a cell may import.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { runCellModule } from '../cell-module';
import { type CellUnit, compileCells } from '../compile';
import { withDependencies } from '../dependencies';
import { exercises as allExercises } from '../exercises/catalog';
import type { ExerciseSpec } from '../exercises/spec';
import { BEGIN_SOLUTION, END_SOLUTION, extractExercises, isLessonFile, readNotebook } from '../notebook';

/** packages/grader, from src/authoring (tests) or dist/authoring (the built script). */
const graderRoot = path.resolve(__dirname, '..', '..');

/** The instructor notebooks: `<repository>/notebooks`. */
export const defaultNotebooksDir = path.resolve(graderRoot, '..', '..', 'notebooks');

/** A reference solution as the grader calls it (arguments decoded from a case's inputs). */
export type SolutionFunction = (...args: never[]) => unknown;

function cellRequire(name: string): unknown {
  if (name === '@tensorflow/tfjs') return tf;
  if (name === '@attnlab/core') return require('@attnlab/core');
  throw new Error(`exercise cells may import only @tensorflow/tfjs and @attnlab/core, not "${name}"`);
}

/** The lesson notebooks in `dir` (NN-slug.ipynb), in lesson order. */
export function lessonNotebookFiles(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    throw new Error(`cannot read the instructor notebooks in ${dir}: ${(error as Error).message}`);
  }
  return names
    .filter(isLessonFile)
    .sort()
    .map((n) => path.join(dir, n));
}

/**
 * The compiled solution function of each exercise (default: every exercise in the
 * catalogue), from the solution cells of the notebooks in `notebooksDir`. Throws,
 * naming the exercise, notebook and cell, when a cell is missing, duplicated, has no
 * `// BEGIN SOLUTION` … `// END SOLUTION` region, does not compile, or throws on load.
 */
export function loadNotebookSolutions(notebooksDir: string = defaultNotebooksDir, exercises: readonly ExerciseSpec[] = allExercises): Record<string, SolutionFunction> {
  const notebooks = lessonNotebookFiles(notebooksDir).map(readNotebook);
  if (notebooks.length === 0) throw new Error(`no lesson notebooks (NN-*.ipynb) in ${notebooksDir}`);
  // every exercise's cell, for the dependencies a solution calls (multiHeadAttention → splitHeads, …)
  const cells = extractExercises(notebooks, allExercises);
  const problems: string[] = [];
  const where = new Map<string, string>();
  const units: CellUnit[] = [];
  for (const spec of exercises) {
    const cell = cells.get(spec.id)!;
    if (!cell.ok) {
      problems.push(`${spec.id}: ${cell.error}`);
      continue;
    }
    const at = `${path.basename(cell.file)} cell ${cell.cellId}`;
    where.set(spec.id, at);
    const lines = cell.source.split('\n');
    if (!lines.some((l) => BEGIN_SOLUTION.test(l)) || !lines.some((l) => END_SOLUTION.test(l))) {
      problems.push(`${spec.id} (${at}): the solution cell has no "// BEGIN SOLUTION" … "// END SOLUTION" lines, so the student edition could not stub it`);
      continue;
    }
    const linked = withDependencies(spec, cells);
    if (!linked.ok) {
      problems.push(`${spec.id} (${at}): ${linked.error}`);
      continue;
    }
    units.push({ key: spec.id, spec, source: linked.source });
  }
  const compiled = compileCells(units, graderRoot);
  const solutions: Record<string, SolutionFunction> = {};
  for (const { key } of units) {
    const result = compiled.get(key)!;
    if (!result.ok) {
      problems.push(`${key} (${where.get(key)}): ${result.error}`);
      continue;
    }
    try {
      const fn = runCellModule(result.js, cellRequire);
      if (typeof fn !== 'function') throw new Error(`it does not define a function ${key}`);
      solutions[key] = fn as SolutionFunction;
    } catch (error) {
      problems.push(`${key} (${where.get(key)}): the solution cell failed to load: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) {
    throw new Error(`the reference solutions in ${notebooksDir} are not usable:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  }
  return solutions;
}
