// Type-checking happens per submission, in worker processes: what one student's cells declare
// cannot reach another's, and a cell that breaks the compiler costs only its own submission.
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileCells } from '../src/compile';
import { exerciseById } from '../src/exercises/catalog';
import { CompilePool, type CompileRequest } from '../src/sandbox/compile-pool';

const sdpa = `function scaledDotProductAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor): { output: tf.Tensor; weights: tf.Tensor } {
  const scale = 1 / Math.sqrt(q.shape[q.shape.length - 1]);
  const weights = tf.softmax(tf.matMul(q, k, false, true).mul(scale));
  return { output: tf.matMul(weights, v), weights };
}
`;
// merged interface declarations put the later overload first: Math.sqrt(n) becomes a string
const poison = `declare global {
  interface Math {
    sqrt(x: number): string;
  }
}
function softmax(x: tf.Tensor): tf.Tensor {
  return x;
}
`;

const request = (cells: Record<string, string>): CompileRequest => ({
  cells: Object.fromEntries(Object.entries(cells).map(([id, source]) => [id, { ok: true as const, source }])),
  exercises: Object.keys(cells),
});

describe('a compile', () => {
  // what a worker does per submission: a fresh program, with the parsed library files kept from the last one
  it("keeps one student's `declare global` out of the next student's program", () => {
    const graderDir = path.resolve(__dirname, '..');
    const unit = (key: string, id: string, source: string) => ({ key, spec: exerciseById(id)!, source });
    const attacker = compileCells([unit('poison', 'softmax', poison), unit('own', 'scaledDotProductAttention', sdpa)], graderDir);
    // it does reach the attacker's own cells (else this test would prove nothing)
    expect(attacker.get('own')).toMatchObject({ ok: false, error: expect.stringMatching(/arithmetic operation/) as unknown });
    const honest = compileCells([unit('honest', 'scaledDotProductAttention', sdpa)], graderDir);
    expect(honest.get('honest')).toMatchObject({ ok: true });
  });
});

describe('compile workers', () => {
  // one worker, so a broken submission and the next are compiled by the same process, one after the other
  const pool = new CompilePool(1, { timeoutMs: 60_000, heapMb: 512 });
  afterAll(() => pool.close());

  it('fail only the submission whose cell overflows the parser, and go on with the next', async () => {
    const deep = `function causalMask(l: number): tf.Tensor2D {\n  const x = ${'['.repeat(1000)}1${']'.repeat(1000)};\n  return tf.zeros([l, l]) as tf.Tensor2D;\n}\n`;
    const broken = await pool.compile(request({ causalMask: deep }));
    expect(broken).toEqual({ failure: expect.stringMatching(/call stack|stack/) as unknown });
    const next = await pool.compile(request({ scaledDotProductAttention: sdpa }));
    expect('results' in next && next.results.get('scaledDotProductAttention')?.ok).toBe(true);
  });

  it('do not let a cell read files outside the installed declarations through the type checker', async () => {
    const peek = `/// <reference path="../../references/hidden.json" />\nimport * as cases from '../src/authoring/cases/masked';\nfunction causalMask(l: number): tf.Tensor2D {\n  const c: number = cases as any;\n  return tf.zeros([l, l]) as tf.Tensor2D;\n}\n`;
    const outcome = await pool.compile(request({ causalMask: peek }));
    if ('failure' in outcome) throw new Error(outcome.failure);
    const result = outcome.results.get('causalMask');
    expect(result).toMatchObject({ ok: false });
    expect(result && !result.ok && result.error).toMatch(/not found|Cannot find module/);
    expect(result && !result.ok && result.error).not.toMatch(/seed|"name"/);
  });
});
