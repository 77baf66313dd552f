import * as tf from '@tensorflow/tfjs';
import type { FailedDependency } from './dependencies';
import { errorMessage } from './errors';
import { exerciseById, exercises } from './exercises/catalog';
import type { ExerciseSpec } from './exercises/spec';
import { evaluateExercise, failedExercise } from './evaluate';
import { formatExercise } from './feedback';
import { runCase } from './invoke';
import { defaultReferenceDir, loadReferences, type ReferenceCase, type References } from './references';
import { restrictedModule, restrictTensorMethods } from './restrictions';
import { describeShortcuts, forbiddenUse, type Shortcut } from './shortcut-report';

// The static scan and the dependency finder parse with the TypeScript compiler: loaded on the first
// check, not when the notebook's first cell imports this module.
interface Analysis {
  scan: typeof import('./shortcuts');
  deps: typeof import('./dependencies');
}
const loadAnalysis = async (): Promise<Analysis> => ({ scan: await import('./shortcuts'), deps: await import('./dependencies') });

export interface CheckResult {
  id: string;
  score: number;
  maxScore: number;
  passed: boolean;
}

let publicReferences: References | undefined;

/**
 * tslab prints the value of a cell's last expression with console.log; the report is
 * already printed, so the result shows itself as one short line.
 */
function result(id: string, score: number, maxScore: number, passed: boolean): CheckResult {
  const r = { id, score, maxScore, passed };
  Object.defineProperty(r, Symbol.for('nodejs.util.inspect.custom'), {
    enumerable: false,
    value: () => `CheckResult { ${id}: ${score}/${maxScore}${passed ? ', passed' : ''} }`,
  });
  return r;
}

type ModuleName = '@tensorflow/tfjs' | '@attnlab/core';
type Scope = Record<string, unknown>;

/** tslab keeps a notebook's top-level names on one object: `exports.<name>` in a function's text. */
function notebookScope(): Scope | undefined {
  const scope = (globalThis as { __tslab__?: { exports?: unknown } }).__tslab__?.exports;
  return typeof scope === 'object' && scope !== null ? (scope as Scope) : undefined;
}

function realCore(): Scope {
  return require('@attnlab/core') as Scope;
}

/** Which module a notebook value is: tf or core themselves, or a namespace copy of one (`import * as`). */
function moduleOf(value: unknown): ModuleName | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  try {
    const v = value as Scope;
    if (v.matMul === tf.matMul) return '@tensorflow/tfjs';
    if (v.scaledDotProductAttention === realCore().scaledDotProductAttention) return '@attnlab/core';
  } catch {
    // a getter that throws is not one of the modules
  }
  return undefined;
}

/** The real values of the functions `spec` forbids in tf and core, by path. */
function forbiddenValues(spec: ExerciseSpec): Map<unknown, string> {
  const values = new Map<unknown, string>();
  for (const entry of spec.forbidden) {
    const [root, ...rest] = entry.split('.');
    let value: unknown = root === 'tf' ? tf : root === 'core' ? realCore() : undefined;
    for (const key of rest) value = typeof value === 'object' || typeof value === 'function' ? (value as Scope | undefined)?.[key] : undefined;
    if (value !== undefined && root !== 'Tensor') values.set(value, entry);
  }
  return values;
}

/** What the notebook's top-level names are, where that matters to findShortcuts: modules and forbidden functions. */
function notebookGlobals(spec: ExerciseSpec, scope: Scope | undefined): Record<string, string> {
  const globals: Record<string, string> = {};
  if (!scope) return globals;
  const forbidden = forbiddenValues(spec);
  for (const name of Object.keys(scope)) {
    const value = scope[name];
    const module = moduleOf(value);
    const path = module === '@attnlab/core' ? 'core' : module ? 'tf' : forbidden.get(value);
    if (path) globals[name] = path;
  }
  return globals;
}

function sourceOf(fn: unknown): string {
  try {
    return typeof fn === 'function' ? Function.prototype.toString.call(fn) : '';
  } catch {
    return '';
  }
}

/** The student's functions `fn` calls among the exercise's dependencies (transitively), as the notebook has them. */
function dependencyFunctions(analysis: Analysis, spec: ExerciseSpec, fn: unknown, scope: Scope | undefined): Map<string, unknown> {
  const found = new Map<string, unknown>();
  const visit = (current: ExerciseSpec, f: unknown) => {
    for (const dep of analysis.deps.calledDependencies(current, sourceOf(f))) {
      const depSpec = exerciseById(dep);
      if (found.has(dep) || typeof scope?.[dep] !== 'function' || !depSpec) continue;
      found.set(dep, scope[dep]);
      visit(depSpec, scope[dep]);
    }
  };
  visit(spec, fn);
  return found;
}

