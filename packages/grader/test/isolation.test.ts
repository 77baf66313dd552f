// One class run mixing an honest student, shortcut answers, a broken notebook and saboteurs,
// each attack aimed at one of the grader's guarantees. A cell cannot reach the process (its realm: cell-realm.ts), so these
// attack through what a cell does have: code from strings, TF.js and its tensors, the shared
// built-ins, its own memory and its own errors. (The operating-system wall behind the realm is
// attacked in sandbox-wall.test.ts.) The run must finish, every student gets a row and a
// report, the honest student keeps full marks, a saboteur loses only the cells it broke, no
// shortcut is smuggled from one exercise to another, and nothing a cell printed or read from
// a hidden case reaches any output.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exercises } from '../src/exercises/catalog';
import { defaultReferenceDir, loadReferences } from '../src/references';
import type { GradescopeResults } from '../src/reports/gradescope';
import { type CliRun, runCli } from './helpers/cli';
import { sourceText } from '../src/notebook';
import { fullMarks, pointsOf, tempDir, unchecked, withCell, writeSubmission } from './helpers/submissions';

const PRINTED = 'PRINTED_BY_THE_CELL';
const LEAK = 'LEAKED_HIDDEN_INPUT';
const MEMORY_MB = 400;

const refs = loadReferences(defaultReferenceDir, { hidden: true });
const publicCount = (id: string) => refs.cases.filter((c) => c.exercise === id && c.visibility === 'public').length;
const caseCount = (id: string) => refs.cases.filter((c) => c.exercise === id).length;
const points = (id: string) => exercises.find((e) => e.id === id)!.points;

/** Records each attempt as "name: ALLOWED" or "name: <why it failed>". */
const attempts = `const probes: string[] = [];
const attempt = (name: string, f: () => unknown) => { try { const got = f(); probes.push(name + (got === undefined ? ': ALLOWED (nothing)' : ': REACHED')); } catch (e) { probes.push(name + ': ' + ((e as any).code ?? (e as Error).message)); } };
`;
const C = unchecked('constructor');
const P = unchecked('return process');

/** Every way out of the cell's realm to the process that we know: each must fail. */
const escaper = `// @ts-ignore: the cell module's own arguments (exports, require, module)
const moduleArgs: any = arguments;
${attempts}
attempt('own function', () => ((() => 0) as any)[${C}](${P})());
attempt('own async function', () => ((async () => 0) as any)[${C}](${P}));
attempt('own generator', () => ((function* () { yield 0; }) as any)[${C}](${P}));
attempt('TF.js function', () => (tf.add as any)[${C}](${P})());
attempt('tensor prototype chain', () => Object.getPrototypeOf(tf.zeros([1]))[${C}][${C}](${P})());
attempt('module object', () => moduleArgs[2][${C}][${C}](${P})());
attempt('require function', () => moduleArgs[1][${C}](${P})());
attempt('require fs', () => moduleArgs[1]('fs'));
attempt('tf.env().global', () => (tf as any).env().global);
attempt('tf.engine()', () => (tf as any).engine());
attempt('tf.backend()', () => (tf as any).backend());
attempt('core.initBackend', () => (core as any).initBackend('cpu'));
function splitHeads(x: tf.Tensor, numHeads: number): tf.Tensor {
  throw new Error('escapes: ' + probes.join(' | '));
}
`;

/**
 * Tries to change what the exercises share (TF.js, core, the process's built-ins as TF.js hands
 * them out), to break the exercises after it or stash a finished function there; and changes its
 * own realm's built-ins, which it may, since no other exercise sees them.
 */
