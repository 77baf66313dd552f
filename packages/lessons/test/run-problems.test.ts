// The rule for "this lesson ran clean", on hand-made runs that each break it one way.
import type { Cell } from '@attnlab/grader/notebook';
import { describe, expect, it } from 'vitest';
import type { ExecutedNotebook } from '../src/execute';
import { resultLines, runProblems } from '../src/run-problems';

const ran = (id: string, source: string, outputs: Cell['outputs'] = [], count: number | null = 1): Cell => ({
  id,
  cell_type: 'code',
  source,
  metadata: {},
  outputs,
  execution_count: count,
});
const stdout = (text: string) => ({ output_type: 'stream' as const, name: 'stdout' as const, text });
const figure = { output_type: 'display_data' as const, data: { 'application/vnd.plotly.v1+json': { data: [] } }, metadata: {} };
const nb = (...cells: Cell[]): ExecutedNotebook => ({ cells });

describe('runProblems', () => {
  it('finds nothing in a clean run', () => {
    expect(runProblems(nb(ran('a', 'await check("softmax", softmax);', [stdout('✔ softmax: 10/10 points\n')]), ran('b', 'show(fig);', [figure])))).toEqual([]);
  });

  it('names error outputs, stderr, failing checks, figureless show() calls and cells that never ran', () => {
    const problems = runProblems(
      nb(
        ran('err', 'x()', [{ output_type: 'error', ename: 'TypeError', evalue: 'x is not a function', traceback: [] }]),
        ran('tsc', 'let a: number = "s"', [{ output_type: 'stream', name: 'stderr', text: '1:5 - Type string is not assignable\n' }]),
        ran('chk', 'await check("softmax", softmax);', [stdout('✘ softmax: 0/10 points — softmax over the wrong axis\n')]),
        ran('fig', 'show(fig)'),
        ran('skip', '1', [], null),
      ),
    );
    expect(problems).toEqual([
      'cell err: TypeError: x is not a function',
      'cell tsc wrote to stderr: 1:5 - Type string is not assignable',
      'cell chk: the check did not pass: ✘ softmax: 0/10 points — softmax over the wrong axis',
      'cell fig calls show() but drew no figure',
      'cell skip did not run',
    ]);
  });

  it('reports a stopped run once, not every cell after it', () => {
    expect(runProblems({ ...nb(ran('a', '1'), ran('b', '2', [], null)), executionError: 'CellTimeoutError: cell b' })).toEqual(['the run stopped: CellTimeoutError: cell b']);
  });
});

describe('resultLines', () => {
  it('reads the headline figures a lesson prints, and nothing else', () => {
    const run = nb(
      ran('a', '', [stdout('epoch 1/2 loss 0.7\nresult: test F1 attention = 0.961\n')]),
      ran('b', '', [stdout('result: validation loss bigram = 2.45e+0\nresult: not a number = abc\n')]),
    );
    expect(resultLines(run)).toEqual([
      { metric: 'test F1 attention', value: 0.961 },
      { metric: 'validation loss bigram', value: 2.45 },
    ]);
  });
});