/** Static check of the function and the dependencies it calls, as the grader checks the cell with them. */
function staticShortcuts(analysis: Analysis, spec: ExerciseSpec, fn: unknown, deps: Map<string, unknown>, scope: Scope | undefined): Shortcut[] {
  const direct = forbiddenValues(spec).get(fn);
  if (direct) return [forbiddenUse(spec, direct)];
  const globals = notebookGlobals(spec, scope);
  return [fn, ...deps.values()].flatMap((f) => analysis.scan.findShortcuts(spec, sourceOf(f), { globals }));
}

/**
 * For the run of the check, the notebook's tf and core (whatever they are called) are the
 * restricted modules the grader's sandbox hands the cell, and tensors lack the forbidden
 * methods; returns the undo.
 */
function restrictNotebook(spec: ExerciseSpec, scope: Scope | undefined, onUse: (s: Shortcut) => void): () => void {
  const undoMethods = restrictTensorMethods(spec, tf.Tensor.prototype, { onUse });
  const saved = new Map<string, unknown>();
  for (const name of scope ? Object.keys(scope) : []) {
    const module = moduleOf(scope![name]);
    if (!module) continue;
    saved.set(name, scope![name]);
    scope![name] = restrictedModule(spec, module, scope![name] as object, { onUse });
  }
  return () => {
    for (const [name, value] of saved) scope![name] = value;
    undoMethods();
  };
}

async function runCases(spec: ExerciseSpec, fn: unknown, cases: ReferenceCase[]) {
  const runs = [];
  for (const c of cases) runs.push(await runCase(spec, fn, c.inputs));
  return runs;
}

/** The dependencies that fail their own public cases, for the note that a failure may come from them. */
async function failedDependencies(deps: Map<string, unknown>, refs: References): Promise<FailedDependency[]> {
  const failed: FailedDependency[] = [];
  for (const [id, f] of deps) {
    const depSpec = exerciseById(id)!;
    const cases = refs.cases.filter((c) => c.exercise === id);
    const graded = evaluateExercise(depSpec, cases, await runCases(depSpec, f, cases), refs.mistakes);
    const failedCount = graded.cases.filter((c) => !c.passed).length;
    if (failedCount > 0) failed.push({ id, failed: failedCount, cases: cases.length });
  }
  return failed;
}

/**
 * Check an exercise inside the notebook: run the function on the exercise's public
 * cases in this process, print a short report to stdout, and never throw. A function that
 * uses a finished version of the exercise gets 0, as in the grader.
 *
 *     await check('softmax', softmax);
 */
export async function check(id: string, fn: unknown): Promise<CheckResult> {
  const spec = exerciseById(id);
  if (!spec) {
    console.log(`✘ check('${id}', …): there is no exercise "${id}". Exercises: ${exercises.map((e) => e.id).join(', ')}`);
    return result(id, 0, 0, false);
  }
  try {
    publicReferences ??= loadReferences(defaultReferenceDir, { hidden: false });
    const refs = publicReferences;
    const cases = refs.cases.filter((c) => c.exercise === id);
    const scope = notebookScope();
    const analysis = await loadAnalysis();
    const deps = dependencyFunctions(analysis, spec, fn, scope);
    const shortcuts = staticShortcuts(analysis, spec, fn, deps, scope);
    const used: Shortcut[] = [];
    if (shortcuts.length === 0) {
      const undo = restrictNotebook(spec, scope, (s) => used.push(s));
      let runs;
      try {
        runs = await runCases(spec, fn, cases);
      } finally {
        undo();
      }
      if (used.length === 0) {
        const graded = evaluateExercise(spec, cases, runs, refs.mistakes);
        const passed = graded.status === 'passed';
        const note = passed ? '' : analysis.deps.dependencyNote(spec, await failedDependencies(deps, refs));
        console.log(
          passed
            ? `✔ ${id}: ${graded.score}/${graded.maxScore} points — all ${cases.length} public cases pass (your grade also counts hidden cases, run when your work is graded)`
            : formatExercise(graded) + (note ? `\n${note}` : ''),
        );
        return result(id, graded.score, graded.maxScore, passed);
      }
    }
    console.log(formatExercise(failedExercise(spec, cases, describeShortcuts(spec, shortcuts.length > 0 ? shortcuts : used))));
    return result(id, 0, spec.points, false);
  } catch (error) {
    console.log(`✘ ${id}: the check itself could not run: ${errorMessage(error)}`);
    return result(id, 0, spec.points, false);
  }
}