const tamperer = `${attempts}
const shared: [string, () => any][] = [
  ['tf.add', () => tf.add],
  ['tf.Tensor', () => tf.Tensor],
  ['tensor prototype', () => Object.getPrototypeOf(tf.zeros([1]))],
  ['shared Array prototype', () => Object.getPrototypeOf(tf.zeros([2]).arraySync())],
  ['shared Object prototype', () => Object.getPrototypeOf(tf.memory())],
  ['core.causalMask', () => core.causalMask],
];
for (const [name, place] of shared) attempt(name, () => { (place() as any).__stash = core.scaledDotProductAttention; return (place() as any).__stash === undefined ? undefined : 1; });
attempt('tensor reshape', () => { (Object.getPrototypeOf(tf.zeros([1])) as any).reshape = () => { throw new Error('CARRIED_OVER'); }; return 1; });
attempt('tf.matMul', () => { (tf.matMul as any).call = () => { throw new Error('CARRIED_OVER'); }; return 1; });
const own: string[] = [];
(Math as any).sqrt = () => Number.NaN;
(Math as any).__stash = core.scaledDotProductAttention;
(Array.prototype as any).__stash = core.scaledDotProductAttention;
own.push('own Math.sqrt: ' + (Number.isNaN(Math.sqrt(4)) ? 'CHANGED' : 'unchanged'));
Promise.reject(new Error('CARRIED_OVER floating'));
function additiveAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, Wq: tf.Tensor, Wk: tf.Tensor, wv: tf.Tensor): { output: tf.Tensor; weights: tf.Tensor } {
  throw new Error('tampering: ' + probes.join(' | ') + ' || ' + own.join(' | '));
}
`;

/** Where a smuggled function could wait for a later exercise (what the tamperer tried to write). */
const stashed = (key: string) =>
  `[Math, Array.prototype, tf.add, tf.Tensor, Object.getPrototypeOf(tf.zeros([1])), Object.getPrototypeOf(tf.zeros([2]).arraySync()), Object.getPrototypeOf(tf.memory()), core.causalMask].map((p: any) => p.${key}).find((f) => typeof f === 'function')`;

/** Put before the instructor's paddingMask: leaves core's finished functions wherever it can for the exercises after it. */
const smuggling = `for (const place of [Math, Array.prototype, tf.add, tf.Tensor, Object.getPrototypeOf(tf.zeros([1])), Object.getPrototypeOf(tf.zeros([2]).arraySync()), Object.getPrototypeOf(tf.memory()), core.causalMask] as any[]) {
  try { place.__stash = (q: tf.Tensor, k: tf.Tensor, v: tf.Tensor) => core.scaledDotProductAttention(q, k, v); } catch { /* frozen */ }
  try { place.__stashSoftmax = (s: tf.Tensor, m?: tf.Tensor) => core.maskedSoftmax(s, m); } catch { /* frozen */ }
}
`;

/** scaledDotProductAttention by the smuggled function: it would pass the hidden cases (run after paddingMask loaded) if the stash survived. */
const sdpaReceiver = `function scaledDotProductAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor): { output: tf.Tensor; weights: tf.Tensor } {
  const stash: any = ${stashed('__stash')};
  if (!stash) throw new Error('NO_STASH');
  return stash(q, k, v);
}
`;

/** maskedSoftmax by the smuggled function: its public cases run after paddingMask loaded. */
const softmaxReceiver = `function maskedSoftmax(scores: tf.Tensor, mask?: tf.Tensor): tf.Tensor {
  const stash: any = ${stashed('__stashSoftmax')};
  if (!stash) throw new Error('NO_STASH');
  return stash(scores, mask);
}
`;

/** Honest on its public cases; on the hidden ones (any other input), tries to show what it sees: printed, thrown, and by crashing. */
const leaker = (publicInputs: unknown[]) => `let leaks = 0;
function causalMask(l: number): tf.Tensor2D {
  console.log('${PRINTED} ' + l);
  console.error('${PRINTED} ' + l);
  if (!${JSON.stringify(publicInputs)}.includes(l)) {
    if (leaks++ === 0) throw new Error('${LEAK} ' + l);
    const kept: number[][] = [];
    for (;;) kept.push(new Array(1 << 16).fill(l));
  }
  const rows: number[][] = [];
  for (let i = 0; i < l; i++) rows.push(Array.from({ length: l }, (_, j) => (j <= i ? 1 : 0)));
  return tf.tensor2d(rows, [l, l]);
}
`;

/** Memory: far more than the cap, in typed arrays outside V8's heap limit (the resident-memory watchdog). */
const hog = `function multiHeadAttention(query: tf.Tensor, key: tf.Tensor, value: tf.Tensor, params: any, numHeads: number, mask?: tf.Tensor): { output: tf.Tensor; weights: tf.Tensor } {
  const kept: Float64Array[] = [];
  for (let i = 0; i < 40; i++) kept.push(new Float64Array(16 * 1024 * 1024).fill(i));
  throw new Error('kept ' + kept.length);
}
`;

