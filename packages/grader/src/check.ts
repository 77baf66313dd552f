import { errorMessage } from './errors';
import { exerciseById, exercises } from './exercises/catalog';
import { evaluateExercise } from './evaluate';
import { formatExercise } from './feedback';
import { runCase } from './invoke';
import { defaultReferenceDir, loadReferences, type References } from './references';

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

/**
 * Check an exercise inside the notebook: run the function on the exercise's public
 * cases in this process, print a short report to stdout, and never throw.
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
    const cases = publicReferences.cases.filter((c) => c.exercise === id);
    const runs = [];
    for (const c of cases) runs.push(await runCase(spec, fn, c.inputs));
    const graded = evaluateExercise(spec, cases, runs, publicReferences.mistakes);
    console.log(
      graded.status === 'passed'
        ? `✔ ${id}: ${graded.score}/${graded.maxScore} points — all ${cases.length} public cases pass (the hidden ones: \`npx nx test grader\`)`
        : formatExercise(graded),
    );
    return result(id, graded.score, graded.maxScore, graded.status === 'passed');
  } catch (error) {
    console.log(`✘ ${id}: the check itself could not run: ${errorMessage(error)}`);
    return result(id, 0, spec.points, false);
  }
}
