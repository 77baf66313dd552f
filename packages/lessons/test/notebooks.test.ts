// Every lesson notebook is well formed, and runs top to bottom in a real Jupyter kernel without errors.
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, inject, it } from 'vitest';
import { ExecutionCache, environmentFingerprint, runLesson } from '../src/execution-cache';
import { runProblems } from '../src/run-problems';
import { findJupyterPython, INSTALL_JUPYTER_HINT } from '../src/jupyter';
import { exerciseMarkingErrors, isLessonFile, type Notebook, sourceText } from '@attnlab/grader/notebook';
import { notebooksDir, repoRoot } from '../src/project';

const root = repoRoot(__dirname);
const dir = notebooksDir(root);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ipynb'))
  .sort();
const read = (file: string): Notebook => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));

const CELL_ID = /^[a-zA-Z0-9_-]{1,64}$/;
const EXERCISE_IDS = [
  'softmax',
  'scaledDotProductAttention',
  'additiveScores',
  'additiveAttention',
  'paddingMask',
  'causalMask',
  'maskedSoftmax',
  'splitHeads',
  'mergeHeads',
  'multiHeadAttention',
  'positionalEncoding',
  'shiftMatrix',
  'attentionPooling',
  'aspectAttention',
  'targetAttention',
  'bahdanauContext',
  'layerNorm',
  'transformerBlock',
  'onlineSoftmaxUpdate',
];

describe('notebook format', () => {
  it('has the getting-started notebook and the lessons', () => {
    expect(files).toEqual([
      '00-getting-started.ipynb',
      '01-scaled-dot-product.ipynb',
      '02-additive.ipynb',
      '03-masked.ipynb',
      '04-multi-head.ipynb',
      '05-positional-encoding.ipynb',
      '06-information-filter.ipynb',
      '07-feedback-triage.ipynb',
      '08-learning-recommender.ipynb',
      '09-date-translation.ipynb',
      '10-tiny-gpt.ipynb',
      '11-efficient-attention.ipynb',
    ]);
  });

  it('declares every graded exercise of DESIGN.md exactly once across the lessons', () => {
    const found = files.flatMap((f) =>
      read(f)
        .cells.map((c) => c.metadata?.attnlab?.exercise)
        .filter(Boolean),
    );
    expect([...found].sort()).toEqual([...EXERCISE_IDS].sort());
  });

  for (const file of files) {
    describe(file, () => {
      const nb = read(file);

      it('is nbformat 4.5 with the tslab kernelspec and lesson metadata', () => {
        expect(nb.nbformat).toBe(4);
        expect(nb.nbformat_minor).toBe(5);
        expect(nb.metadata?.kernelspec?.name).toBe('tslab');
        const meta = nb.metadata!.attnlab!;
        expect(meta.lesson).toBe(file.slice(0, 2));
        expect(meta.title.length).toBeGreaterThan(3);
        expect(meta.objectives.length).toBeGreaterThan(0);
        expect(meta.minutes).toBeGreaterThan(0);
      });

      it('is a lesson file (NN-slug.ipynb) whose exercise markings the grader and the release accept', () => {
        expect(isLessonFile(file)).toBe(true);
        expect(exerciseMarkingErrors(nb)).toEqual([]);
      });

      it('has a unique, valid id on every cell', () => {
        const ids = nb.cells.map((c) => c.id);
        for (const id of ids) expect(id).toMatch(CELL_ID);
        expect(new Set(ids).size).toBe(ids.length);
      });

      it('is committed without outputs', () => {
        for (const cell of nb.cells.filter((c) => c.cell_type === 'code')) {
          expect(cell.outputs, `cell ${cell.id}`).toEqual([]);
          expect(cell.execution_count, `cell ${cell.id}`).toBeNull();
        }
      });

      it('marks every exercise cell as DESIGN.md specifies, each followed by its check', () => {
        nb.cells.forEach((cell, i) => {
          const exercise = cell.metadata?.attnlab?.exercise;
          const nbgrader = cell.metadata?.nbgrader;
          if (!exercise && !nbgrader?.solution) return;
          expect(cell.cell_type).toBe('code');
          expect(nbgrader).toEqual({ grade: false, solution: true, locked: false, grade_id: exercise, schema_version: 3 });
          const src = sourceText(cell.source);
          expect(src).toMatch(new RegExp(`^function ${exercise}\\s*\\(`, 'm'));
          const begin = src.split('\n').filter((l) => l.trim() === '// BEGIN SOLUTION').length;
          const end = src.split('\n').filter((l) => l.trim() === '// END SOLUTION').length;
          expect([begin, end], `markers in ${exercise}`).toEqual([1, 1]);
          expect(src.indexOf('// BEGIN SOLUTION')).toBeLessThan(src.indexOf('// END SOLUTION'));
          const next = nb.cells.slice(i + 1).find((c) => c.cell_type === 'code');
          expect(sourceText(next?.source), `check cell after ${exercise}`).toContain(`check('${exercise}', ${exercise})`);
        });
      });
    });
  }
});

// The global setup ran every notebook once in a real Jupyter kernel (quick mode); these tests read that run.
// Outside CI a machine without Jupyter skips them (the setup said how to install it); under CI they must run.
const cacheDir = inject('executionCache');

describe.skipIf(cacheDir === null)('notebook execution in a real Jupyter kernel', () => {
  const cache = cacheDir === null ? null : new ExecutionCache(cacheDir, environmentFingerprint(root));

  it('has Jupyter', () => {
    expect(findJupyterPython(), INSTALL_JUPYTER_HINT).not.toBeNull();
  });

  for (const file of files) {
    it(`${file} runs top to bottom with no error or stderr output, every check passing and every show() drawing`, async () => {
      const { executed: nb } = await runLesson(path.join(dir, file), { cache, timeoutSec: 300 });
      expect(runProblems(nb)).toEqual([]);
      expect(nb.cells.filter((c) => c.cell_type === 'code').every((c) => typeof c.execution_count === 'number')).toBe(true);
      const seconds = inject('executionSeconds')[file];
      if (seconds !== undefined) console.log(`${file}: executed in ${seconds.toFixed(1)} s (quick mode)`);
    });
  }
});
