// No shortcut to full marks: a cell that uses a finished function its spec forbids gets 0, caught
// statically on the cell's source and, with the static check bypassed, at run time by the modules
// the sandbox hands the cell. Honest cells (the notebook solutions, honest variants, every known
// mistake) are never flagged and run unchanged under the restrictions.
import * as path from 'node:path';
import * as core from '@attnlab/core';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mistakes } from '../src/authoring/mistakes/catalog';
import { defaultNotebooksDir, lessonNotebookFiles } from '../src/authoring/notebook-solutions';
import { runCellModule } from '../src/cell-module';
import { check } from '../src/check';
import { type Compiled, compileCells } from '../src/compile';
import { withDependencies } from '../src/dependencies';
import { evaluateExercise } from '../src/evaluate';
import { exerciseById, exercises } from '../src/exercises/catalog';
import type { ExerciseSpec } from '../src/exercises/spec';
import { type CaseRun, runCase } from '../src/invoke';
import { extractExercises, readNotebook } from '../src/notebook';
import { defaultReferenceDir, loadReferences } from '../src/references';
import { restrictedModule, restrictTensorMethods } from '../src/restrictions';
import { describeShortcuts, type Shortcut } from '../src/shortcut-report';
import { findShortcuts } from '../src/shortcuts';
import { mendTslab } from '../src/tslab-kernel';

const graderRoot = path.resolve(__dirname, '..');
const refs = loadReferences(defaultReferenceDir, { hidden: false });
const spec = (id: string): ExerciseSpec => exerciseById(id)!;

export interface ShortcutCell {
  name: string;
  exercise: string;
  source: string;
  /** what the static check names; absent where only the run-time restriction can see it */
  call?: string;
  /** what the run-time restriction names */
  runtimeCall: string;
  /** the shortcut gives the right answer: with the real modules it passes every public case */
  correct: boolean;
}

const fn = (exercise: string, body: string) => `${spec(exercise).signature} {\n${body}\n}`;

