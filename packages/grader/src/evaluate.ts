import { compareOutputs, describeMismatch } from './compare';
import { diagnose } from './diagnose';
import type { ExerciseSpec } from './exercises/spec';
import type { CaseRun } from './invoke';
import { checkProperties } from './properties';
import type { MistakeInfo, ReferenceCase } from './references';
import { type CaseResult, type ExerciseResult, roundPoints } from './results';

/** An exercise that could not run at all (missing cell, compile error, timeout, crash). */
export function failedExercise(spec: ExerciseSpec, cases: ReferenceCase[], error: string, cell?: string): ExerciseResult {
  const maxPoints = cases.length > 0 ? roundPoints(spec.points / cases.length) : 0;
  return {
    id: spec.id,
    lesson: spec.lesson,
    title: spec.title,
    status: 'error',
    score: 0,
    maxScore: spec.points,
    summary: error.split('\n')[0],
    cell,
    cases: cases.map((c) => ({ name: c.name, visibility: c.visibility, passed: false, points: 0, maxPoints, message: error })),
    diagnoses: [],
    properties: [],
  };
}

/** Score an exercise from the outputs its cases produced, and explain what went wrong. */
export function evaluateExercise(spec: ExerciseSpec, cases: ReferenceCase[], runs: CaseRun[], mistakes: MistakeInfo[], cell?: string): ExerciseResult {
  if (cases.length === 0) {
    return failedExercise(
      spec,
      cases,
      `the reference outputs have no cases for ${spec.id}: run \`npm run references -w packages/grader\` (instructors) or reinstall the student edition`,
      cell,
    );
  }
  const per = spec.points / cases.length;
  const maxPoints = roundPoints(per);
  // the properties of the first wrong output back up the hints
  let properties: string[] = [];
  const evaluated = cases.map((ref, i) => {
    // a cell can send the sandbox's reply itself; a reply short of runs fails the missing cases
    const run: CaseRun = runs[i] ?? { error: 'the grading sandbox returned no result for this case' };
    let result: CaseResult;
    if ('outputs' in run) {
      const mismatches = compareOutputs(ref.expected, run.outputs, ref.tolerance);
      const passed = mismatches.length === 0;
      // hidden cases stay hidden: what the properties say quotes the student's outputs on the case's inputs
      if (!passed && properties.length === 0 && ref.visibility === 'public') properties = checkProperties(spec.properties, ref.inputs, run.outputs);
      result = {
        name: ref.name,
        visibility: ref.visibility,
        passed,
        points: passed ? maxPoints : 0,
        maxPoints,
        message: passed ? undefined : mismatches.map(describeMismatch).join('\n'),
      };
    } else {
      result = { name: ref.name, visibility: ref.visibility, passed: false, points: 0, maxPoints, message: run.error };
    }
    return { ref, result, outputs: 'outputs' in run ? run.outputs : undefined, notImplemented: 'error' in run && run.notImplemented === true };
  });
  const results = evaluated.map((e) => e.result);
  if (evaluated.every((e) => e.notImplemented)) {
    return {
      id: spec.id,
      lesson: spec.lesson,
      title: spec.title,
      status: 'not-implemented',
      score: 0,
      maxScore: spec.points,
      summary: `not implemented yet (the cell still throws "not implemented: ${spec.id}")`,
      cell,
      cases: results.map((r) => ({ ...r, message: 'not implemented yet' })),
      diagnoses: [],
      properties: [],
      start: spec.start,
    };
  }
  const passedCount = results.filter((r) => r.passed).length;
  const status = passedCount === cases.length ? 'passed' : passedCount > 0 ? 'partial' : 'failed';
  const diagnoses =
    status === 'passed'
      ? []
      : diagnose(
          mistakes.filter((m) => m.exercise === spec.id),
          evaluated.map((e) => ({ ref: e.ref, passed: e.result.passed, outputs: e.outputs })),
        );
  // A hidden case's message quotes its values, so the summary names it only by its kind.
  const why = () => diagnoses[0]?.what ?? results.find((r) => !r.passed && r.visibility === 'public')?.message?.split('\n')[0] ?? 'a hidden case fails';
  const summary = status === 'passed' ? `all ${cases.length} cases passed` : `${cases.length - passedCount} of ${cases.length} cases failed: ${why()}`;
  return {
    id: spec.id,
    lesson: spec.lesson,
    title: spec.title,
    status,
    // Exact, not rounded: a submission's total is the sum of exact scores, rounded once (reports round what they print).
    score: (spec.points * passedCount) / cases.length,
    maxScore: spec.points,
    summary,
    cell,
    cases: results,
    diagnoses,
    properties,
  };
}
