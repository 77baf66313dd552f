import { types } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import type { ArgSpec, CaseInput, ExerciseSpec, TensorGroup } from './exercises/spec';
import { errorMessage } from './errors';
import { fromJsonTensor, isJsonTensor, type JsonTensor, type TensorData } from './tensor-data';

/** What one call of an exercise function produced: named outputs or an error message. */
export type CaseRun = { outputs: Record<string, TensorData> } | { error: string; notImplemented?: boolean };

function isTensor(value: unknown): value is tf.Tensor {
  return typeof value === 'object' && value !== null && Array.isArray((value as tf.Tensor).shape) && typeof (value as tf.Tensor).dataSync === 'function';
}

function decodeTensor(t: JsonTensor): tf.Tensor {
  return tf.tensor(Array.from(fromJsonTensor(t).data), t.shape, t.dtype ?? 'float32');
}

/** Named tensors, groups of them kept as nested objects. */
function decodeGroup(group: TensorGroup): Record<string, unknown> {
  return Object.fromEntries(Object.entries(group).map(([k, t]) => [k, isJsonTensor(t) ? decodeTensor(t) : decodeGroup(t)]));
}

function decodeArg(arg: ArgSpec, input: CaseInput | undefined): unknown {
  if (input === undefined) return undefined;
  if (arg.kind === 'tensor') return decodeTensor(input as JsonTensor);
  if (arg.kind === 'tensors') return decodeGroup(input as TensorGroup);
  // a copy: the function may change it, and check() passes the shared reference inputs
  return structuredClone(input);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object with fields {${Object.keys(value as object).join(', ')}}`;
  return typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`;
}

function readTensor(t: tf.Tensor): TensorData {
  return { shape: [...t.shape], data: Float32Array.from(t.dataSync() as ArrayLike<number>) };
}

/** The returned tensors by output name, or why the value returned is not what the exercise asks for. */
function collect(spec: ExerciseSpec, result: unknown): CaseRun {
  if (spec.result.kind === 'tensor') {
    if (!isTensor(result)) return { error: `${spec.id} must return a tf.Tensor, but it returned ${describe(result)}` };
    return { outputs: { result: readTensor(result) } };
  }
  const fields = spec.result.fields;
  if (typeof result !== 'object' || result === null) {
    return { error: `${spec.id} must return { ${fields.join(', ')} }, but it returned ${describe(result)}` };
  }
  const outputs: Record<string, TensorData> = {};
  for (const field of fields) {
    const value = (result as Record<string, unknown>)[field];
    if (!isTensor(value)) return { error: `${spec.id} must return { ${fields.join(', ')} } of tensors, but "${field}" is ${describe(value)}` };
    outputs[field] = readTensor(value);
  }
  return { outputs };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
}

/** The case's error; one thrown inside tf.matMul says so, as TF.js's broadcast message does not (the hints need it). */
function failure(error: unknown): CaseRun {
  const message = errorMessage(error);
  const inMatMul = types.isNativeError(error) && /\bmatMul|batchMatMul/.test(error.stack ?? '');
  return { error: `threw: ${message}${inMatMul ? ' (thrown in tf.matMul)' : ''}`, notImplemented: /not implemented/i.test(message) };
}

/**
 * Call `fn` on one case's inputs; every tensor made along the way is disposed. Exercise
 * functions are synchronous: a returned Promise, or a Promise the call left to reject
 * unawaited, fails this case (and not a later one) with a hint.
 */
export async function runCase(spec: ExerciseSpec, fn: unknown, inputs: Record<string, CaseInput>): Promise<CaseRun> {
  if (typeof fn !== 'function') return { error: `${spec.id} is not a function (got ${describe(fn)})` };
  let floating: unknown;
  const onRejection = (reason: unknown) => {
    floating ??= reason;
  };
  process.on('unhandledRejection', onRejection);
  tf.engine().startScope();
  try {
    let result: unknown;
    try {
      const args = spec.args.map((a) => decodeArg(a, inputs[a.name]));
      // trailing absent arguments are left out, as a caller who omits an optional argument would
      while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
      result = (fn as (...a: unknown[]) => unknown)(...args);
    } catch (error) {
      return failure(error);
    }
    if (isThenable(result)) {
      result.then(undefined, () => undefined); // its rejection is this case's failure, not an unhandled one
      return { error: `${spec.id} returned a Promise instead of a result: exercise functions are synchronous` };
    }
    // let a rejection the call left behind surface while this case is still the one running
    await new Promise((resolve) => setImmediate(resolve));
    if (floating !== undefined) return { error: `${spec.id} failed: a Promise it started rejected unawaited (${errorMessage(floating)})` };
    try {
      return collect(spec, result);
    } catch (error) {
      // reading a returned tensor throws when it was disposed (by tf.tidy, or by the function itself)
      return failure(error);
    }
  } finally {
    tf.engine().endScope();
    process.off('unhandledRejection', onRejection);
  }
}