/** One shortcut per exercise (the finished version, or what contains it), and every disguise for softmax. */
export const shortcutCells: ShortcutCell[] = [
  {
    name: 'softmax: core.maskedSoftmax',
    exercise: 'softmax',
    source: fn('softmax', '  return core.maskedSoftmax(x);'),
    call: 'core.maskedSoftmax',
    runtimeCall: 'core.maskedSoftmax',
    correct: true,
  },
  { name: 'softmax: tf.softmax', exercise: 'softmax', source: fn('softmax', '  return tf.softmax(x);'), call: 'tf.softmax', runtimeCall: 'tf.softmax', correct: true },
  { name: 'softmax: the tensor method', exercise: 'softmax', source: fn('softmax', '  return x.softmax();'), call: 'Tensor.softmax', runtimeCall: 'Tensor.softmax', correct: true },
  {
    name: 'softmax: an alias of core',
    exercise: 'softmax',
    source: `const c = core;\n${fn('softmax', '  return c.maskedSoftmax(x);')}`,
    call: 'core.maskedSoftmax',
    runtimeCall: 'core.maskedSoftmax',
    correct: true,
  },
  {
    name: 'softmax: destructuring',
    exercise: 'softmax',
    source: `const { maskedSoftmax: m } = core;\n${fn('softmax', '  return m(x);')}`,
    call: 'core.maskedSoftmax',
    runtimeCall: 'core.maskedSoftmax',
    correct: true,
  },
  {
    name: 'softmax: a computed property',
    exercise: 'softmax',
    source: fn('softmax', "  return (core as any)['masked' + 'Softmax'](x);"),
    call: 'core.maskedSoftmax',
    runtimeCall: 'core.maskedSoftmax',
    correct: true,
  },
  {
    name: 'softmax: a name built at run time',
    exercise: 'softmax',
    source: fn('softmax', "  const name = ['masked', 'Softmax'].join('');\n  return (core as any)[name](x);"),
    call: 'core[…]',
    runtimeCall: 'core.maskedSoftmax',
    correct: true,
  },
  {
    name: 'softmax: require',
    exercise: 'softmax',
    source: fn('softmax', "  return require('@attnlab/core').maskedSoftmax(x);"),
    call: "require('@attnlab/core')",
    runtimeCall: 'core.maskedSoftmax',
    correct: true,
  },
  {
    name: 'softmax: a tensor method named at run time',
    exercise: 'softmax',
    source: fn('softmax', "  const method = ['soft', 'max'].join('');\n  return (x as any)[method]();"),
    runtimeCall: 'Tensor.softmax',
    correct: true,
  },
  {
    name: 'softmax: a softmax layer',
    exercise: 'softmax',
    source: fn('softmax', '  return tf.layers.softmax().apply(x) as tf.Tensor;'),
    call: 'tf.layers',
    runtimeCall: 'tf.layers',
    correct: false,
  },
  {
    name: "softmax: TF.js's Softmax kernel",
    exercise: 'softmax',
    source: fn('softmax', "  return tf.engine().runKernel('Softmax', { logits: x }, { dim: -1 }) as tf.Tensor;"),
    call: 'tf.engine',
    runtimeCall: 'tf.engine',
    correct: true,
  },
  {
    name: 'scaledDotProductAttention: core.scaledDotProductAttention',
    exercise: 'scaledDotProductAttention',
    source: fn('scaledDotProductAttention', '  return core.scaledDotProductAttention(q, k, v);'),
    call: 'core.scaledDotProductAttention',
    runtimeCall: 'core.scaledDotProductAttention',
    correct: true,
  },
  {
    name: 'additiveScores: through core.additiveAttention',
    exercise: 'additiveScores',
    source: fn('additiveScores', '  return core.additiveAttention(q, k, k, { Wq, Wk, wv }).weights.log();'),
    call: 'core.additiveAttention',
    runtimeCall: 'core.additiveAttention',
    correct: false,
  },
  {
    name: 'additiveAttention: core.additiveAttention',
    exercise: 'additiveAttention',
    source: fn('additiveAttention', '  return core.additiveAttention(q, k, v, { Wq, Wk, wv });'),
    call: 'core.additiveAttention',
    runtimeCall: 'core.additiveAttention',
    correct: true,
  },
  {
    name: 'paddingMask: core.paddingMask',
    exercise: 'paddingMask',
    source: fn('paddingMask', '  return core.paddingMask(validLens, lk);'),
    call: 'core.paddingMask',
    runtimeCall: 'core.paddingMask',
    correct: true,
  },
  {
    name: 'causalMask: core.causalMask',
    exercise: 'causalMask',
    source: fn('causalMask', '  return core.causalMask(l);'),
    call: 'core.causalMask',
    runtimeCall: 'core.causalMask',
    correct: true,
  },
  {
    name: 'maskedSoftmax: core.maskedSoftmax',
    exercise: 'maskedSoftmax',
    source: fn('maskedSoftmax', '  return core.maskedSoftmax(scores, mask);'),
    call: 'core.maskedSoftmax',
    runtimeCall: 'core.maskedSoftmax',
    correct: true,
  },
  {
    name: 'splitHeads: core.MultiHeadAttention',
    exercise: 'splitHeads',
    source: fn(
      'splitHeads',
      '  const layer = new core.MultiHeadAttention({ numHeads, modelDim: x.shape[2] });\n  const heads = layer.splitHeads(x);\n  layer.dispose();\n  return heads;',
    ),
    call: 'core.MultiHeadAttention',
    runtimeCall: 'core.MultiHeadAttention',
    correct: true,
  },
  {
    name: 'mergeHeads: core.MultiHeadAttention',
    exercise: 'mergeHeads',
    source: fn(
      'mergeHeads',
      '  const [, h, , d] = x.shape;\n  const layer = new core.MultiHeadAttention({ numHeads: h, modelDim: h * d });\n  const merged = layer.mergeHeads(x);\n  layer.dispose();\n  return merged;',
    ),
    call: 'core.MultiHeadAttention',
    runtimeCall: 'core.MultiHeadAttention',
    correct: true,
  },
  {
    name: 'multiHeadAttention: core.MultiHeadAttention',
    exercise: 'multiHeadAttention',
    source: fn('multiHeadAttention', '  const layer = new core.MultiHeadAttention({ numHeads, modelDim: query.shape[2] });\n  return layer.call(query, key, value, { mask });'),
    call: 'core.MultiHeadAttention',
    runtimeCall: 'core.MultiHeadAttention',
    correct: false,
  },
  {
    name: 'positionalEncoding: core.positionalEncoding',
    exercise: 'positionalEncoding',
    source: fn('positionalEncoding', '  return core.positionalEncoding(length, dim);'),
    call: 'core.positionalEncoding',
    runtimeCall: 'core.positionalEncoding',
    correct: true,
  },
  {
    name: 'shiftMatrix: through core.positionalEncoding',
    exercise: 'shiftMatrix',
    source: fn(
      'shiftMatrix',
      [
        '  const row = (core.positionalEncoding(k + 1, dim).arraySync() as number[][])[k];',
        '  const m = tf.buffer([dim, dim]);',
        '  for (let i = 0; 2 * i < dim; i++) {',
        '    const [s, c] = [row[2 * i], row[2 * i + 1]];',
        '    m.set(c, 2 * i, 2 * i);',
        '    m.set(-s, 2 * i, 2 * i + 1);',
        '    m.set(s, 2 * i + 1, 2 * i);',
        '    m.set(c, 2 * i + 1, 2 * i + 1);',
        '  }',
        '  return m.toTensor() as tf.Tensor2D;',
      ].join('\n'),
    ),
    call: 'core.positionalEncoding',
    runtimeCall: 'core.positionalEncoding',
    correct: false,
  },
];

