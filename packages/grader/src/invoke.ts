import * as tf from '@tensorflow/tfjs';
import type { CaseInput, ExerciseSpec } from './exercises/spec';
import { errorMessage } from './errors';
import { isJsonTensor, type JsonTensor, type TensorData } from './tensor-data';

/** What one call of an exercise function produced: named outputs or an error message. */
export interface CaseRun {
  outputs?: Record<string, TensorData>;
  error?: string;
  notImplemented?: boolean;
}

function isTensor(value: unknown): value is tf.Tensor {
  return typeof value === 'object' && value !== null &&
    Array.isArray((value as tf.Tensor).shape) && typeof (value as tf.Tensor).dataSync === 'function';
}

function decodeTensor(t: JsonTensor): tf.Tensor {
  const values = t.data.map((x) => (typeof x === 'number' ? x : Number(x)));
  return tf.tensor(values, t.shape, t.dtype ?? 'float32');
}

function decodeArg(spec: ExerciseSpec, name: string, input: CaseInput | undefined): unknown {
  const arg = spec.args.find((a) => a.name === name)!;
  if (input === undefined) return undefined;
  if (arg.kind === 'tensor') return decodeTensor(input as JsonTensor);
  if (arg.kind === 'tensors') {
    return Object.fromEntries(Object.entries(input as Record<string, JsonTensor>).map(([k, t]) => [k, decodeTensor(t)]));
  }
  return isJsonTensor(input) ? decodeTensor(input) : JSON.parse(JSON.stringify(input));
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

function collect(spec: ExerciseSpec, result: unknown): Record<string, TensorData> {
  if (spec.result.kind === 'tensor') {
    if (!isTensor(result)) throw new TypeError(`${spec.id} must return a tf.Tensor, but it returned ${describe(result)}`);
    return { result: readTensor(result) };
  }
  if (typeof result !== 'object' || result === null) {
    throw new TypeError(`${spec.id} must return { ${spec.result.fields.join(', ')} }, but it returned ${describe(result)}`);
  }
  const outputs: Record<string, TensorData> = {};
  for (const field of spec.result.fields) {
    const value = (result as Record<string, unknown>)[field];
    if (!isTensor(value)) throw new TypeError(`${spec.id} must return { ${spec.result.fields.join(', ')} } of tensors, but "${field}" is ${describe(value)}`);
    outputs[field] = readTensor(value);
  }
  return outputs;
}

/** Call `fn` on one case's inputs; every tensor made along the way is disposed. */
export async function runCase(spec: ExerciseSpec, fn: unknown, inputs: Record<string, CaseInput>): Promise<CaseRun> {
  if (typeof fn !== 'function') return { error: `${spec.id} is not a function (got ${describe(fn)})` };
  tf.engine().startScope();
  try {
    const args = spec.args.map((a) => decodeArg(spec, a.name, inputs[a.name]));
    while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
    let result = (fn as (...a: unknown[]) => unknown)(...args);
    if (result && typeof (result as Promise<unknown>).then === 'function') result = await result;
    const outputs = collect(spec, result);
    return { outputs };
  } catch (error) {
    const message = errorMessage(error);
    return { error: message, notImplemented: /not implemented/i.test(message) };
  } finally {
    tf.engine().endScope();
  }
}
