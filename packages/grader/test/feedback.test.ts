// Feedback people read: plain hints for the runtime errors students meet most (each from a real
// failing function run through runCase), and hidden cases that stay hidden in every report a
// student sees, while public cases keep their detail.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mistakes } from '../src/authoring/mistakes/catalog';
import { exerciseById, exercises } from '../src/exercises/catalog';
import { caseDetail } from '../src/feedback';
import { runCase } from '../src/invoke';
import { loadReferences, type ReferenceCase } from '../src/references';
import { hintsFor, RUNTIME_HINTS } from '../src/runtime-hints';
import { type CliRun, runCli } from './helpers/cli';
import { tempDir, withCell, writeSubmission } from './helpers/submissions';

const refs = loadReferences();
const publicCase = (exercise: string, pick: (c: ReferenceCase) => boolean = () => true) => refs.cases.find((c) => c.exercise === exercise && c.visibility === 'public' && pick(c))!;

async function errorOf(exercise: string, fn: unknown, c = publicCase(exercise)): Promise<string> {
  const run = await runCase(exerciseById(exercise)!, fn, c.inputs);
  expect('error' in run, JSON.stringify(run)).toBe(true);
  return 'error' in run ? run.error : '';
}

describe('runtime hints', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('a tensor that tf.tidy already disposed', async () => {
    const softmax = (x: tf.Tensor) => {
      let out: tf.Tensor | undefined;
      tf.tidy(() => {
        out = tf.softmax(x);
      });
      return out;
    };
    expect(hintsFor(await errorOf('softmax', softmax))).toEqual([RUNTIME_HINTS.disposed]);
  });

  it('a function that returns a Promise', async () => {
    const softmax = async (x: tf.Tensor) => tf.softmax(x);
    expect(hintsFor(await errorOf('softmax', softmax))).toEqual([RUNTIME_HINTS.promise]);
  });

  it('a Promise left to reject, blamed on this case and not a later one', async () => {
    const softmax = (x: tf.Tensor) => {
      void Promise.reject(new Error('later'));
      return tf.softmax(x);
    };
    const message = await errorOf('softmax', softmax);
    expect(hintsFor(message)).toEqual([RUNTIME_HINTS.floatingRejection]);
    const next = await runCase(exerciseById('softmax')!, (x: tf.Tensor) => tf.softmax(x), publicCase('softmax').inputs);
    expect(next).toHaveProperty('outputs');
  });

  it('a max over the last axis without keepDims', async () => {
    const softmax = (x: tf.Tensor) => {
      const e = tf.exp(tf.sub(x, tf.max(x, -1)));
      return tf.div(e, tf.sum(e, -1, true));
    };
    expect(hintsFor(await errorOf('softmax', softmax))).toEqual([RUNTIME_HINTS.keepDims]);
  });

  const attention = (q: tf.Tensor, k: tf.Tensor, v: tf.Tensor) => {
    const weights = tf.softmax(tf.div(tf.matMul(q, tf.transpose(k)), Math.sqrt(q.shape[q.shape.length - 1]!)));
    return { output: tf.matMul(weights, v), weights };
  };

  it('tf.transpose(k) on a batch whose batch dimensions then do not broadcast', async () => {
    const batch = publicCase('scaledDotProductAttention', (c) => c.name.startsWith('batch'));
    expect(hintsFor(await errorOf('scaledDotProductAttention', attention, batch))).toEqual([RUNTIME_HINTS.transposeBatch]);
  });

  it('tf.transpose(k) on a batch of one, where the inner shapes then differ', async () => {
    const batchOfOne = () => attention(tf.randomNormal([1, 4, 8]), tf.randomNormal([1, 6, 8]), tf.randomNormal([1, 6, 5]));
    expect(hintsFor(await errorOf('scaledDotProductAttention', batchOfOne))).toEqual([RUNTIME_HINTS.transposeBatch]);
  });

  it('an unrelated error gets no hint, and a hidden case shows the hint but never the message', () => {
    expect(hintsFor('threw: boom')).toEqual([]);
    const detail = caseDetail({ name: 'secret 12.345', visibility: 'hidden', passed: false, points: 0, maxPoints: 5, message: 'threw: Tensor is disposed. 12.345' });
    expect(detail).toContain(RUNTIME_HINTS.disposed);
    expect(detail).not.toContain('12.345');
  });
});

/** Numbers as code prints them in full; digits enough that no public number or count matches by chance. */
function fullRenderings(x: number): string[] {
  return Number.isFinite(x) && String(x).replace(/[^\d]/g, '').length >= 8 ? [String(x)] : [];
}

/** describeMismatch's rounding of an expected or actual value. */
function rounded(x: number): string {
  return Math.abs(x) !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e4) ? x.toExponential(3) : Number(x.toPrecision(5)).toString();
}