/** Honest cells written another way than the notebook: only allowed tf ops, and the student's own dependencies. */
const honestCells: { exercise: string; source: string }[] = [
  { exercise: 'softmax', source: fn('softmax', '  return tf.tidy(() => tf.exp(x.sub(tf.logSumExp(x, -1, true))));') },
  {
    exercise: 'scaledDotProductAttention',
    source: fn(
      'scaledDotProductAttention',
      '  const w = tf.softmax(tf.matMul(q, k, false, true).div(Math.sqrt(k.shape[k.rank - 1])));\n  return { output: tf.matMul(w, v), weights: w };',
    ),
  },
  {
    exercise: 'causalMask',
    source: fn('causalMask', "  return tf.tidy(() => tf.range(0, l).expandDims(1).greaterEqual(tf.range(0, l).expandDims(0)).cast('float32')) as tf.Tensor2D;"),
  },
  {
    exercise: 'maskedSoftmax',
    source: fn(
      'maskedSoftmax',
      "  return tf.tidy(() => {\n    const keep = tf.broadcastTo(mask.notEqual(0), scores.shape);\n    const w = tf.softmax(tf.where(keep, scores, tf.fill(scores.shape, -1e30)));\n    return w.mul(keep.cast('float32')).mul(tf.any(keep, -1, true).cast('float32'));\n  });",
    ),
  },
  {
    exercise: 'positionalEncoding',
    source: `const base = 10000;\n${fn('positionalEncoding', '  return tf.tidy(() => { const p = tf.range(0, length).reshape([length, 1]); const i = tf.range(0, dim); const angle = p.div(tf.pow(base, i.sub(i.mod(2)).div(dim))); return tf.where(i.mod(2).equal(0), angle.sin(), angle.cos()) as tf.Tensor2D; });')}`,
  },
];

const notebookCells = extractExercises(lessonNotebookFiles(defaultNotebooksDir).map(readNotebook), exercises);
const solutionSource = (id: string): string => {
  const cell = notebookCells.get(id)!;
  if (!cell.ok) throw new Error(cell.error);
  const combined = withDependencies(spec(id), notebookCells);
  if (!combined.ok) throw new Error(combined.error);
  return combined.source;
};

const real: Record<string, object> = { '@tensorflow/tfjs': tf, '@attnlab/core': core };

/** Run a compiled cell on its exercise's public cases, with the real modules or with the ones the sandbox hands it. */
async function runCompiled(exercise: string, compiled: Compiled | undefined, modules: 'real' | 'restricted') {
  if (!compiled?.ok) throw new Error(`did not compile: ${compiled?.error}`);
  const s = spec(exercise);
  const used: Shortcut[] = [];
  const onUse = (u: Shortcut) => used.push(u);
  const requireModule = (name: string) => {
    if (name !== '@tensorflow/tfjs' && name !== '@attnlab/core') throw new Error(`no module ${name}`);
    return modules === 'real' ? real[name] : restrictedModule(s, name, real[name], { onUse });
  };
  const undo = modules === 'restricted' ? restrictTensorMethods(s, tf.Tensor.prototype, { onUse }) : () => undefined;
  const cases = refs.cases.filter((c) => c.exercise === exercise);
  const runs: CaseRun[] = [];
  try {
    const cellFn = runCellModule(compiled.js, requireModule);
    for (const c of cases) runs.push(await runCase(s, cellFn, c.inputs));
  } finally {
    undo();
  }
  return { runs, used, graded: evaluateExercise(s, cases, runs, refs.mistakes) };
}