/** The JavaScript heap exhausted: V8 ends the whole process, and the exercises after it go on in a new one. */
const crasher = `function additiveScores(q: tf.Tensor, k: tf.Tensor, Wq: tf.Tensor, Wk: tf.Tensor, wv: tf.Tensor): tf.Tensor {
  const kept: number[][] = [];
  for (;;) kept.push(new Array(1 << 16).fill(1));
}
`;

/** An error message of 280 MB. */
const shouter = `function positionalEncoding(length: number, dim: number): tf.Tensor2D {
  throw new Error('x'.repeat(280 * 1000 * 1000));
}
`;

/** Sleeps without using the CPU, so the CPU-time limit never fires: the wall-clock backstop must stop it. */
const sleeper = `function shiftMatrix(k: number, dim: number): tf.Tensor2D {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  return tf.eye(dim) as tf.Tensor2D;
}
`;

/** 203 bytes of types that drive the type checker out of memory. */
const typeBomb = `type D = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';
type S = \`\${D}\${D}\${D}\${D}\`;
declare const big: { [K in S]: { [J in S]: [K, J] } };
const copy: { [K in S]: { [J in S]: [K, J] | 0 } } = big;
function softmax(x: tf.Tensor): tf.Tensor {
  return x;
}
`;

/** Brackets nested 1000 deep: a stack overflow in TypeScript's parser. */
const deepNest = `function causalMask(l: number): tf.Tensor2D {
  const x = ${'['.repeat(1000)}1${']'.repeat(1000)};
  return tf.zeros([l, l]) as tf.Tensor2D;
}
`;

/** mallory's cells (an edit of the instructor's cell source); paddingMask is honest apart from what it leaves behind, and keeps its marks. */
const mallorysCells = (): Record<string, (source: string) => string> => ({
  splitHeads: () => escaper,
  scaledDotProductAttention: () => sdpaReceiver,
  additiveScores: () => crasher,
  additiveAttention: () => tamperer,
  paddingMask: (source) => smuggling + source,
  causalMask: () => leaker(refs.cases.filter((c) => c.exercise === 'causalMask' && c.visibility === 'public').map((c) => c.inputs.l)),
  maskedSoftmax: () => softmaxReceiver,
  multiHeadAttention: () => hog,
  positionalEncoding: () => shouter,
  shiftMatrix: () => sleeper,
});
const attacked = Object.keys(mallorysCells()).filter((id) => id !== 'paddingMask');

