/**
 * Plain tensor values that cross process boundaries and JSON files: the grader's
 * parent process never loads TensorFlow.js, so comparison works on these.
 */
export interface TensorData {
  shape: number[];
  data: ArrayLike<number>;
  dtype?: 'float32' | 'int32' | 'bool';
}

/** JSON cannot hold NaN or ±Infinity, so they are stored as strings. */
export type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity';

export interface JsonTensor {
  shape: number[];
  data: JsonNumber[];
  dtype?: 'float32' | 'int32' | 'bool';
}

export function isJsonTensor(value: unknown): value is JsonTensor {
  return typeof value === 'object' && value !== null && Array.isArray((value as JsonTensor).shape) && Array.isArray((value as JsonTensor).data);
}

/** Nine significant digits hold any float32 exactly. */
export function toJsonTensor(t: TensorData): JsonTensor {
  const data = Array.from(t.data, (x): JsonNumber => {
    if (Number.isNaN(x)) return 'NaN';
    if (x === Infinity) return 'Infinity';
    if (x === -Infinity) return '-Infinity';
    return Number(x.toPrecision(9));
  });
  return t.dtype && t.dtype !== 'float32' ? { shape: [...t.shape], data, dtype: t.dtype } : { shape: [...t.shape], data };
}

export function fromJsonTensor(t: JsonTensor): TensorData {
  const data = Float64Array.from(t.data, Number);
  return t.dtype ? { shape: t.shape, data, dtype: t.dtype } : { shape: t.shape, data };
}

export function shapeSize(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}

/** Row-major flat index -> multi-index, for pointing at the worst element. */
export function unravelIndex(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length).fill(0);
  let rest = flat;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index[axis] = rest % shape[axis];
    rest = Math.floor(rest / shape[axis]);
  }
  return index;
}
