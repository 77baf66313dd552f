// The one notebook model: reading with errors that name the problem, the lesson-file rule, and
// nbgrader's strictness about where solution regions may be.
import { describe, expect, it } from 'vitest';
import { cellExercise, exerciseMarkingErrors, isLessonFile, lessonOfFile, type Notebook, parseNotebook, toStudentNotebook } from '../src/notebook';

const code = (source: string, metadata: Notebook['cells'][number]['metadata'] = {}, id = 'c') => ({
  id,
  cell_type: 'code' as const,
  metadata,
  source,
  outputs: [],
  execution_count: null,
});
const nbgrader = (id: string) => ({ grade: false, solution: true, locked: false, grade_id: id, schema_version: 3 });

describe('parseNotebook', () => {
  const error = (text: string): string => {
    const loaded = parseNotebook('/work/alice/03-masked.ipynb', text);
    return 'error' in loaded ? loaded.error : '';
  };

  it('parses a notebook and says which lesson its file is', () => {
    const loaded = parseNotebook('/x/03-masked.ipynb', JSON.stringify({ cells: [code('1')] }));
    expect(loaded).toMatchObject({ lesson: '03', notebook: { cells: [{ source: '1' }] } });
  });

  it('names the file and what to do for text that is not JSON or not a notebook', () => {
    expect(error('{"cells": [')).toMatch(/^03-masked\.ipynb is not valid notebook JSON \(.+\); open it in Jupyter or restore it/);
    expect(error('[1, 2]')).toMatch(/^03-masked\.ipynb is JSON but not a notebook \(no "cells" array\)/);
  });

  it('names a null cell, a cell without a type, and a null or non-text source by position', () => {
    expect(error('{"cells": [{"cell_type": "markdown", "source": "ok"}, null]}')).toMatch(/has a cell #2 that is not a cell \(null\)/);
    expect(error('{"cells": [{"source": "x"}]}')).toMatch(/has a cell #1 with cell_type undefined/);
    expect(error('{"cells": [{"id": "ex", "cell_type": "code", "source": null}]}')).toMatch(/has a cell #1 \(id ex\) whose source is not text/);
    expect(error('{"cells": [{"cell_type": "code", "source": ["a", 3]}]}')).toMatch(/cell #1 whose source is not text/);
    expect(error('{"cells": [{"cell_type": "code", "source": "", "metadata": null}]}')).toMatch(/cell #1 whose metadata is not an object/);
  });
});

describe('the lesson-file rule', () => {
  it('accepts NN-slug.ipynb only', () => {
    expect(['01-scaled-dot-product.ipynb', '/a/b/10-tiny-gpt.ipynb'].map(isLessonFile)).toEqual([true, true]);
    expect(['1-x.ipynb', '01-X.ipynb', '01-x.ipynb.bak', 'notes.ipynb', '01-x-Copy1.ipynb'].map(isLessonFile)).toEqual([false, false, false, false, false]);
    expect(lessonOfFile('/a/07-feedback-triage.ipynb')).toBe('07');
    expect(lessonOfFile('/a/scratch.ipynb')).toBeUndefined();
  });
});

describe('exercise cells', () => {
  it('are code cells marked by attnlab.exercise, or by nbgrader as a solution cell', () => {
    expect(cellExercise(code('', { attnlab: { exercise: 'softmax' } }))).toBe('softmax');
    expect(cellExercise(code('', { nbgrader: nbgrader('softmax') }))).toBe('softmax');
    // nbgrader's autograded test cells have a grade_id too, but no solution
    expect(cellExercise(code('', { nbgrader: { grade: true, solution: false, grade_id: 'tests' } }))).toBeUndefined();
    expect(cellExercise({ id: 'm', cell_type: 'markdown', metadata: { attnlab: { exercise: 'softmax' } }, source: '' })).toBeUndefined();
  });

  it('refuse a solution region outside a marked exercise cell, naming the cell, in the release too', () => {
    const nb: Notebook = { cells: [code('function f() {\n  // BEGIN SOLUTION\n  return 1;\n  // END SOLUTION\n}', {}, 'helper-cell')] };
    expect(exerciseMarkingErrors(nb)).toEqual([expect.stringMatching(/^cell helper-cell has a "\/\/ BEGIN SOLUTION" region but is not an exercise cell/)]);
    expect(() => toStudentNotebook(nb)).toThrow(/cell helper-cell has a "\/\/ BEGIN SOLUTION" region but is not an exercise cell/);
  });

  it('refuse the two metadata forms naming different exercises', () => {
    const nb: Notebook = { cells: [code('function softmax() {}', { attnlab: { exercise: 'softmax' }, nbgrader: nbgrader('maskedSoftmax') }, 'ex')] };
    expect(exerciseMarkingErrors(nb)).toEqual(['cell ex: metadata attnlab.exercise is "softmax" but nbgrader.grade_id is "maskedSoftmax"; they must name the same exercise']);
  });

  it('leave a well-marked notebook alone', () => {
    const nb: Notebook = {
      cells: [code('function softmax() {\n  // BEGIN SOLUTION\n  return 1;\n  // END SOLUTION\n}', { attnlab: { exercise: 'softmax' }, nbgrader: nbgrader('softmax') })],
    };
    expect(exerciseMarkingErrors(nb)).toEqual([]);
  });
});
