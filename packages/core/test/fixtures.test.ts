// PyTorch parity: one test per reference file in ../shared/fixtures/pytorch (beside the repo).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  additiveAttention,
  causalMask,
  maskedSoftmax,
  MultiHeadAttention,
  paddingMask,
  positionalEncoding,
  scaledDotProductAttention,
} from '../src';

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

const FIXTURES = path.resolve(__dirname, '../../../../shared/fixtures/pytorch');
const EXPECTED_COUNT = 14;
const files = existsSync(FIXTURES) ? readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort() : [];

/** Runs the op a fixture names; returns its outputs by the fixture's expected keys. */
function run(fx: Fixture, t: Record<string, tf.Tensor>): Record<string, tf.Tensor> {
  const mask = t.mask;
  switch (fx.op) {
    case 'scaledDotProductAttention':
      return { ...scaledDotProductAttention(t.q, t.k, t.v, { mask, scale: fx.options.scale }) };
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
      const result = mha.call(t.query, t.key, t.value, { mask });
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

describe('PyTorch reference fixtures', () => {
  it(`finds all ${EXPECTED_COUNT} fixture files in ${FIXTURES}`, () => {
    expect(files.length).toBe(EXPECTED_COUNT);
  });

  for (const file of files) {
    const fx: Fixture = JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8'));
    it(path.basename(file, '.json'), () => {
      const inputs = Object.fromEntries(
        Object.entries(fx.inputs).map(([k, s]) => [k, tf.tensor(s.data, s.shape, 'float32')]),
      );
      if (fx.options.validLens) {
        const made = paddingMask(fx.options.validLens, inputs.mask.shape[inputs.mask.rank - 1]);
        expectSameMask(made, inputs.mask, `paddingMask(${JSON.stringify(fx.options.validLens)})`);
        made.dispose();
      }
      if (fx.options.causal) {
        const made = causalMask(inputs.mask.shape[0]);
        expectSameMask(made, inputs.mask, `causalMask(${inputs.mask.shape[0]})`);
        made.dispose();
      }
      const outputs = run(fx, inputs);
      expect(Object.keys(outputs).sort()).toEqual(expect.arrayContaining(Object.keys(fx.expected).sort()));
      const failures = Object.entries(fx.expected)
        .map(([name, exp]) => worstViolation(name, outputs[name], exp, fx.tolerance))
        .filter((m): m is string => m !== null);
      tf.dispose([...Object.values(inputs), ...Object.values(outputs)]);
      expect(failures.join('\n'), `${fx.name} (${fx.op}): worst element per output`).toBe('');
    });
  }
});
