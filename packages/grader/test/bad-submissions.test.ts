import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exercises } from '../src/exercises/catalog';
import { gradeSubmissions } from '../src/grade';
import type { Notebook } from '../src/notebook';
import type { SubmissionResult } from '../src/results';
import { getProcess, hasExercise, tempDir, withCell, writeSubmission } from './helpers/submissions';

const softmaxCell = (body: string, before = '') => `${before}function softmax(x: tf.Tensor): tf.Tensor {\n${body}\n}\n`;

/** One broken thing per submission; `exercises` are the ones it must break, all others keep full marks. */
const broken: { name: string; exercises: string[]; message: RegExp; edit: (file: string, nb: Notebook) => Notebook | string }[] = [
  {
    name: 'infinite-loop',
    exercises: ['softmax'],
    message: /timed out after 4 s of CPU time/,
    edit: (_f, nb) => withCell(nb, 'softmax', softmaxCell('  while (true) { /* spin */ }')),
  },
  {
    name: 'reaches-for-the-process',
    exercises: ['softmax'],
    message: /the cell threw while it was loaded: EvalError: Code generation from strings disallowed/,
    edit: (_f, nb) => withCell(nb, 'softmax', `const proc = ${getProcess};\n${softmaxCell('  proc.exit(3);\n  return x;')}`),
  },
  {
    name: 'heap-exhausted',
    exercises: ['softmax'],
    // V8 ends the process at its heap limit (half the cap), unless the resident-memory watchdog stops it first
    message: /ran out of memory \(limit \d+ MB\) while running softmax|used more than \d+ MB/,
    edit: (_f, nb) => withCell(nb, 'softmax', softmaxCell('  const kept: number[][] = [];\n  for (;;) kept.push(new Array(1 << 16).fill(1));')),
  },
  {
    name: 'out-of-memory',
    exercises: ['softmax'],
    message: /memory/,
    edit: (_f, nb) => withCell(nb, 'softmax', softmaxCell('  const hog: Float64Array[] = [];\n  for (;;) hog.push(new Float64Array(1 << 20).fill(1));')),
  },
  {
    name: 'throws-on-load',
    exercises: ['softmax'],
    message: /the cell threw while it was loaded: boom/,
    edit: (_f, nb) => withCell(nb, 'softmax', softmaxCell('  return x;', 'throw new Error("boom");\n')),
  },
  {
    name: 'syntax-error',
    exercises: ['softmax'],
    message: /syntax error in the cell:\nline 2, column \d+: /,
    edit: (_f, nb) => withCell(nb, 'softmax', softmaxCell('  return x.exp((;')),
  },
  {
    name: 'type-error',
    exercises: ['softmax'],
    message: /type error in the cell:\nline 3, column \d+: Property 'expp' does not exist/,
    edit: (_f, nb) => withCell(nb, 'softmax', softmaxCell('  const m = x.max(-1, true);\n  return x.sub(m).expp();')),
  },
  {
    name: 'renamed-function',
    exercises: ['softmax'],
    message: /does not declare `function softmax\(\.\.\.\) \{ \.\.\. \}`.*: `function softmax\(x: tf\.Tensor\): tf\.Tensor \{ \.\.\. \}`/,
    edit: (_f, nb) => withCell(nb, 'softmax', 'const softmax = (x: tf.Tensor) => tf.softmax(x);\n'),
  },
  {
    name: 'throws-a-string',
    exercises: ['softmax'],
    message: /^threw: boom$/m,
    edit: (_f, nb) => withCell(nb, 'softmax', softmaxCell('  throw "boom";')),
  },
  {
    name: 'wrong-return',
    exercises: ['softmax'],
    message: /softmax must return a tf\.Tensor, but it returned a number/,
    edit: (_f, nb) => withCell(nb, 'softmax', softmaxCell('  return 42 as any;')),
  },
  {
    name: 'missing-cell',
    exercises: ['maskedSoftmax'],
    message: /missing exercise cell: no code cell has metadata attnlab\.exercise = "maskedSoftmax"/,
    edit: (_f, nb) => ({ ...nb, cells: nb.cells.filter((c) => c.metadata?.attnlab?.exercise !== 'maskedSoftmax') }),
  },
  {
    name: 'duplicated-cell',
    exercises: ['causalMask'],
    message: /duplicated exercise cell: "causalMask" appears in 03-.*\.ipynb cell .* and 03-.*\.ipynb cell/,
    edit: (_f, nb) => {
      const i = nb.cells.findIndex((c) => c.metadata?.attnlab?.exercise === 'causalMask');
      if (i < 0) return nb;
      nb.cells.splice(i + 1, 0, { ...nb.cells[i], id: 'pasted-copy' });
      return nb;
    },
  },
  {
    name: 'not-a-notebook',
    exercises: ['positionalEncoding', 'shiftMatrix'],
    message: /05-.*\.ipynb is JSON but not a notebook \(no "cells" array\); hand in the notebook as Jupyter saved it/,
    edit: (f, nb) => (f.startsWith('05-') ? '{"nbformat": 4}' : nb),
  },
  {
    name: 'malformed-json',
    exercises: ['splitHeads', 'mergeHeads', 'multiHeadAttention'],
    message: /04-.*\.ipynb is not valid notebook JSON/,
    edit: (_f, nb) => (hasExercise(nb, 'splitHeads') ? JSON.stringify(nb).slice(0, 5000) : nb),
  },
];