let compiled: Map<string, Compiled>;

beforeAll(async () => {
  await tf.setBackend('cpu');
  compiled = compileCells(
    [
      ...shortcutCells.map((c) => ({ key: c.name, spec: spec(c.exercise), source: c.source })),
      ...exercises.map((e) => ({ key: `solution ${e.id}`, spec: e, source: solutionSource(e.id) })),
      ...honestCells.map((c, i) => ({ key: `honest ${i}`, spec: spec(c.exercise), source: c.source })),
    ],
    graderRoot,
  );
});

describe('static check', () => {
  it.each(shortcutCells.filter((c) => c.call).map((c) => [c.name, c] as const))('%s: caught, named, 0 points', (_, cell) => {
    const s = spec(cell.exercise);
    const found = findShortcuts(s, cell.source);
    expect(found.map((f) => f.call)).toContain(cell.call);
    const message = describeShortcuts(s, found);
    expect(message).toMatch(new RegExp(`^shortcut: ${cell.exercise} must be written with tf operations.*line \\d+ uses `));
    expect(message).toContain(cell.call!);
    expect(message).toMatch(/scores 0 points/);
  });

  it('names no empty list of forbidden functions for an exercise that forbids none', () => {
    const s = exercises.find((e) => e.forbidden.length === 0);
    expect(s, 'an exercise that forbids nothing').toBeDefined();
    const message = describeShortcuts(s!, findShortcuts(s!, `function ${s!.id}() { return require('fs'); }`));
    expect(message).toMatch(/require/);
    expect(message).toMatch(/A shortcut scores 0 points\.$/);
    expect(message).not.toMatch(/may not use/);
  });

  it.each(exercises.map((e) => [e.id]))('%s: the notebook solution (with the dependencies it calls) is not flagged', (id) => {
    expect(findShortcuts(spec(id), solutionSource(id))).toEqual([]);
  });

  it('honest variants and every known mistake are not flagged', () => {
    for (const c of honestCells) expect(findShortcuts(spec(c.exercise), c.source), c.source).toEqual([]);
    for (const m of mistakes) expect(findShortcuts(spec(m.exercise), m.source), m.id).toEqual([]);
  });

  it("names the line of each use and explains why, in the student's words", () => {
    const source = `function softmax(x: tf.Tensor): tf.Tensor {\n  const a = tf.softmax(x);\n  return core.maskedSoftmax(a);\n}`;
    const found = findShortcuts(spec('softmax'), source);
    expect(found).toEqual([
      { call: 'tf.softmax', line: 2, why: 'tf.softmax is the TF.js op this exercise asks you to write' },
      { call: 'core.maskedSoftmax', line: 3, why: 'core.maskedSoftmax contains a finished softmax' },
    ]);
    expect(findShortcuts(spec('causalMask'), fn('causalMask', '  return core.causalMask(l);'))[0].why).toBe('core.causalMask is the finished version of this exercise');
  });

  it('sees through the ways of hiding a module or a name', () => {
    const s = spec('maskedSoftmax');
    const caught = (body: string, prefix = '') => findShortcuts(s, prefix + fn('maskedSoftmax', body)).map((f) => f.call);
    expect(caught('  return (Object.values(core)[3] as any)(scores, mask);')).toContain('core');
    expect(caught("  return Reflect.get(core, 'maskedSoftmax')(scores, mask);")).toContain('core');
    expect(caught('  return ({ ...core } as any).maskedSoftmax(scores, mask);')).toContain('core');
    expect(caught("  return (core as any)[`masked${'Softmax'}`](scores, mask);")).toContain('core.maskedSoftmax');
    expect(caught('  return (core as any)[n](scores, mask);', "const n = 'masked' + 'Softmax';\n")).toContain('core.maskedSoftmax');
    expect(caught('  const f = (m: any) => m.maskedSoftmax;\n  return f(core)(scores, mask);')).toEqual(expect.arrayContaining(['core', 'core.maskedSoftmax']));
    expect(caught('  return maskedSoftmax(scores, mask);', "import { maskedSoftmax } from '@attnlab/core';\n")).toContain('core.maskedSoftmax');
    expect(caught('  return c.maskedSoftmax(scores, mask);', "import * as c from '@attnlab/core';\n")).toContain('core.maskedSoftmax');
    expect(caught("  return (await import('@attnlab/core') as any).maskedSoftmax(scores, mask);")).toContain('import(…)');
    expect(caught("  return eval('core.maskedSoftmax')(scores, mask);")).toContain('eval');
    expect(caught("  return new Function('return process')().mainModule.require('@attnlab/core').maskedSoftmax(scores, mask);")).toEqual(
      expect.arrayContaining(['Function', '.mainModule']),
    );
    expect(caught("  return (globalThis as any).process.mainModule.require('@attnlab/core').maskedSoftmax(scores, mask);")).toContain('globalThis');
    expect(caught('  class L extends core.MultiHeadAttention {}\n  return new L({ numHeads: 1, modelDim: 1 }).call(scores, scores, scores).weights;')).toContain(
      'core.MultiHeadAttention',
    );
  });

  it("reads tslab's compiled function text: the prelude as exports.tf / exports.core, the student's own functions as exports.<name>", () => {
    // what fn.toString() gives for a function defined in a tslab cell
    const tslab = (exercise: string, body: string) => findShortcuts(spec(exercise), `function ${exercise}(x) {\n    ${body}\n}`).map((f) => f.call);
    expect(tslab('softmax', 'return exports.core.maskedSoftmax(x);')).toEqual(['core.maskedSoftmax']);
    expect(tslab('softmax', 'return exports.tf.softmax(x);')).toEqual(['tf.softmax']);
    expect(tslab('softmax', 'return exports.c.maskedSoftmax(x);')).toEqual(['core.maskedSoftmax']);
    expect(tslab('softmax', 'return exports[name](x);')).toEqual(['exports[…]']);
    expect(tslab('softmax', 'return Object.values(exports)[0](x);')).toEqual(['exports']);
    expect(tslab('additiveAttention', 'return exports.additiveScores(x);')).toEqual([]);
    expect(tslab('multiHeadAttention', 'return exports.mergeHeads(exports.splitHeads(x, 2));')).toEqual([]);
    // what the notebook's names are, as check() reads them off the kernel
    const globals = { m: 'core.maskedSoftmax', c: 'core' };
    expect(findShortcuts(spec('softmax'), 'function softmax(x) {\n    return exports.m(x);\n}', { globals }).map((f) => f.call)).toEqual(['core.maskedSoftmax']);
    expect(findShortcuts(spec('softmax'), 'function softmax(x) {\n    return Object.values(exports.c)[0](x);\n}', { globals }).map((f) => f.call)).toEqual(['core']);
    // a local name is the function's own, whatever the notebook calls the same name
    expect(findShortcuts(spec('softmax'), 'function softmax(x) {\n    const [s, c] = [1, 2];\n    return x.mul(c).sub(s);\n}', { globals })).toEqual([]);
  });

  it('leaves building blocks alone: tf.softmax outside softmax, core.scaledDotProductAttention in multiHeadAttention, tf.linalg.bandPart', () => {
    expect(findShortcuts(spec('maskedSoftmax'), fn('maskedSoftmax', '  return tf.softmax(scores).mul(mask);'))).toEqual([]);
    expect(findShortcuts(spec('causalMask'), fn('causalMask', '  return tf.linalg.bandPart(tf.ones([l, l]), -1, 0) as tf.Tensor2D;'))).toEqual([]);
    expect(findShortcuts(spec('multiHeadAttention'), fn('multiHeadAttention', '  return core.scaledDotProductAttention(query, key, value, { mask });'))).toEqual([]);
  });
});