describe('one class run: honest, shortcuts, a broken notebook, saboteurs', () => {
  let root: string;
  let out: string;
  let run: CliRun;
  let mallory: GradescopeResults;

  const testsOf = (report: GradescopeResults, id: string) => report.tests.filter((t) => t.name.startsWith(`${id}:`));
  const scoreOf = (report: GradescopeResults, id: string) => testsOf(report, id).reduce((a, t) => a + t.score, 0);
  const outputOf = (report: GradescopeResults, id: string) =>
    testsOf(report, id)
      .map((t) => t.output ?? '')
      .join('\n');
  const everything = () => {
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(d, e.name));
        else files.push(path.join(d, e.name));
      }
    };
    walk(out);
    return [run.stdout, run.stderr, ...files.map((f) => fs.readFileSync(f, 'utf8'))].join('\n');
  };

  beforeAll(async () => {
    root = tempDir('isolation');
    out = path.join(root, 'out');
    const classDir = path.join(root, 'class');
    writeSubmission(path.join(classDir, 'honest'), undefined, ['02']); // one lesson is enough to keep its marks
    writeSubmission(path.join(classDir, 'mallory'), (_f, nb) => {
      for (const cell of nb.cells) {
        const edit = mallorysCells()[cell.metadata?.attnlab?.exercise ?? ''];
        if (edit) cell.source = edit(sourceText(cell.source));
      }
      return nb;
    });
    // the finished library's answers for two exercises, honest work elsewhere in lessons 01 and 03
    writeSubmission(
      path.join(classDir, 'shortcut'),
      (_f, nb) =>
        withCell(
          withCell(
            nb,
            'scaledDotProductAttention',
            'function scaledDotProductAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor) {\n  return core.scaledDotProductAttention(q, k, v);\n}\n',
          ),
          'causalMask',
          'function causalMask(l: number): tf.Tensor2D {\n  return core.causalMask(l);\n}\n',
        ),
      ['01', '03'],
    );
    // lesson 01 is not JSON (a merge gone wrong), lesson 03 is fine
    writeSubmission(path.join(classDir, 'broken'), (f, nb) => (f.startsWith('01') ? '{"cells": [<<<<<<< HEAD' : nb), ['01', '03']);
    writeSubmission(path.join(classDir, 'typebomb'), (_f, nb) => withCell(nb, 'softmax', typeBomb));
    writeSubmission(path.join(classDir, 'deepnest'), (_f, nb) => withCell(nb, 'causalMask', deepNest));
    // A limit of 4 CPU s (honest exercises need well under one) lets the wall-clock backstop stop the sleeper
    // after 24 s instead of the default's minute.
    run = await runCli([classDir, '--out', out, '--jobs', '2', '--memory', String(MEMORY_MB), '--timeout', '4'], { cwd: root });
    mallory = JSON.parse(fs.readFileSync(path.join(out, 'mallory', 'results.json'), 'utf8')) as GradescopeResults;
  });

  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('finishes with a row and a report for every student; the honest one keeps its marks', () => {
    const gradebook = fs.readFileSync(path.join(out, 'gradebook.csv'), 'utf8').trim().split('\n');
    expect(gradebook).toHaveLength(7);
    const lesson02 = pointsOf((e) => e.lesson === '02');
    expect(gradebook.find((l) => l.startsWith('honest,'))).toMatch(new RegExp(`^honest,${lesson02},${fullMarks},`));
    for (const student of ['honest', 'mallory', 'shortcut', 'broken', 'typebomb', 'deepnest']) {
      const file = path.join(out, student, 'results.json');
      expect(fs.existsSync(file), file).toBe(true);
      expect(fs.statSync(file).size).toBeLessThan(1_000_000); // not the 280 MB message
      expect(fs.existsSync(path.join(out, student, 'feedback.md')), student).toBe(true);
    }
  });

  it('gives the shortcut answers 0, saying which finished function they called, and the honest work beside them its marks', () => {
    const report = JSON.parse(fs.readFileSync(path.join(out, 'shortcut', 'results.json'), 'utf8')) as GradescopeResults;
    for (const [id, call] of [
      ['scaledDotProductAttention', 'core.scaledDotProductAttention'],
      ['causalMask', 'core.causalMask'],
    ]) {
      expect(scoreOf(report, id), id).toBe(0);
      expect(outputOf(report, id)).toContain(`uses ${call}`);
    }
    const honestWork = pointsOf((e) => ['01', '03'].includes(e.lesson) && !['scaledDotProductAttention', 'causalMask'].includes(e.id));
    expect(report.score).toBeCloseTo(honestWork, 1);
  });

  it("fails only a broken notebook's exercises, naming the file", () => {
    const report = JSON.parse(fs.readFileSync(path.join(out, 'broken', 'results.json'), 'utf8')) as GradescopeResults;
    for (const e of exercises.filter((x) => x.lesson === '01')) {
      expect(scoreOf(report, e.id), e.id).toBe(0);
      expect(outputOf(report, e.id)).toMatch(/01-scaled-dot-product\.ipynb/);
    }
    expect(report.score).toBeCloseTo(
      pointsOf((e) => e.lesson === '03'),
      1,
    );
  });

  it('loses only the cells the saboteur broke: nothing it changed or left behind reaches its other exercises', () => {
    for (const e of exercises.filter((x) => !attacked.includes(x.id))) expect(scoreOf(mallory, e.id), e.id).toBeCloseTo(e.points, 1);
    for (const id of attacked.filter((x) => x !== 'causalMask')) expect(scoreOf(mallory, id), id).toBe(0);
    expect(everything()).not.toMatch(/CARRIED_OVER/);
  });

  it('keeps every cell in its realm: no route from a cell reaches the process', () => {
    const probes = outputOf(mallory, 'splitHeads');
    expect(probes).toMatch(/escapes: /);
    expect(probes).not.toMatch(/REACHED|ALLOWED/);
    for (const route of ['own function', 'own async function', 'own generator', 'TF.js function', 'tensor prototype chain', 'module object', 'require function']) {
      expect(probes, route).toMatch(new RegExp(`${route}: Code generation from strings disallowed`));
    }
    expect(probes).toMatch(/require fs: exercise cells may import only @tensorflow\/tfjs and @attnlab\/core/);
    for (const withheld of ['tf.env', 'tf.engine', 'tf.backend', 'core.initBackend'])
      expect(probes, withheld).toMatch(new RegExp(`${withheld} is not available to exercise cells`));
  });

  it('keeps what the exercises share unchangeable, so no finished function is smuggled into a later exercise', () => {
    const tampering = outputOf(mallory, 'additiveAttention');
    expect(tampering).toMatch(/tampering: /);
    expect(tampering).not.toMatch(/REACHED|ALLOWED/);
    for (const place of ['tf.add', 'tf.Tensor', 'tensor prototype', 'shared Array prototype', 'shared Object prototype', 'core.causalMask', 'tensor reshape', 'tf.matMul']) {
      expect(tampering, place).toMatch(new RegExp(`${place}: Cannot (add|assign to read only|define) property`));
    }
    // its own realm's built-ins it did change, and no other exercise (all of them honest but the attacked) noticed: see the test above
    expect(tampering).toMatch(/own Math.sqrt: CHANGED/);
    // the smuggler left core's functions wherever it could before scaledDotProductAttention's hidden cases and maskedSoftmax's cases ran
    expect(scoreOf(mallory, 'paddingMask'), outputOf(mallory, 'paddingMask')).toBeCloseTo(points('paddingMask'), 1);
    for (const id of ['scaledDotProductAttention', 'maskedSoftmax']) {
      expect(
        testsOf(mallory, id).every((t) => t.score === 0),
        id,
      ).toBe(true);
      expect(outputOf(mallory, id), id).toMatch(/NO_STASH/);
    }
  });

  it('shows nothing of the hidden cases: not what the cell printed, threw or crashed with', () => {
    const causal = testsOf(mallory, 'causalMask');
    const publicShare = (points('causalMask') * publicCount('causalMask')) / caseCount('causalMask');
    expect(scoreOf(mallory, 'causalMask')).toBeCloseTo(publicShare, 1); // the public results stand
    expect(causal.find((t) => /hidden/.test(t.name))!.score).toBe(0);
    const all = everything();
    expect(all).not.toContain(PRINTED);
    expect(all).not.toContain(LEAK);
  });

  it('stops a cell over the memory cap, one that exhausts the heap (the rest go on in a new process), and one that throws a 280 MB message', () => {
    expect(outputOf(mallory, 'multiHeadAttention')).toMatch(new RegExp(`more than ${MEMORY_MB} MB|ran out of memory`));
    expect(outputOf(mallory, 'additiveScores')).toMatch(new RegExp(`ran out of memory \\(limit ${MEMORY_MB} MB\\) while running additiveScores|more than ${MEMORY_MB} MB`));
    expect(outputOf(mallory, 'positionalEncoding').length).toBeLessThan(50_000);
  });

  it('stops a cell that sleeps without using the CPU, by the wall-clock backstop, and goes on with the next exercise', () => {
    expect(outputOf(mallory, 'shiftMatrix')).toMatch(/took longer than \d+ s \(waiting, an infinite loop, or far too much work\?\) and was stopped/);
    expect(scoreOf(mallory, 'attentionPooling')).toBeCloseTo(points('attentionPooling'), 1);
  });

  it('fails only the submission whose cells overflow the parser or exhaust the type checker', () => {
    for (const student of ['typebomb', 'deepnest']) {
      const report = JSON.parse(fs.readFileSync(path.join(out, student, 'results.json'), 'utf8')) as GradescopeResults;
      expect(report.score, student).toBe(0);
      expect(report.tests.map((t) => t.output).join('\n'), student).toMatch(/could not be graded: /);
    }
    expect(mallory.tests.map((t) => t.output).join('\n')).not.toMatch(/could not be graded/);
  });
});