const INTACT = '02';
/** The lesson a broken submission breaks, and lesson 02, which it leaves intact. */
const lessonsOf = (b: (typeof broken)[number]): string[] => [...new Set([...b.exercises.map((id) => exercises.find((e) => e.id === id)!.lesson), INTACT])];

let results: Map<string, SubmissionResult>;
let root: string;

beforeAll(async () => {
  root = tempDir('bad');
  // Each submission holds the lesson it breaks and one intact lesson: enough to show that the rest is
  // still graded, without a sandbox for every exercise of every broken submission.
  const subs = broken.map((b) => ({ student: b.name, path: writeSubmission(path.join(root, b.name), b.edit, lessonsOf(b)) }));
  fs.mkdirSync(path.join(root, 'empty'));
  subs.push({ student: 'empty', path: path.join(root, 'empty') });
  // The limit counts CPU seconds, which a loaded machine does not stretch much: 4 s stops the infinite loop
  // (which spends all of it) and leaves an honest exercise, which needs well under a second, and the memory
  // hogs room to reach their cap (touching new memory is slow on some VMs: a low cap stops them sooner;
  // honest exercises use under 100 MB).
  const graded = await gradeSubmissions(subs, { jobs: 2, timeoutSec: 4, memoryMb: 200 });
  results = new Map(graded.map((r) => [r.student, r]));
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('bad submissions', () => {
  it.each(broken.map((b) => [b.name, b] as const))('%s: fails with its message, every other exercise is still graded', (_name, b) => {
    const r = results.get(b.name)!;
    expect(r.exercises.map((e) => e.id)).toEqual(exercises.map((e) => e.id));
    const handedIn = lessonsOf(b);
    expect(r.exercises.filter((e) => e.lesson === INTACT).length).toBeGreaterThan(0);
    for (const e of r.exercises) {
      if (!handedIn.includes(e.lesson)) {
        expect(e.summary, e.id).toMatch(/is missing from the submission/);
      } else if (b.exercises.includes(e.id)) {
        expect(e.score, e.id).toBe(0);
        const text = [e.summary, ...e.cases.map((c) => c.message ?? '')].join('\n');
        expect(text).toMatch(b.message);
      } else {
        expect({ id: e.id, score: e.score }).toEqual({ id: e.id, score: e.maxScore });
      }
    }
  });

  it('a folder without notebooks fails every exercise, saying so', () => {
    const r = results.get('empty')!;
    expect(r.exercises.map((e) => [e.id, e.status, e.score])).toEqual(exercises.map((e) => [e.id, 'error', 0]));
    for (const e of r.exercises) expect(e.summary).toMatch(/^no notebooks in .*empty: hand in the lesson notebooks/);
  });
});
