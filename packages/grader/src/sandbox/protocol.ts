/**
 * What the grader and a sandbox say to each other, and the parent's check of every reply.
 *
 * One sandbox process runs one student's exercises. Parent -> sandbox on stdin, as frames:
 * first the run secret (SECRET_LENGTH characters); then requests, one at a time, each sent
 * after the reply to the one before: a LoadRequest for every exercise (the cell, and its
 * public cases' inputs), and only when every public reply is in, a HiddenRequest per exercise
 * with its hidden cases' inputs; so nothing the student sees can depend on a hidden input.
 * Sandbox -> parent on fd 3: a frame with the secret and READY once TF.js is loaded (the time
 * limits start then), then one frame per request, the secret then a Reply. The sandbox never
 * receives expected outputs.
 */
import type { CaseInput, ExerciseSpec } from '../exercises/spec';
import type { CaseRun } from '../invoke';
import type { TensorData } from '../tensor-data';

export const SECRET_LENGTH = 64;
/** The longest error text a sandbox may send: a cell can throw a 280 MB message. */
export const MAX_MESSAGE = 2000;
/** The most bytes a sandbox may send on fd 3 in all (a frame is at most this too). */
export const MAX_REPLY_BYTES = 16 * 1024 * 1024;
/** The most elements one returned tensor may have. */
const MAX_ELEMENTS = 4 * 1024 * 1024;
const MAX_RANK = 8;

export interface WireCase {
  name: string;
  inputs: Record<string, CaseInput>;
}

/** Load an exercise's cell in a fresh global and run its public cases (none when reloading a cell in a new process for its hidden cases). */
export interface LoadRequest {
  type: 'load';
  exercise: string;
  js: string;
  cases: WireCase[];
}

/** Run the hidden cases of an exercise whose cell this process loaded. */
export interface HiddenRequest {
  type: 'hidden';
  exercise: string;
  cases: WireCase[];
}

export type Request = LoadRequest | HiddenRequest;

/** A returned tensor on the wire: float32 data, base64 (exact, and NaN-safe unlike JSON numbers). */
export interface WireTensor {
  shape: number[];
  f32: string;
}

export type WireRun = { outputs: Record<string, WireTensor> } | { error: string; notImplemented?: boolean };

/**
 * One request's reply: the cases' runs, and the forbidden functions the cell called (a shortcut),
 * or why the cell could not be loaded (load requests only).
 */
export type Reply = { type: 'runs'; runs: WireRun[]; shortcuts: string[] } | { type: 'load-error'; error: string };

/** The sandbox's first frame after the secret: set up, ready for requests. */
export const READY = 'ready';

export function clip(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text;
}

/** A case's run as the sandbox sends it. */
export function toWire(run: CaseRun): WireRun {
  if (!('outputs' in run)) return run.notImplemented ? { error: clip(run.error), notImplemented: true } : { error: clip(run.error) };
  const outputs: Record<string, WireTensor> = {};
  for (const [name, t] of Object.entries(run.outputs)) {
    const data = Float32Array.from(t.data);
    outputs[name] = { shape: [...t.shape], f32: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64') };
  }
  return { outputs };
}

/** Thrown for anything that is not a reply the real sandbox code sends. */
export class InvalidReply extends Error {}

function invalid(why: string): never {
  throw new InvalidReply(why);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyKeys(value: Record<string, unknown>, allowed: string[]): void {
  for (const key of Object.keys(value)) if (!allowed.includes(key)) invalid(`unexpected field "${key.slice(0, 40)}"`);
}

function message(value: unknown): string {
  if (typeof value !== 'string' || value.length > MAX_MESSAGE) invalid(`an error message that is not a string of at most ${MAX_MESSAGE} characters`);
  return value;
}

function tensor(value: unknown): TensorData {
  if (!isRecord(value)) invalid('a tensor that is not an object');
  onlyKeys(value, ['shape', 'f32']);
  const { shape, f32 } = value;
  if (!Array.isArray(shape) || shape.length > MAX_RANK || !shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) invalid('a tensor shape that is not a list of sizes');
  const size = (shape as number[]).reduce((a, b) => a * b, 1);
  if (size > MAX_ELEMENTS) invalid(`a tensor of more than ${MAX_ELEMENTS} elements`);
  if (typeof f32 !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(f32)) invalid('tensor data that is not base64');
  const bytes = Buffer.from(f32, 'base64');
  if (bytes.length !== size * 4) invalid('tensor data whose size does not match its shape');
  const data = new Float32Array(size);
  new Uint8Array(data.buffer).set(bytes);
  return { shape: shape as number[], data };
}

function run(value: unknown, outputNames: string[]): CaseRun {
  if (!isRecord(value)) invalid('a case result that is not an object');
  if ('outputs' in value) {
    onlyKeys(value, ['outputs']);
    const outputs = value.outputs;
    if (!isRecord(outputs)) invalid('outputs that are not an object');
    const names = Object.keys(outputs);
    if (names.length !== outputNames.length || !outputNames.every((n) => names.includes(n))) invalid('outputs other than the exercise returns');
    return { outputs: Object.fromEntries(outputNames.map((n) => [n, tensor(outputs[n])])) };
  }
  onlyKeys(value, ['error', 'notImplemented']);
  if (value.notImplemented !== undefined && typeof value.notImplemented !== 'boolean') invalid('a notImplemented flag that is not a boolean');
  return { error: message(value.error), notImplemented: value.notImplemented === true };
}

export type CheckedReply = { type: 'runs'; runs: CaseRun[]; shortcuts: string[] } | { type: 'load-error'; error: string };

/**
 * The reply in `payload` (after its secret was checked), or InvalidReply: exactly the fields
 * the sandbox sends, `cases` runs, each with the exercise's outputs as float32 tensors whose
 * data fits their shape, messages no longer than MAX_MESSAGE, shortcuts the spec forbids.
 */
export function checkReply(payload: string, spec: ExerciseSpec, cases: number): CheckedReply {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    invalid('a reply that is not JSON');
  }
  if (!isRecord(value)) invalid('a reply that is not an object');
  if (value.type === 'load-error') {
    onlyKeys(value, ['type', 'error']);
    return { type: 'load-error', error: message(value.error) };
  }
  if (value.type !== 'runs') invalid('a reply of an unknown type');
  onlyKeys(value, ['type', 'runs', 'shortcuts']);
  const { runs, shortcuts } = value;
  if (!Array.isArray(runs) || runs.length !== cases) invalid(`a reply without exactly ${cases} case results`);
  if (!Array.isArray(shortcuts) || !shortcuts.every((s) => typeof s === 'string' && spec.forbidden.includes(s))) invalid('shortcuts the exercise does not forbid');
  const outputNames = spec.result.kind === 'tensor' ? ['result'] : spec.result.fields;
  return { type: 'runs', runs: runs.map((r) => run(r, outputNames)), shortcuts: [...new Set(shortcuts as string[])] };
}
