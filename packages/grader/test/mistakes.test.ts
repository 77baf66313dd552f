import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFunction } from '../src/authoring/load-source';
import { mistakes } from '../src/authoring/mistakes/catalog';
import { compileCells } from '../src/compile';
import { evaluateExercise } from '../src/evaluate';
import { exerciseById } from '../src/exercises/catalog';
import { runCase } from '../src/invoke';
import { loadReferences } from '../src/references';
import { graderDir } from './helpers/submissions';

// Each known mistake is run in this process on its exercise's public and hidden cases
// and scored the way the grader scores a sandbox's outputs. That the full grader names a
// mistake injected into a notebook is shown once, end to end, in reports.test.ts.
const refs = loadReferences();

beforeAll(async () => {
  await tf.setBackend('cpu'); // the backend the reference outputs are generated on
});

describe('known mistakes', () => {
  it.each(mistakes.map((m) => [m.id, m] as const))('%s: loses points on its exercise and is named, alone', async (_id, m) => {
    const spec = exerciseById(m.exercise)!;
    expect(spec, m.exercise).toBeDefined();
    const cases = refs.cases.filter((c) => c.exercise === m.exercise);
    const fn = loadFunction(m.source, m.exercise);
    const runs = [];
    for (const c of cases) runs.push(await runCase(spec, fn, c.inputs));
    const result = evaluateExercise(spec, cases, runs, refs.mistakes);
    expect(result.score).toBeLessThan(result.maxScore);
    expect(['failed', 'partial']).toContain(result.status);
    expect(result.diagnoses).toEqual([{ mistake: m.id, what: m.what, fix: m.fix }]);
    // it fails exactly the cases where the references record its output
    expect(result.cases.map((c) => [c.name, c.passed])).toEqual(cases.map((c) => [c.name, !(m.id in c.mistakes)]));
  });

  it('each type-checks as an exercise cell (else a student who makes it would get a type error, not the hint)', () => {
    const compiled = compileCells(
      mistakes.map((m) => ({ key: m.id, spec: exerciseById(m.exercise)!, source: m.source })),
      graderDir,
    );
    const errors = mistakes.map((m) => [m.id, compiled.get(m.id)]).filter(([, c]) => !(c as { ok: boolean }).ok);
    expect(errors).toEqual([]);
  });
});
