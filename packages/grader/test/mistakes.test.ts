import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFunction } from '../src/authoring/load-source';
import { mistakes } from '../src/authoring/mistakes/catalog';
import type { Mistake } from '../src/authoring/mistakes/mistake';
import { compileCells } from '../src/compile';
import { diagnose } from '../src/diagnose';
import { evaluateExercise } from '../src/evaluate';
import { exerciseById } from '../src/exercises/catalog';
import { type CaseRun, runCase } from '../src/invoke';
import { loadReferences } from '../src/references';
import { findShortcuts } from '../src/shortcuts';
import { graderDir } from './helpers/submissions';

// Each known mistake is run in this process on its exercise's public and hidden cases
// and scored the way the grader scores a sandbox's outputs. That the full grader names a
// mistake injected into a notebook is shown once, end to end, in reports.test.ts.
const refs = loadReferences(undefined, { hidden: true });

/** A wrong idea may earn at most this share of its exercise's points. */
const CAP = 0.3;

beforeAll(async () => {
  await tf.setBackend('cpu'); // the backend the reference outputs are generated on
});

/** Run `source` as exercise `exercise` on every public and hidden case, and grade it. */
async function gradeNow(exercise: string, source: string) {
  const spec = exerciseById(exercise)!;
  expect(spec, exercise).toBeDefined();
  const cases = refs.cases.filter((c) => c.exercise === exercise);
  const fn = loadFunction(source, exercise);
  const runs: CaseRun[] = [];
  for (const c of cases) runs.push(await runCase(spec, fn, c.inputs));
  return { spec, cases, runs, result: evaluateExercise(spec, cases, runs, refs.mistakes) };
}

/** Each source is graded once: several tests read the same grading. */
const graded = new Map<string, ReturnType<typeof gradeNow>>();
function grade(exercise: string, source: string): ReturnType<typeof gradeNow> {
  const key = `${exercise}\n${source}`;
  if (!graded.has(key)) graded.set(key, gradeNow(exercise, source));
  return graded.get(key)!;
}

/** The mistakes that score more than CAP of their exercise's points, with their score. */
async function overCap(list: readonly Pick<Mistake, 'id' | 'exercise' | 'source'>[]): Promise<string[]> {
  const over: string[] = [];
  for (const m of list) {
    const { spec, result } = await grade(m.exercise, m.source);
    if (result.score > CAP * spec.points) over.push(`${m.id}: ${result.score}/${spec.points} (passes ${result.cases.filter((c) => c.passed).map((c) => `"${c.name}"`)})`);
  }
  return over;
}

describe('known mistakes', () => {
  it('are graded on hidden cases too', () => {
    expect(refs.hasHidden).toBe(true);
  });

  it.each(mistakes.map((m) => [m.id, m] as const))('%s: loses points on its exercise and is named, alone', async (_id, m) => {
    const { cases, result } = await grade(m.exercise, m.source);
    expect(result.score).toBeLessThan(result.maxScore);
    expect(['failed', 'partial']).toContain(result.status);
    expect(result.diagnoses).toEqual([{ mistake: m.id, what: m.what, fix: m.fix }]);
    // it fails exactly the cases where the references record its output
    expect(result.cases.map((c) => [c.name, c.passed])).toEqual(cases.map((c) => [c.name, !(m.id in c.mistakes)]));
  });

  it(`each scores at most ${CAP * 100}% of its exercise's points over its public and hidden cases (a wrong idea earns little)`, async () => {
    expect(await overCap(mistakes)).toEqual([]);
  });

  it('the cap check flags an answer that is wrong on only some cases', async () => {
    // right everywhere except on inputs with more than one batch axis: most of the points
    const partlyRight = {
      id: 'right-up-to-rank-3',
      exercise: 'softmax',
      source: `${exerciseById('softmax')!.signature} {
  return x.rank > 3 ? x : tf.softmax(x);
}`,
    };
    expect(await overCap([partlyRight])).toEqual([expect.stringMatching(/^right-up-to-rank-3: /)]);
  });

  it.each(mistakes.map((m) => [m.id, m] as const))('%s: following its fix gives full marks and no other known mistake', async (_id, m) => {
    expect(m.fixed.trim(), 'the fixed source must change the mistake').not.toBe(m.source.trim());
    const { cases, runs, result } = await grade(m.exercise, m.fixed);
    expect(result.cases.filter((c) => !c.passed).map((c) => `${c.name}: ${c.message}`)).toEqual([]);
    expect(result.score).toBe(result.maxScore);
    // not even loosely like any known mistake of the exercise: diagnose every case as if it had failed
    const outputs = runs.map((r) => ('outputs' in r ? r.outputs : undefined));
    const named = diagnose(
      refs.mistakes.filter((x) => x.exercise === m.exercise),
      cases.map((ref, i) => ({ ref, passed: false, outputs: outputs[i] })),
    );
    expect(named.map((d) => d.mistake)).toEqual([]);
  });

  it('each, and its fixed version, uses no function its exercise forbids (so a student who makes it gets the hint, not a shortcut verdict)', () => {
    const found = mistakes.flatMap((m) =>
      [m.source, m.fixed].flatMap((source) => findShortcuts(exerciseById(m.exercise)!, source).map((s) => `${m.id}${source === m.fixed ? ' (fixed)' : ''}: ${s.call}`)),
    );
    expect(found).toEqual([]);
  });

  it('each, and its fixed version, type-checks as an exercise cell (else a student who makes it would get a type error, not the hint)', () => {
    const cells = mistakes.flatMap((m) => [
      { key: m.id, spec: exerciseById(m.exercise)!, source: m.source },
      { key: `${m.id} (fixed)`, spec: exerciseById(m.exercise)!, source: m.fixed },
    ]);
    const compiled = compileCells(cells, graderDir);
    const errors = cells.map((c) => [c.key, compiled.get(c.key)]).filter(([, c]) => !(c as { ok: boolean }).ok);
    expect(errors).toEqual([]);
  });
});
