import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateReferences, serializeReferences } from '../src/authoring/regenerate';
import { mistakes } from '../src/authoring/mistakes/catalog';
import { additiveAttention, additiveScores } from '../src/authoring/solutions/additive';
import { causalMask, maskedSoftmax, paddingMask } from '../src/authoring/solutions/masked';
import { multiHeadAttention } from '../src/authoring/solutions/multi-head';
import { positionalEncoding } from '../src/authoring/solutions/positional-encoding';
import { scaledDotProductAttention, softmax } from '../src/authoring/solutions/scaled-dot-product';
import { compareOutputs } from '../src/compare';
import { exercises } from '../src/exercises/catalog';
import { defaultReferenceDir, loadReferences, referenceFile } from '../src/references';
import { repoRoot } from './helpers/submissions';

const fixturesDir = path.resolve(repoRoot, '..', 'shared', 'fixtures', 'pytorch');

interface Fixture {
  name: string;
  op: string;
  inputs: Record<string, { shape: number[]; data: number[] }>;
  options: { scale?: number; numHeads?: number; validLens?: number[] | number[][]; causal?: boolean; length?: number; dim?: number };
  expected: Record<string, { shape: number[]; data: number[] }>;
  tolerance: { rtol: number; atol: number };
}

const t = (x: { shape: number[]; data: number[] }) => tf.tensor(x.data, x.shape);
const read = (x: tf.Tensor) => ({ shape: x.shape, data: Array.from(x.dataSync()) });

/** The reference solutions, composed where a fixture exercises more than one exercise. */
function solve(f: Fixture): Record<string, tf.Tensor> {
  const i = f.inputs;
  switch (f.op) {
    case 'scaledDotProductAttention': {
      if (!i.mask && f.options.scale === undefined) return scaledDotProductAttention(t(i.q), t(i.k), t(i.v));
      const scale = f.options.scale ?? 1 / Math.sqrt(i.k.shape[i.k.shape.length - 1]);
      const scores = tf.matMul(t(i.q), t(i.k), false, true).mul(scale);
      const weights = i.mask ? maskedSoftmax(scores, t(i.mask)) : softmax(scores);
      return { output: tf.matMul(weights, t(i.v)), weights };
    }
    case 'maskedSoftmax':
      return { weights: maskedSoftmax(t(i.scores), t(i.mask)) };
    case 'additiveAttention': {
      if (!i.mask) return additiveAttention(t(i.q), t(i.k), t(i.v), t(i.Wq), t(i.Wk), t(i.wv));
      const weights = maskedSoftmax(additiveScores(t(i.q), t(i.k), t(i.Wq), t(i.Wk), t(i.wv)), t(i.mask));
      return { output: tf.matMul(weights, t(i.v)), weights };
    }
    case 'MultiHeadAttention.fromPyTorch': {
      // PyTorch applies x · Wᵀ with in_proj_weight = [Wq; Wk; Wv] stacked on rows.
      const inProj = t(i['state.in_proj_weight']);
      const inBias = t(i['state.in_proj_bias']);
      const e = inProj.shape[1]!;
      const rows = (k: number) => inProj.slice([k * e, 0], [e, e]).transpose();
      const bias = (k: number) => inBias.slice([k * e], [e]);
      const params = {
        Wq: rows(0), Wk: rows(1), Wv: rows(2), Wo: t(i['state.out_proj.weight']).transpose(),
        bq: bias(0), bk: bias(1), bv: bias(2), bo: t(i['state.out_proj.bias']),
      };
      return multiHeadAttention(t(i.query), t(i.key), t(i.value), params, f.options.numHeads!, i.mask ? t(i.mask) : undefined);
    }
    case 'positionalEncoding':
      return { encoding: positionalEncoding(f.options.length!, f.options.dim!) };
    default:
      throw new Error(`no reference solution for fixture op ${f.op}`);
  }
}

const fixtures: Fixture[] = fs.readdirSync(fixturesDir).filter((n) => n.endsWith('.json')).sort()
  .map((n) => JSON.parse(fs.readFileSync(path.join(fixturesDir, n), 'utf8')) as Fixture);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('reference solutions against the PyTorch fixtures', () => {
  it('reads every fixture', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(14);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, f) => {
    const outputs = tf.tidy(() => solve(f));
    const actual = Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, read(v)]));
    expect(compareOutputs(f.expected, actual, f.tolerance)).toEqual([]);
    const lk = f.inputs.mask?.shape[f.inputs.mask.shape.length - 1];
    if (f.options.validLens && typeof f.options.validLens[0] === 'number' && f.inputs.mask) {
      const mask = tf.tidy(() => tf.broadcastTo(paddingMask(f.options.validLens as number[], lk!), f.inputs.mask.shape));
      expect(compareOutputs({ mask: f.inputs.mask }, { mask: read(mask) }, { rtol: 0, atol: 0 })).toEqual([]);
    }
    if (f.options.causal) {
      expect(compareOutputs({ mask: f.inputs.mask }, { mask: read(causalMask(lk!)) }, { rtol: 0, atol: 0 })).toEqual([]);
    }
  });
});

describe('reference outputs', () => {
  let generated: Awaited<ReturnType<typeof generateReferences>>;
  beforeAll(async () => {
    generated = await generateReferences();
  }, 120_000);

  it('are up to date with the reference solutions and mistakes (run `npm run references -w packages/grader` if not)', () => {
    for (const visibility of ['public', 'hidden'] as const) {
      const committed = fs.readFileSync(referenceFile(defaultReferenceDir, visibility), 'utf8');
      expect(serializeReferences(generated[visibility]) === committed, `${visibility}.json is stale`).toBe(true);
    }
  });

  it('give every exercise public and hidden cases', () => {
    const refs = loadReferences();
    expect(refs.hasHidden).toBe(true);
    for (const e of exercises) {
      const cases = refs.cases.filter((c) => c.exercise === e.id);
      expect(cases.some((c) => c.visibility === 'public'), e.id).toBe(true);
      expect(cases.some((c) => c.visibility === 'hidden'), e.id).toBe(true);
    }
  });

  it('record every known mistake on at least one public or hidden case where it differs from the answer', () => {
    const refs = loadReferences();
    for (const m of mistakes) expect(refs.cases.some((c) => c.exercise === m.exercise && m.id in c.mistakes), m.id).toBe(true);
  });

  it('never ship hidden cases in public.json', () => {
    const pub = loadReferences(defaultReferenceDir, { hidden: false });
    expect(pub.hasHidden).toBe(false);
    expect(pub.cases.every((c) => c.visibility === 'public')).toBe(true);
  });
});
