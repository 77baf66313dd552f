import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mistakes } from '../src/authoring/mistakes/catalog';
import { exercises } from '../src/exercises/catalog';
import { gradeSubmissions } from '../src/grade';
import type { SubmissionResult } from '../src/results';
import { tempDir, withCell, writeSubmission } from './helpers/submissions';

// Every known mistake, injected into a copy of the instructor notebooks in place of
// the right exercise cell: one submission per mistake, graded together.
let results: Map<string, SubmissionResult>;
let root: string;

beforeAll(async () => {
  root = tempDir('mistakes');
  const subs = mistakes.map((m) => ({
    student: m.id,
    path: writeSubmission(path.join(root, m.id), (_file, nb) => withCell(nb, m.exercise, m.source)),
  }));
  const graded = await gradeSubmissions(subs, { jobs: 2 });
  results = new Map(graded.map((r) => [r.student, r]));
}, 300_000);

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('known mistakes', () => {
  it.each(mistakes.map((m) => [m.id, m] as const))('%s fails its exercise with its own hint and leaves the others at full marks', (_id, m) => {
    const r = results.get(m.id)!;
    expect(r.exercises.map((e) => e.id)).toEqual(exercises.map((e) => e.id));
    const target = r.exercises.find((e) => e.id === m.exercise)!;
    expect(target.score).toBeLessThan(target.maxScore);
    expect(['failed', 'partial']).toContain(target.status);
    expect(target.diagnoses.map((d) => d.mistake)).toEqual([m.id]);
    for (const other of r.exercises.filter((e) => e.id !== m.exercise)) {
      expect({ id: other.id, score: other.score }).toEqual({ id: other.id, score: other.maxScore });
    }
  });
});