describe('run-time restriction, with the static check bypassed', () => {
  it.each(shortcutCells.map((c) => [c.name, c] as const))('%s: 0 points with the message, whatever the static check says', async (_, cell) => {
    const s = spec(cell.exercise);
    if (cell.correct) {
      // the shortcut is worth full marks with the real modules: the restriction is what stops it
      expect((await runCompiled(cell.exercise, compiled.get(cell.name), 'real')).graded.status).toBe('passed');
    }
    const { runs, used, graded } = await runCompiled(cell.exercise, compiled.get(cell.name), 'restricted');
    expect(graded.score).toBe(0);
    expect(used.map((u) => u.call)).toContain(cell.runtimeCall);
    const message = describeShortcuts(s, [used[0]]);
    expect(message).toMatch(new RegExp(`it called ${cell.runtimeCall.replace(/[.]/g, '\\.')}: `));
    for (const run of runs) expect('error' in run && run.error).toBe(`threw: ${message}`);
  });

  it.each(exercises.map((e) => [e.id]))('%s: the notebook solution passes under the restrictions and uses nothing forbidden', async (id) => {
    const { used, graded } = await runCompiled(id, compiled.get(`solution ${id}`), 'restricted');
    expect(used).toEqual([]);
    expect(graded.status).toBe('passed');
  });

  it('honest variants pass under the restrictions', async () => {
    for (const [i, c] of honestCells.entries()) {
      const { used, graded } = await runCompiled(c.exercise, compiled.get(`honest ${i}`), 'restricted');
      expect(used, c.source).toEqual([]);
      expect(graded.status, c.source).toBe('passed');
    }
  });

  it('reports a use the cell catches and hides', () => {
    const used: Shortcut[] = [];
    const c = restrictedModule(spec('softmax'), '@attnlab/core', core, { onUse: (u) => used.push(u) }) as typeof core;
    expect(() => c.maskedSoftmax(tf.zeros([2]))).toThrow(/shortcut: softmax must be written/);
    expect(used.map((u) => u.call)).toEqual(['core.maskedSoftmax']);
  });

  it('blocks classes, their static members, whole namespaces and the module behind `default`', () => {
    const s = spec('softmax');
    const c = restrictedModule(s, '@attnlab/core', core) as typeof core;
    expect(() => new c.MultiHeadAttention({ numHeads: 1, modelDim: 2 })).toThrow(/it called core\.MultiHeadAttention/);
    expect(() => c.MultiHeadAttention.fromPyTorch({}, 1)).toThrow(/it called core\.MultiHeadAttention/);
    const namespaceCopy = { ...tf, default: tf };
    const t = restrictedModule(s, '@tensorflow/tfjs', namespaceCopy) as typeof tf & { default: typeof tf };
    expect(() => t.layers.softmax()).toThrow(/it called tf\.layers/);
    expect(() => t.default.softmax(tf.zeros([2]))).toThrow(/it called tf\.softmax/);
    expect(() => t.losses.softmaxCrossEntropy(tf.zeros([2]), tf.zeros([2]))).toThrow(/it called tf\.losses\.softmaxCrossEntropy/);
    // what is allowed reads through to the real module
    expect(t.matMul).toBe(tf.matMul);
    expect(t.losses.meanSquaredError).toBe(tf.losses.meanSquaredError);
    expect(c.paddingMask).toBe(core.paddingMask);
    // an exercise that forbids nothing of a module gets it whole
    expect((restrictedModule(spec('causalMask'), '@tensorflow/tfjs', tf) as typeof tf).softmax).toBe(tf.softmax);
  });

  it('restores the tensor methods after the run', () => {
    const original = Object.getOwnPropertyDescriptor(tf.Tensor.prototype, 'softmax');
    const undo = restrictTensorMethods(spec('softmax'), tf.Tensor.prototype);
    expect(() => tf.tensor([1, 2]).softmax()).toThrow(/it called Tensor\.softmax: x\.softmax\(\) is the TF\.js op this exercise asks you to write/);
    undo();
    expect(Object.getOwnPropertyDescriptor(tf.Tensor.prototype, 'softmax')).toEqual(original);
    expect(Array.from(tf.tensor([0, 0]).softmax().dataSync())).toEqual([0.5, 0.5]);
  });
});

