import * as os from 'node:os';
import * as path from 'node:path';
import { type CellUnit, type Compiled, compileCells } from './compile';
import { exercises } from './exercises/catalog';
import type { ExerciseSpec } from './exercises/spec';
import { evaluateExercise, failedExercise } from './evaluate';
import { errorMessage } from './errors';
import { extractExercises, type ExtractedCell, lessonOfFile, type LoadedNotebook, notebookFiles, readNotebook } from './notebook';
import { defaultReferenceDir, loadReferences, type References } from './references';
import { type ExerciseResult, roundPoints, type SubmissionResult } from './results';
import { SandboxSession } from './sandbox/session';
import { studentName, type SubmissionInput } from './submissions';

export const DEFAULT_TIMEOUT_SEC = 10;
export const DEFAULT_MEMORY_MB = 1024;

export interface GradeOptions {
  /** per-exercise time limit in seconds (default 10) */
  timeoutSec?: number;
  /** per-submission sandbox memory cap in MB (default 1024) */
  memoryMb?: number;
  /** submissions graded at once (default: the number of cores) */
  jobs?: number;
  /** grade hidden cases when present (default true) */
  hidden?: boolean;
  /** called as each submission is graded, with how many are done so far */
  onProgress?: (done: number, latest: SubmissionResult) => void;
}

/** The grader package folder: cells are compiled as if they lived in it, so imports resolve from the repository. */
const graderRoot = path.resolve(__dirname, '..');

interface LoadedSubmission {
  /** the exercises this submission is graded on */
  specs: readonly ExerciseSpec[];
  cells: Map<string, ExtractedCell>;
}

/** Submission `index`'s cell for `exercise`, in the one compile of all submissions. */
function unitKey(index: number, exercise: string): string {
  return `${index}\u0000${exercise}`;
}

function failAll(specs: readonly ExerciseSpec[], error: string): LoadedSubmission {
  return { specs, cells: new Map(specs.map((e) => [e.id, { ok: false, error }])) };
}

/**
 * A folder is graded on every exercise; a single lesson notebook (NN-*.ipynb) only on
 * its lesson's exercises, so a student can grade the notebook they are working on.
 */
function loadSubmission(sub: SubmissionInput): LoadedSubmission {
  let notebooks: LoadedNotebook[];
  try {
    notebooks = notebookFiles(sub.path).map(readNotebook);
  } catch (error) {
    return failAll(exercises, `cannot read submission ${sub.path}: ${errorMessage(error)}`);
  }
  if (notebooks.length === 0) return failAll(exercises, `no notebooks in ${sub.path}: hand in the lesson notebooks (NN-*.ipynb)`);
  const lesson = sub.path.endsWith('.ipynb') ? lessonOfFile(sub.path) : undefined;
  const lessonSpecs = exercises.filter((e) => e.lesson === lesson);
  const specs = lessonSpecs.length > 0 ? lessonSpecs : exercises;
  return { specs, cells: extractExercises(notebooks, specs) };
}

async function gradeOne(
  index: number,
  sub: SubmissionInput,
  { specs, cells }: LoadedSubmission,
  compiled: Map<string, Compiled>,
  refs: References,
  opts: GradeOptions,
): Promise<SubmissionResult> {
  const started = Date.now();
  const session = new SandboxSession({ timeoutMs: (opts.timeoutSec ?? DEFAULT_TIMEOUT_SEC) * 1000, memoryMb: opts.memoryMb ?? DEFAULT_MEMORY_MB });
  const results: ExerciseResult[] = [];
  try {
    for (const spec of specs) results.push(await gradeExercise(spec, cells.get(spec.id)!, index, compiled, refs, session));
  } finally {
    session.close();
  }
  return {
    student: sub.student,
    path: sub.path,
    score: roundPoints(results.reduce((a, r) => a + r.score, 0)),
    maxScore: roundPoints(results.reduce((a, r) => a + r.maxScore, 0)),
    exercises: results,
    seconds: (Date.now() - started) / 1000,
    hidden: refs.hasHidden,
  };
}

async function gradeExercise(
  spec: ExerciseSpec,
  cell: ExtractedCell,
  index: number,
  compiled: Map<string, Compiled>,
  refs: References,
  session: SandboxSession,
): Promise<ExerciseResult> {
  const cases = refs.cases.filter((c) => c.exercise === spec.id);
  if (!cell.ok) return failedExercise(spec, cases, cell.error);
  const where = `${path.basename(cell.file)} cell ${cell.cellId}`;
  const unit = compiled.get(unitKey(index, spec.id))!; // every cell that was found was compiled
  if (!unit.ok) return failedExercise(spec, cases, unit.error, where);
  try {
    const outcome = await session.run(
      spec.id,
      unit.js,
      cases.map((c) => ({ name: c.name, inputs: c.inputs })),
    );
    if ('failure' in outcome) return failedExercise(spec, cases, outcome.failure, where);
    return evaluateExercise(spec, cases, outcome.runs, refs.mistakes, where);
  } catch (error) {
    return failedExercise(spec, cases, `the grader failed on this exercise: ${errorMessage(error)}`, where);
  }
}

/**
 * Grade submissions: extract every exercise cell, type-check all of them in one
 * program, then run each submission in its own sandbox process, `jobs` at a time.
 * Every submission gets a result, whatever its cells do.
 */
export async function gradeSubmissions(subs: SubmissionInput[], opts: GradeOptions = {}): Promise<SubmissionResult[]> {
  const refs = loadReferences(defaultReferenceDir, { hidden: opts.hidden });
  const loaded = subs.map(loadSubmission);
  const units: CellUnit[] = [];
  loaded.forEach(({ specs, cells }, i) => {
    for (const spec of specs) {
      const cell = cells.get(spec.id)!;
      if (cell.ok) units.push({ key: unitKey(i, spec.id), spec, source: cell.source });
    }
  });
  const compiled = compileCells(units, graderRoot);
  const results = new Array<SubmissionResult>(subs.length);
  let next = 0;
  let done = 0;
  const jobs = Math.max(1, Math.min(opts.jobs ?? os.availableParallelism(), subs.length));
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      while (next < subs.length) {
        const i = next++;
        results[i] = await gradeOne(i, subs[i], loaded[i], compiled, refs, opts);
        opts.onProgress?.(++done, results[i]);
      }
    }),
  );
  return results;
}

export async function gradeSubmission(target: string, opts: GradeOptions = {}): Promise<SubmissionResult> {
  const [result] = await gradeSubmissions([{ student: studentName(target), path: target }], opts);
  return result;
}
