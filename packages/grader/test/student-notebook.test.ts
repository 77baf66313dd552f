import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exercises } from '../src/exercises/catalog';
import { gradeSubmission } from '../src/grade';
import { cellExercise, cellSource, type Notebook, toStudentNotebook } from '../src/notebook';
import type { SubmissionResult } from '../src/results';
import { lessonNotebooks, tempDir, writeSubmission } from './helpers/submissions';

const sample: Notebook = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [
    { id: 'md', cell_type: 'markdown', metadata: {}, source: ['Intro.\n', '<!-- BEGIN SOLUTION -->\n', 'Answer: 42.\n', '<!-- END SOLUTION -->\n', 'Outro.'] },
    {
      id: 'ex',
      cell_type: 'code',
      metadata: { attnlab: { exercise: 'causalMask' } },
      execution_count: 3,
      outputs: [{ output_type: 'stream', name: 'stdout', text: 'hi' }],
      source: ['function causalMask(l: number): tf.Tensor2D {\n', '    // BEGIN SOLUTION\n', '    return tf.ones([l, l]) as tf.Tensor2D;\n', '    // END SOLUTION\n', '}'],
    },
  ],
};

describe('toStudentNotebook', () => {
  it('replaces solution regions by an indented stub, strips instructor markdown and clears outputs', () => {
    const student = toStudentNotebook(sample);
    expect(student.cells[1].source).toEqual([
      'function causalMask(l: number): tf.Tensor2D {\n',
      '    // YOUR CODE HERE\n',
      '    throw new Error("not implemented: causalMask");\n',
      '}',
    ]);
    expect(student.cells[1].outputs).toEqual([]);
    expect(student.cells[1].execution_count).toBeNull();
    expect(cellSource(student.cells[0])).toBe('Intro.\nOutro.');
    expect(cellSource(sample.cells[1])).toContain('BEGIN SOLUTION'); // the input is not modified
  });

  it('refuses unbalanced markers, naming the cell', () => {
    const broken = JSON.parse(JSON.stringify(sample)) as Notebook;
    broken.cells[1].source = 'function causalMask(l: number) {\n  // BEGIN SOLUTION\n  return 1;\n}';
    expect(() => toStudentNotebook(broken)).toThrow(/cell ex: "\/\/ BEGIN SOLUTION" without a matching "\/\/ END SOLUTION"/);
    broken.cells[1].source = 'function causalMask(l: number) {\n  return 1;\n  // END SOLUTION\n}';
    expect(() => toStudentNotebook(broken)).toThrow(/cell ex: "\/\/ END SOLUTION" without a "\/\/ BEGIN SOLUTION" before it/);
  });
});

describe('the student edition of the lesson notebooks', () => {
  let root: string;
  let result: SubmissionResult;
  beforeAll(async () => {
    root = tempDir('student');
    writeSubmission(root, (_f, nb) => toStudentNotebook(nb));
    result = await gradeSubmission(root);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('keeps no solution and no output, and stubs every exercise', () => {
    const stubbed: string[] = [];
    for (const name of lessonNotebooks()) {
      const nb = JSON.parse(fs.readFileSync(path.join(root, name), 'utf8')) as Notebook;
      for (const cell of nb.cells) {
        if (cell.cell_type === 'markdown') expect(cellSource(cell)).not.toMatch(/<!-- (BEGIN|END) SOLUTION -->/);
        if (cell.cell_type !== 'code') continue;
        expect(cellSource(cell)).not.toMatch(/\/\/ (BEGIN|END) SOLUTION/);
        expect(cell.outputs ?? []).toEqual([]);
        const id = cellExercise(cell);
        if (id && cellSource(cell).includes(`throw new Error("not implemented: ${id}");`)) stubbed.push(id);
      }
    }
    expect(stubbed.sort()).toEqual(exercises.map((e) => e.id).sort());
  });

  it('compiles and grades to 0 with "not implemented" for every exercise', () => {
    expect(result.exercises.map((e) => [e.id, e.status, e.score])).toEqual(exercises.map((e) => [e.id, 'not-implemented', 0]));
    for (const e of result.exercises) expect(e.summary).toMatch(/not implemented yet/);
    expect(result.score).toBe(0);
  });
});
