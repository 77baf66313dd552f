// PyTorch parity: one test per reference file, for two independent sets: the repository's own
// (packages/core/fixtures/pytorch, written by fixtures/generate.py; required) and
// ../shared/fixtures/pytorch beside the repository (checked when present).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { additiveAttention, causalMask, maskedSoftmax, MultiHeadAttention, paddingMask, positionalEncoding, scaledDotProductAttention } from '../src';

interface Stored {
  shape: number[];
  data: number[];
}
interface Fixture {
  name: string;
  op: string;
  inputs: Record<string, Stored>;
  options: { scale?: number; numHeads?: number; validLens?: number[] | number[][]; causal?: boolean; length?: number; dim?: number };
  expected: Record<string, Stored>;
  tolerance: { rtol: number; atol: number };
}

const IN_REPO = path.resolve(__dirname, '../fixtures/pytorch');
const SHARED = path.resolve(__dirname, '../../../../shared/fixtures/pytorch');
// The three multi-head files lesson 04 §6 loads from the in-repo set.
const LESSON_04 = ['mha_torch_cross', 'mha_torch_padding', 'mha_torch_causal_self'];

const jsonFiles = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];

/**
 * Runs the op a fixture names; returns its outputs by the fixture's expected keys. With
 * `causalOption` a causal case runs with `causal: true` instead of its stored mask.
 */
function run(fx: Fixture, t: Record<string, tf.Tensor>, causalOption = false): Record<string, tf.Tensor> {
  const opts = causalOption ? { causal: true } : { mask: t.mask };
  const mask = t.mask;
  switch (fx.op) {
    case 'scaledDotProductAttention':
      return { ...scaledDotProductAttention(t.q, t.k, t.v, { ...opts, scale: fx.options.scale }) };
    case 'maskedSoftmax':
      return { weights: maskedSoftmax(t.scores, mask) };
    case 'additiveAttention':
      return { ...additiveAttention(t.q, t.k, t.v, { Wq: t.Wq, Wk: t.Wk, wv: t.wv }, { mask }) };
    case 'MultiHeadAttention.fromPyTorch': {
      const state = Object.fromEntries(
        Object.entries(t)
          .filter(([k]) => k.startsWith('state.'))
          .map(([k, v]) => [k.slice('state.'.length), v]),
      );
      const mha = MultiHeadAttention.fromPyTorch(state, fx.options.numHeads!);
      const result = mha.call(t.query, t.key, t.value, opts);
      mha.dispose();
      return { ...result };
    }
    case 'positionalEncoding':
      return { encoding: positionalEncoding(fx.options.length!, fx.options.dim!) };
    default:
      throw new Error(`fixture ${fx.name}: unknown op "${fx.op}"`);
  }
}

/** Worst element by |a - e| - (atol + rtol |e|), described for the failure message. */
function worstViolation(name: string, actual: tf.Tensor, exp: Stored, tol: Fixture['tolerance']): string | null {
  expect(actual.shape, `${name} shape`).toEqual(exp.shape);
  const a = actual.dataSync();
  let worst = -1;
  let excess = 0;
  for (let i = 0; i < exp.data.length; i++) {
    const over = Math.abs(a[i] - exp.data[i]) - (tol.atol + tol.rtol * Math.abs(exp.data[i]));
    if (!(over <= 0) && (worst < 0 || !(over <= excess))) {
      worst = i;
      excess = over;
    }
  }
  if (worst < 0) return null;
  const index: number[] = [];
  let rest = worst;
  for (let d = exp.shape.length - 1; d >= 0; d--) {
    index.unshift(rest % exp.shape[d]);
    rest = Math.floor(rest / exp.shape[d]);
  }
  return `${name}[${index.join(',')}] = ${a[worst]}, expected ${exp.data[worst]} (|diff| ${Math.abs(a[worst] - exp.data[worst]).toExponential(3)} > atol ${tol.atol} + rtol ${tol.rtol} * |expected|)`;
}

function expectSameMask(made: tf.Tensor, stored: tf.Tensor, what: string): void {
  const equal = tf.tidy(() => tf.all(tf.equal(tf.broadcastTo(made, stored.shape), stored)).dataSync()[0]);
  expect(equal, `${what} must equal inputs.mask ${JSON.stringify(stored.shape)}`).toBe(1);
}

/** One test per file of the set in `dir`, after checking the directory holds `count` files. */
function checkSet(dir: string, count: number): void {
  const files = jsonFiles(dir);
  it(`finds all ${count} fixture files in ${dir}`, () => {
    expect(files.length).toBe(count);
  });

  for (const file of files) {
    const fx: Fixture = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    it(path.basename(file, '.json'), () => {
      const inputs = Object.fromEntries(Object.entries(fx.inputs).map(([k, s]) => [k, tf.tensor(s.data, s.shape, 'float32')]));
      if (fx.options.validLens) {
        const made = paddingMask(fx.options.validLens, inputs.mask.shape[inputs.mask.rank - 1]);
        expectSameMask(made, inputs.mask, `paddingMask(${JSON.stringify(fx.options.validLens)})`);
        made.dispose();
      }
      const runs = [{ how: 'mask', causal: false }];
      if (fx.options.causal) {
        const [lq, lk] = inputs.mask.shape.slice(-2);
        const made = causalMask(lq, lk);
        expectSameMask(made, inputs.mask, `causalMask(${lq}, ${lk})`);
        made.dispose();
        runs.push({ how: 'causal: true', causal: true });
      }
      const failures: string[] = [];
      for (const { how, causal } of runs) {
        const outputs = run(fx, inputs, causal);
        expect(Object.keys(outputs).sort()).toEqual(expect.arrayContaining(Object.keys(fx.expected).sort()));
        for (const [name, exp] of Object.entries(fx.expected)) {
          const failure = worstViolation(name, outputs[name], exp, fx.tolerance);
          if (failure) failures.push(`${how}: ${failure}`);
        }
        tf.dispose(Object.values(outputs));
      }
      tf.dispose(Object.values(inputs));
      expect(failures.join('\n'), `${fx.name} (${fx.op}): worst element per output`).toBe('');
    });
  }
}

describe('PyTorch reference fixtures in the repository (packages/core/fixtures/pytorch)', () => {
  it('include the multi-head cases lesson 04 loads', () => {
    expect(jsonFiles(IN_REPO)).toEqual(expect.arrayContaining(LESSON_04.map((n) => `${n}.json`)));
  });
  checkSet(IN_REPO, 15);
});

describe.skipIf(!existsSync(SHARED))(
  `independent PyTorch reference fixtures in ${SHARED}${existsSync(SHARED) ? '' : ' (skipped: the folder beside the repository is absent)'}`,
  () => checkSet(SHARED, 14),
);
