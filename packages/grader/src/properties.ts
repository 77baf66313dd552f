import type { PropertySpec } from './exercises/spec';
import { formatShape, fromJsonTensor, isJsonTensor, shapeSize, type TensorData, unravelIndex } from './tensor-data';

/** The mask's value for every element of `shape`, by right-aligned broadcasting; undefined if it does not broadcast. */
function broadcastMask(mask: TensorData, shape: number[], gainsHeadAxis: boolean): Float64Array | undefined {
  const mshape = gainsHeadAxis && mask.shape.length >= 2 && mask.shape.length === shape.length - 1 ? [mask.shape[0], 1, ...mask.shape.slice(1)] : mask.shape;
  if (mshape.length > shape.length) return undefined;
  const padded = [...new Array<number>(shape.length - mshape.length).fill(1), ...mshape];
  if (padded.some((d, i) => d !== 1 && d !== shape[i])) return undefined;
  const strides = new Array<number>(padded.length).fill(0);
  let stride = 1;
  for (let axis = padded.length - 1; axis >= 0; axis--) {
    strides[axis] = padded[axis] === 1 ? 0 : stride;
    stride *= padded[axis];
  }
  const size = shapeSize(shape);
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const idx = unravelIndex(i, shape);
    out[i] = mask.data[idx.reduce((acc, v, axis) => acc + v * strides[axis], 0)];
  }
  return out;
}

/**
 * Properties every correct answer has, checked on the student's own output:
 * weight rows sum to 1 (0 for rows whose keys are all blocked), blocked weights are 0.
 * Returns one sentence per violated property.
 */
export function checkProperties(spec: PropertySpec | undefined, inputs: Record<string, unknown>, outputs: Record<string, TensorData>): string[] {
  if (!spec) return [];
  const weights = outputs[spec.weights];
  if (!weights || weights.shape.length === 0) return [];
  const label = spec.weights === 'result' ? 'the result' : `"${spec.weights}"`;
  const rawMask = spec.mask ? inputs[spec.mask] : undefined;
  const mask = isJsonTensor(rawMask) ? broadcastMask(fromJsonTensor(rawMask), weights.shape, spec.maskGainsHeadAxis ?? false) : undefined;
  const lk = weights.shape[weights.shape.length - 1];
  const problems: string[] = [];
  let badRow: { row: number[]; sum: number; wanted: number } | undefined;
  let leaked: { at: number[]; value: number } | undefined;
  for (let start = 0; start < weights.data.length; start += lk) {
    let sum = 0;
    let kept = 0;
    for (let j = start; j < start + lk; j++) {
      sum += weights.data[j];
      if (!mask || mask[j] !== 0) kept++;
      else if (!leaked && weights.data[j] !== 0) leaked = { at: unravelIndex(j, weights.shape), value: weights.data[j] };
    }
    const wanted = kept > 0 ? 1 : 0;
    if (!badRow && !(Math.abs(sum - wanted) <= 1e-3)) badRow = { row: unravelIndex(start, weights.shape).slice(0, -1), sum, wanted };
  }
  if (badRow) {
    problems.push(
      `rows of ${label} must sum to ${badRow.wanted === 1 ? '1' : '0 where every key is blocked'}, but row [${badRow.row.join(',')}] sums to ${Number(badRow.sum.toPrecision(4))}`,
    );
  }
  if (leaked) problems.push(`blocked positions must get weight 0, but ${label} has ${Number(leaked.value.toPrecision(4))} at [${leaked.at.join(',')}] where the mask is 0`);
  if (spec.mask && isJsonTensor(rawMask) && !mask) problems.push(`the mask ${formatShape(rawMask.shape)} does not broadcast to ${label} ${formatShape(weights.shape)}`);
  return problems;
}