function numbersIn(value: unknown, render: (x: number) => string[], into = new Set<string>()): Set<string> {
  if (typeof value === 'number') for (const r of render(value)) into.add(r);
  else if (Array.isArray(value)) for (const v of value) numbersIn(v, render, into);
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) numbersIn(v, render, into);
  return into;
}

describe('hidden cases stay hidden in every report', () => {
  let root: string;
  let run: CliRun;
  let outputs: Record<string, string>;
  const hidden = refs.cases.filter((c) => c.visibility === 'hidden');
  // for each exercise but softmax, a known mistake that fails one of its hidden cases
  const wrong = exercises
    .filter((e) => e.id !== 'softmax')
    .map((e) => mistakes.find((m) => m.exercise === e.id && hidden.some((c) => c.exercise === e.id && m.id in c.mistakes)))
    .filter((m): m is (typeof mistakes)[number] => m !== undefined);

  beforeAll(async () => {
    root = tempDir('hidden');
    // softmax prints and throws its input values
    const leaky = `function softmax(x: tf.Tensor): tf.Tensor {\n  const values = Array.from(x.dataSync()).join(', ');\n  console.log(values);\n  console.error(values);\n  throw new Error('inputs: ' + values);\n}\n`;
    const sub = writeSubmission(path.join(root, 'mallory'), (_f, nb) => wrong.reduce((acc, m) => withCell(acc, m.exercise, m.source), withCell(nb, 'softmax', leaky)));
    const out = path.join(root, 'out');
    const files = { results: path.join(root, 'results.json'), junit: path.join(root, 'junit.xml'), classroom: path.join(root, 'classroom.json') };
    run = await runCli([sub, '--out', out, '--results', files.results, '--junit', files.junit, '--classroom', files.classroom], {
      cwd: root,
      env: { ...process.env, GITHUB_OUTPUT: path.join(root, 'github_output') },
    });
    const githubOutput = fs
      .readFileSync(path.join(root, 'github_output'), 'utf8')
      .trim()
      .replace(/^result=/, '');
    outputs = {
      console: run.stdout + run.stderr,
      'results.json': fs.readFileSync(files.results, 'utf8'),
      'junit.xml': fs.readFileSync(files.junit, 'utf8'),
      'classroom.json': fs.readFileSync(files.classroom, 'utf8'),
      GITHUB_OUTPUT: Buffer.from(githubOutput, 'base64').toString('utf8'),
      'out/mallory/results.json': fs.readFileSync(path.join(out, 'mallory', 'results.json'), 'utf8'),
      'out/mallory/feedback.md': fs.readFileSync(path.join(out, 'mallory', 'feedback.md'), 'utf8'),
    };
  });

  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('the submission fails hidden cases of every exercise', () => {
    expect(run.exitCode).toBe(1);
    expect(wrong.length).toBeGreaterThan(exercises.length / 2);
  });

  it('no report holds a hidden input or output value in full, or a hidden case name', () => {
    const publicNumbers = numbersIn(
      refs.cases.filter((c) => c.visibility === 'public'),
      fullRenderings,
    );
    const secrets = [...numbersIn(hidden, fullRenderings)].filter((n) => !publicNumbers.has(n));
    expect(secrets.length).toBeGreaterThan(1000);
    for (const [channel, text] of Object.entries(outputs)) {
      const leaked = secrets.filter((n) => text.includes(n));
      expect(leaked.slice(0, 5), channel).toEqual([]);
      for (const c of hidden) expect(text, `${channel}: "${c.name}"`).not.toContain(c.name);
    }
  });

  it('every "expected X" a report shows is a public expected value', () => {
    const publicExpected = numbersIn(
      refs.cases.filter((c) => c.visibility === 'public').map((c) => c.expected),
      (x) => [rounded(x)],
    );
    for (const [channel, text] of Object.entries(outputs)) {
      const shown = [...text.matchAll(/expected (-?[\d.e+-]+), got/g)].map((m) => m[1]);
      expect(shown.length, channel).toBeGreaterThan(0);
      expect(
        shown.filter((x) => !publicExpected.has(x)),
        channel,
      ).toEqual([]);
    }
  });

  it('hidden cases show pass or fail and the named mistake; public cases keep their detail', () => {
    const feedback = outputs['out/mallory/feedback.md'].replace(/\\(.)/g, '$1'); // as Markdown shows it
    expect(feedback).toMatch(/hidden case \d of \d|Hidden cases: \d of \d passed/);
    const m = wrong[0];
    expect(feedback).toContain(m.what);
    expect(feedback).toContain(m.fix);
    expect(feedback).toMatch(/largest error [\d.e-]+ at \[/);
    const junit = outputs['junit.xml'];
    for (const c of hidden) expect(junit).toMatch(new RegExp(`name="${c.exercise}: hidden case \\d+ of \\d+"`));
    expect(outputs['classroom.json']).toContain(m.what);
  });
});