/** A real tslab kernel's executor in this process: cells compile to `exports.<name>` as in a notebook. */
interface Kernel {
  execute(src: string): Promise<boolean>;
  locals: Record<string, unknown>;
  close(): void;
}

describe('the same verdict in the notebook check (a real tslab kernel) and in the grader', () => {
  let kernel: Kernel;

  beforeAll(async () => {
    // The course's kernel, mended (src/tslab-kernel.ts): a plain one fails when other tests touch node_modules.
    mendTslab(graderRoot);
    const { createExecutor } = require('tslab/dist/executor') as { createExecutor: (root: string, convs: object, out: Console) => Kernel };
    const { createConverter } = require('tslab/dist/converter') as { createConverter: (o?: object) => { close(): void } };
    const node = createConverter();
    kernel = createExecutor(graderRoot, { node, browser: node, close: () => node.close() }, console);
    expect(await kernel.execute("import * as tf from '@tensorflow/tfjs';\nimport * as core from '@attnlab/core';")).toBe(true);
  });

  afterAll(() => {
    kernel?.close();
    // the executor publishes its notebook scope on globalThis; later test files in this worker are not in a notebook
    delete (globalThis as { __tslab__?: unknown }).__tslab__;
  });

  /** The grader's verdict: the static check on the cell, else the run with the sandbox's modules. */
  async function graderVerdict(cell: ShortcutCell) {
    const s = spec(cell.exercise);
    const found = findShortcuts(s, cell.source);
    if (found.length > 0) return { score: 0, message: describeShortcuts(s, found) };
    const { used, graded } = await runCompiled(cell.exercise, compiled.get(cell.name), 'restricted');
    return { score: graded.score, message: describeShortcuts(s, used) };
  }

  /** Line numbers are the cell's in the grader and the function's in the notebook: compare the rest. */
  const withoutLines = (text: string) => text.replace(/line \d+ uses|it called/g, 'uses');

  it.each(shortcutCells.map((c) => [c.name, c] as const))('%s', async (_, cell) => {
    expect(await kernel.execute(cell.source), cell.source).toBe(true);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = await check(cell.exercise, kernel.locals[cell.exercise]);
    const printed = log.mock.calls.map((c) => c.join(' ')).join('\n');
    log.mockRestore();
    const grader = await graderVerdict(cell);
    expect(grader.score).toBe(0);
    expect(result.score).toBe(0);
    expect(printed.split('\n')[0]).toBe(`✘ ${cell.exercise}: 0/10 points`);
    expect(withoutLines(printed)).toContain(withoutLines(grader.message).split('\n').join('\n  '));
    // the notebook's names are the real modules again after the check
    expect((kernel.locals.core as typeof core).maskedSoftmax).toBe(core.maskedSoftmax);
    expect(Object.getOwnPropertyDescriptor(tf.Tensor.prototype, 'softmax')?.value).toBeTypeOf('function');
  });

  it("catches at run time what the function's text hides, through the notebook's own tf and core", async () => {
    // a bound function's text is "[native code]": only the restricted modules can see what it calls
    expect(await kernel.execute('const softmax = ((x: tf.Tensor) => core.maskedSoftmax(x)).bind(null);')).toBe(true);
    expect(findShortcuts(spec('softmax'), Function.prototype.toString.call(kernel.locals.softmax))).toEqual([]);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect((await check('softmax', kernel.locals.softmax)).score).toBe(0);
    expect(log.mock.calls.flat().join('\n')).toContain(
      describeShortcuts(spec('softmax'), [{ call: 'core.maskedSoftmax', line: 0, why: 'core.maskedSoftmax contains a finished softmax' }]).split('\n')[0],
    );
    log.mockRestore();
    expect((kernel.locals.core as typeof core).maskedSoftmax).toBe(core.maskedSoftmax);
  });

  it('passing the finished function itself is a shortcut too', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect((await check('softmax', tf.softmax)).score).toBe(0);
    expect((await check('causalMask', core.causalMask)).score).toBe(0);
    expect(log.mock.calls.map((c) => c.join(' ')).join('\n')).toMatch(/it called core\.causalMask: core\.causalMask is the finished version of this exercise/);
    log.mockRestore();
  });

  it("checks the student's own dependencies too, and says when a failure may come from one", async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const cells = [
      fn('additiveScores', '  return core.additiveAttention(q, k, k, { Wq, Wk, wv }).weights;'),
      fn('additiveAttention', '  const weights = tf.softmax(additiveScores(q, k, Wq, Wk, wv));\n  return { output: tf.matMul(weights, v), weights };'),
    ];
    for (const c of cells) expect(await kernel.execute(c)).toBe(true);
    expect((await check('additiveAttention', kernel.locals.additiveAttention)).score).toBe(0);
    expect(log.mock.calls.flat().join('\n')).toMatch(/uses core\.additiveAttention/);
    log.mockClear();
    // an honest but wrong additiveScores: additiveAttention fails, and the note says where to look
    expect(await kernel.execute(fn('additiveScores', '  return tf.matMul(q, Wq).expandDims(-2).add(tf.matMul(k, Wk).expandDims(-3)).mul(wv).sum(-1);'))).toBe(true);
    expect((await check('additiveAttention', kernel.locals.additiveAttention)).passed).toBe(false);
    expect(log.mock.calls.flat().join('\n')).toMatch(/additiveAttention calls your additiveScores, which fails \d+ of \d+ cases: fix additiveScores first/);
    log.mockRestore();
  });
});
