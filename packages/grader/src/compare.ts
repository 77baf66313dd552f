import type { Tolerance } from './exercises/spec';
import { formatShape, fromJsonTensor, isJsonTensor, type JsonTensor, shapeSize, type TensorData, unravelIndex } from './tensor-data';

/** Why one named output of one case is wrong. */
export interface OutputMismatch {
  output: string;
  kind: 'missing' | 'shape' | 'values';
  expectedShape: number[];
  actualShape: number[];
  /** values only: how many elements are out of tolerance, the worst one, and the non-finite values the student's output holds */
  mismatched?: number;
  total?: number;
  maxError?: number;
  maxErrorAt?: number[];
  expectedValue?: number;
  actualValue?: number;
  nan?: number;
  inf?: number;
}

function asData(t: TensorData | JsonTensor): TensorData {
  return isJsonTensor(t) ? fromJsonTensor(t) : t;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function countNonFinite(data: ArrayLike<number>): { nan: number; inf: number } {
  let nan = 0;
  let inf = 0;
  for (let i = 0; i < data.length; i++) {
    if (Number.isNaN(data[i])) nan++;
    else if (!Number.isFinite(data[i])) inf++;
  }
  return { nan, inf };
}

/** |actual - expected| <= atol + rtol·|expected|; a non-finite value only matches itself. */
function within(expected: number, actual: number, tol: Tolerance): boolean {
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) {
    return Object.is(expected, actual) || (Number.isNaN(expected) && Number.isNaN(actual));
  }
  return Math.abs(actual - expected) <= tol.atol + tol.rtol * Math.abs(expected);
}

/** Compare one output: shape first, then every value within tolerance. */
export function compareOutput(name: string, expectedIn: TensorData | JsonTensor, actual: TensorData | undefined, tol: Tolerance): OutputMismatch | undefined {
  const expected = asData(expectedIn);
  if (!actual) return { output: name, kind: 'missing', expectedShape: expected.shape, actualShape: [] };
  if (!sameShape(expected.shape, actual.shape) || actual.data.length !== shapeSize(expected.shape)) {
    return { output: name, kind: 'shape', expectedShape: expected.shape, actualShape: actual.shape };
  }
  let mismatched = 0;
  let worst = -1;
  let worstError = -1;
  for (let i = 0; i < expected.data.length; i++) {
    const e = expected.data[i];
    const a = actual.data[i];
    if (within(e, a, tol)) continue;
    mismatched++;
    const error = Number.isFinite(a) && Number.isFinite(e) ? Math.abs(a - e) : Infinity;
    if (error > worstError) {
      worstError = error;
      worst = i;
    }
  }
  if (mismatched === 0) return undefined;
  return {
    output: name,
    kind: 'values',
    expectedShape: expected.shape,
    actualShape: actual.shape,
    mismatched,
    total: expected.data.length,
    maxError: worstError,
    maxErrorAt: unravelIndex(worst, expected.shape),
    expectedValue: expected.data[worst],
    actualValue: actual.data[worst],
    ...countNonFinite(actual.data),
  };
}

export function compareOutputs(expected: Record<string, TensorData | JsonTensor>, actual: Record<string, TensorData>, tol: Tolerance): OutputMismatch[] {
  return Object.keys(expected)
    .map((name) => compareOutput(name, expected[name], actual[name], tol))
    .filter((m): m is OutputMismatch => m !== undefined);
}

/** True when two sets of outputs agree (shapes equal, values within tolerance, NaN where NaN). */
export function sameOutputs(a: Record<string, TensorData | JsonTensor>, b: Record<string, TensorData>, tol: Tolerance): boolean {
  return compareOutputs(a, b, tol).length === 0 && Object.keys(b).every((k) => k in a);
}

function formatNumber(x: number | undefined): string {
  if (x === undefined) return '?';
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e4) ? x.toExponential(3) : Number(x.toPrecision(5)).toString();
}

/** One line per mismatch, e.g. `weights: 12 of 48 values differ; largest error 0.41 at [1, 2, 0] (expected 0.52, got 0.11); 0 NaN, 0 Inf`. */
export function describeMismatch(m: OutputMismatch): string {
  const label = m.output === 'result' ? 'result' : `"${m.output}"`;
  const nonFinite = `${m.nan ?? 0} NaN, ${m.inf ?? 0} Inf`;
  if (m.kind === 'missing') return `${label}: missing (expected shape ${formatShape(m.expectedShape)})`;
  if (m.kind === 'shape') return `${label}: wrong shape: expected ${formatShape(m.expectedShape)}, got ${formatShape(m.actualShape)}`;
  const where = `[${(m.maxErrorAt ?? []).join(',')}]`;
  const worst = Number.isFinite(m.maxError) ? `largest error ${formatNumber(m.maxError)} at ${where}` : `first non-finite value at ${where}`;
  return `${label} (shape ${formatShape(m.expectedShape)}): ${m.mismatched} of ${m.total} values differ; ${worst} (expected ${formatNumber(m.expectedValue)}, got ${formatNumber(m.actualValue)}); ${nonFinite}`;
}
