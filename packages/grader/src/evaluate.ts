import { compareOutputs, describeMismatch } from './compare';
import { diagnose } from './diagnose';
import type { ExerciseSpec } from './exercises/spec';
import type { CaseRun } from './invoke';
import { checkProperties } from './properties';
import type { MistakeInfo, ReferenceCase } from './references';
import { type CaseResult, type ExerciseResult, roundPoints } from './results';

function pointsPerCase(spec: ExerciseSpec, cases: ReferenceCase[]): number {
  return cases.length > 0 ? spec.points / cases.length : 0;
}

/** An exercise that could not run at all (missing cell, compile error, timeout, crash). */
export function failedExercise(spec: ExerciseSpec, cases: ReferenceCase[], error: string, cell?: string): ExerciseResult {
  const per = pointsPerCase(spec, cases);
  return {
    id: spec.id, lesson: spec.lesson, title: spec.title, status: 'error', score: 0, maxScore: spec.points,
    summary: error.split('\n')[0], cell,
    cases: cases.map((c) => ({ name: c.name, visibility: c.visibility, passed: false, points: 0, maxPoints: roundPoints(per), message: error })),
    diagnoses: [], properties: [],
  };
}

/** Score an exercise from the outputs its cases produced, and explain what went wrong. */
export function evaluateExercise(spec: ExerciseSpec, cases: ReferenceCase[], runs: CaseRun[], mistakes: MistakeInfo[], cell?: string): ExerciseResult {
  const per = pointsPerCase(spec, cases);
  let properties: string[] = [];
  const evaluated = cases.map((ref, i) => {
    const run = runs[i] ?? { error: 'no result' };
    let result: CaseResult;
    if (run.outputs) {
      const mismatches = compareOutputs(ref.expected, run.outputs, ref.tolerance);
      const passed = mismatches.length === 0;
      if (!passed && properties.length === 0) properties = checkProperties(spec.properties, ref.inputs, run.outputs);
      result = { name: ref.name, visibility: ref.visibility, passed, points: passed ? roundPoints(per) : 0, maxPoints: roundPoints(per), message: passed ? undefined : mismatches.map(describeMismatch).join('\n') };
    } else {
      result = { name: ref.name, visibility: ref.visibility, passed: false, points: 0, maxPoints: roundPoints(per), message: `threw: ${run.error}` };
    }
    return { ref, result, run };
  });
  const results = evaluated.map((e) => e.result);
  const passedCount = results.filter((r) => r.passed).length;
  const score = roundPoints(per * passedCount);
  const notImplemented = evaluated.every((e) => e.run.notImplemented);
  if (notImplemented) {
    return {
      id: spec.id, lesson: spec.lesson, title: spec.title, status: 'not-implemented', score: 0, maxScore: spec.points,
      summary: `not implemented yet (the cell still throws "not implemented: ${spec.id}")`, cell,
      cases: results.map((r) => ({ ...r, message: 'not implemented yet' })), diagnoses: [], properties: [], start: spec.start,
    };
  }
  const diagnoses = passedCount === cases.length ? [] : diagnose(
    mistakes.filter((m) => m.exercise === spec.id),
    evaluated.map((e) => ({ ref: e.ref, passed: e.result.passed, outputs: e.run.outputs })),
  );
  const status = passedCount === cases.length ? 'passed' : passedCount > 0 ? 'partial' : 'failed';
  const firstFailure = results.find((r) => !r.passed);
  const summary = status === 'passed'
    ? `all ${cases.length} cases passed`
    : `${cases.length - passedCount} of ${cases.length} cases failed${diagnoses.length > 0 ? `: ${diagnoses[0].what}` : firstFailure?.message ? `: ${firstFailure.message.split('\n')[0]}` : ''}`;
  return {
    id: spec.id, lesson: spec.lesson, title: spec.title, status, score, maxScore: spec.points, summary, cell,
    cases: results, diagnoses, properties,
  };
}
