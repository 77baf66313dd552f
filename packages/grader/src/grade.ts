import * as os from 'node:os';
import * as path from 'node:path';
import { dependencyNote, type FailedDependency } from './dependencies';
import { exercises } from './exercises/catalog';
import type { ExerciseSpec } from './exercises/spec';
import { evaluateExercise, failedExercise } from './evaluate';
import { errorMessage } from './errors';
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SEC } from './limits';
import { extractExercises, type ExtractedCell, lessonFileNames, lessonOfFile, type LoadedNotebook, notebookFiles, readNotebook } from './notebook';
import { defaultReferenceDir, loadReferences, type ReferenceCase, type References } from './references';
import { type ExerciseResult, roundPoints, type SubmissionResult } from './results';
import { type CellCompile, CompilePool } from './sandbox/compile-pool';
import { detectIsolation } from './sandbox/isolation';
import { type ExerciseJob, runStudent, type SandboxLimits, type SandboxOutcome } from './sandbox/run-student';
import { describeShortcuts, forbiddenUse } from './shortcut-report';
import { studentName, type SubmissionInput } from './submissions';

export interface GradeOptions {
  /** time limit in seconds for loading an exercise's cell and running its public cases, and again for its hidden cases (default 10); a submission's cells get three times this to type-check */
  timeoutSec?: number;
  /** memory cap in MB of each sandbox process (resident) and of each compile worker (V8 heap) (default 1024) */
  memoryMb?: number;
  /** submissions compiled at once, and sandboxes run at once (default: the number of cores) */
  jobs?: number;
  /** grade hidden cases when present (default true) */
  hidden?: boolean;
  /** grade even where the sandbox's memory cannot be measured (not Linux or macOS): a cell can then use all the memory there is */
  unsafeNoMemoryLimit?: boolean;
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

function failAll(specs: readonly ExerciseSpec[], error: string): LoadedSubmission {
  return { specs, cells: new Map(specs.map((e) => [e.id, { ok: false, error }])) };
}

/**
 * A folder is graded on every exercise; a single lesson notebook (NN-*.ipynb) only on
 * its lesson's exercises, so a student can grade the notebook they are working on.
 */
function loadSubmission(sub: SubmissionInput): LoadedSubmission {
  if (sub.refused) return failAll(exercises, sub.refused);
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
  return { specs, cells: extractExercises(notebooks, specs, lessonFileNames(path.resolve(graderRoot, '..', '..', 'notebooks'))) };
}

/** At most `size` tasks at once, in the order they were asked for. */
class Limiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

interface Grading {
  refs: References;
  pool: CompilePool;
  sandboxes: Limiter;
  limits: SandboxLimits;
}

const couldNotGrade = (why: string) => `could not be graded: ${why}`;

/** The runs the sandbox returned (public cases, then hidden) in the order of `cases`. */
function inCaseOrder<T>(cases: ReferenceCase[], runs: T[]): T[] {
  const order = [...cases.filter((c) => c.visibility === 'public'), ...cases.filter((c) => c.visibility !== 'public')];
  return cases.map((c) => runs[order.indexOf(c)]);
}

/** The sandbox job for an exercise whose cell compiled, or its result when it cannot run. */
function exerciseJob(spec: ExerciseSpec, cell: ExtractedCell, compiled: CellCompile | undefined, g: Grading): ExerciseJob | ExerciseResult {
  const cases = g.refs.cases.filter((c) => c.exercise === spec.id);
  if (!cell.ok) return failedExercise(spec, cases, cell.error);
  const where = `${path.basename(cell.file)} cell ${cell.cellId}`;
  if (!compiled) return failedExercise(spec, cases, couldNotGrade('the compiler returned nothing for this cell'), where);
  if (!compiled.ok) return failedExercise(spec, cases, compiled.error, where);
  const wire = (c: ReferenceCase) => ({ name: c.name, inputs: c.inputs });
  return {
    spec,
    js: compiled.js,
    publicCases: cases.filter((c) => c.visibility === 'public').map(wire),
    hiddenCases: cases.filter((c) => c.visibility !== 'public').map(wire),
  };
}

function exerciseResult(spec: ExerciseSpec, cell: ExtractedCell & { ok: true }, outcome: SandboxOutcome | undefined, g: Grading): ExerciseResult {
  const cases = g.refs.cases.filter((c) => c.exercise === spec.id);
  const where = `${path.basename(cell.file)} cell ${cell.cellId}`;
  if (!outcome) return failedExercise(spec, cases, couldNotGrade('the sandbox returned nothing for this cell'), where);
  if ('failure' in outcome) return failedExercise(spec, cases, outcome.failure, where);
  if (outcome.shortcuts.length > 0) {
    const shortcuts = outcome.shortcuts.map((call) => forbiddenUse(spec, call));
    return failedExercise(spec, cases, describeShortcuts(spec, shortcuts), where);
  }
  return evaluateExercise(spec, cases, inCaseOrder(cases, outcome.runs), g.refs.mistakes, where);
}

/** Every exercise of a submission whose cells compiled: the runnable ones in one sandbox session. */
async function runExercises(specs: readonly ExerciseSpec[], cells: Map<string, ExtractedCell>, compiled: Map<string, CellCompile>, g: Grading): Promise<ExerciseResult[]> {
  const prepared = specs.map((spec) => exerciseJob(spec, cells.get(spec.id) ?? { ok: false, error: `no cell for ${spec.id}` }, compiled.get(spec.id), g));
  const jobs = prepared.filter((p): p is ExerciseJob => 'js' in p);
  const outcomes = jobs.length > 0 ? await g.sandboxes.run(() => runStudent(jobs, g.limits)) : new Map<string, SandboxOutcome>();
  return prepared.map((p) => ('js' in p ? exerciseResult(p.spec, cells.get(p.spec.id) as ExtractedCell & { ok: true }, outcomes.get(p.spec.id), g) : p));
}

/** Says, on an exercise that failed, which of the student's own dependencies it calls fail too. */
function withDependencyNotes(results: ExerciseResult[], compiled: Map<string, CellCompile>): ExerciseResult[] {
  const byId = new Map(results.map((r) => [r.id, r]));
  return results.map((r) => {
    const c = compiled.get(r.id);
    const spec = exercises.find((e) => e.id === r.id);
    if (r.status === 'passed' || !c?.ok || !spec) return r;
    const failed: FailedDependency[] = [];
    for (const dep of c.dependencies) {
      const d = byId.get(dep);
      if (d && d.status !== 'passed') failed.push({ id: dep, failed: d.cases.filter((x) => !x.passed).length, cases: d.cases.length });
    }
    return failed.length > 0 ? { ...r, summary: `${r.summary}; ${dependencyNote(spec, failed)}` } : r;
  });
}

async function gradeOne(sub: SubmissionInput, g: Grading): Promise<SubmissionResult> {
  const started = Date.now();
  let loaded: LoadedSubmission;
  try {
    loaded = loadSubmission(sub);
  } catch (error) {
    loaded = failAll(exercises, couldNotGrade(`reading it failed: ${errorMessage(error)}`));
  }
  const { specs, cells } = loaded;
  let results: ExerciseResult[];
  try {
    const request = {
      cells: Object.fromEntries([...cells].map(([id, c]) => [id, c.ok ? { ok: true as const, source: c.source } : { ok: false as const, error: c.error }])),
      exercises: specs.filter((s) => cells.get(s.id)?.ok).map((s) => s.id),
    };
    const compiled = request.exercises.length > 0 ? await g.pool.compile(request) : { results: new Map<string, CellCompile>() };
    if ('failure' in compiled) {
      results = specs.map((spec) =>
        failedExercise(
          spec,
          g.refs.cases.filter((c) => c.exercise === spec.id),
          couldNotGrade(compiled.failure),
        ),
      );
    } else {
      results = withDependencyNotes(await runExercises(specs, cells, compiled.results, g), compiled.results);
    }
  } catch (error) {
    results = specs.map((spec) =>
      failedExercise(
        spec,
        g.refs.cases.filter((c) => c.exercise === spec.id),
        couldNotGrade(`the grader failed: ${errorMessage(error)}`),
      ),
    );
  }
  return {
    student: sub.student,
    path: sub.path,
    score: roundPoints(results.reduce((a, r) => a + r.score, 0)),
    maxScore: roundPoints(results.reduce((a, r) => a + r.maxScore, 0)),
    exercises: results,
    seconds: (Date.now() - started) / 1000,
    hidden: g.refs.hasHidden,
  };
}

/**
 * Compile workers for `jobs` sandboxes. Type-checking a student's cells takes about as much CPU time
 * as running their cases (some 0.6 s each in `npm run bench`), so one worker keeps two sandboxes busy;
 * each worker also spends some 3 s loading TypeScript and the declarations before its first submission.
 */
function compileWorkers(jobs: number): number {
  return Math.ceil(jobs / 2);
}

/**
 * Grade submissions: each submission's cells are type-checked and compiled in a compile
 * worker process (a fresh program per submission), and run in a sandbox process of its own
 * (a fresh global per exercise); `jobs` sandboxes at a time, fed by half as many compile workers.
 * Every submission gets a result, whatever its cells do.
 */
export async function gradeSubmissions(subs: SubmissionInput[], opts: GradeOptions = {}): Promise<SubmissionResult[]> {
  const isolation = detectIsolation();
  if (!isolation.probe && !opts.unsafeNoMemoryLimit) {
    throw new Error(`the grader cannot measure a process's memory on ${process.platform}, so a cell could use all of it; pass --unsafe-no-memory-limit to grade anyway`);
  }
  if (isolation.kind !== 'bwrap') warnOnce(isolation.summary);
  const refs = loadReferences(defaultReferenceDir, { hidden: opts.hidden });
  const timeoutMs = (opts.timeoutSec ?? DEFAULT_TIMEOUT_SEC) * 1000;
  const memoryMb = opts.memoryMb ?? DEFAULT_MEMORY_MB;
  const jobs = Math.max(1, Math.min(opts.jobs ?? os.availableParallelism(), subs.length));
  const pool = new CompilePool(compileWorkers(jobs), { timeoutMs: timeoutMs * 3, heapMb: memoryMb });
  const g: Grading = { refs, pool, sandboxes: new Limiter(jobs), limits: { timeoutMs, memoryMb, unsafeNoMemoryLimit: opts.unsafeNoMemoryLimit } };
  let done = 0;
  try {
    return await Promise.all(
      subs.map(async (sub) => {
        const result = await gradeOne(sub, g);
        opts.onProgress?.(++done, result);
        return result;
      }),
    );
  } finally {
    await pool.close();
  }
}

let warned = false;
function warnOnce(line: string): void {
  if (!warned) console.error(`attnlab-grade: ${line}`);
  warned = true;
}

export async function gradeSubmission(target: string, opts: GradeOptions = {}): Promise<SubmissionResult> {
  const [result] = await gradeSubmissions([{ student: studentName(target), path: target }], opts);
  return result;
}
