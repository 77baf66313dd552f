// Plain-language hints for the runtime errors students meet most. They are recognised in a
// case's message and are fixed texts, so they can be shown even for a hidden case, whose
// message (which the student's code may have written) is not.

export const RUNTIME_HINTS = {
  disposed:
    'a tensor your function returned was already disposed: return the tensor from inside tf.tidy (tf.tidy keeps what its callback returns), and do not dispose() what you return',
  promise: 'your function returned a Promise: exercise functions are synchronous; remove `async` and use dataSync()/arraySync() instead of await data()/array()',
  floatingRejection:
    'your function started a Promise that rejected and nobody awaited it: exercise functions are synchronous; remove the async call (use dataSync()/arraySync(), not data()/array())',
  keepDims: 'a reduction dropped the axis you then broadcast against: keep the reduced axis, e.g. x.max(-1, true) or x.sum(-1, true) (keepDims)',
  transposeBatch: 'tf.transpose(k) reverses every axis, including the batch; use tf.matMul(q, k, false, true), or tf.transpose(k, [0, 2, 1]) (for 4-D, [0, 1, 3, 2])',
} as const;

export type RuntimeHint = (typeof RUNTIME_HINTS)[keyof typeof RUNTIME_HINTS];

/** What invoke.ts adds to the message of an error thrown inside tf.matMul (TF.js's own message does not say). */
export const IN_MATMUL = '(thrown in tf.matMul)';
/** The messages invoke.ts gives a returned Promise and a Promise left to reject. */
export const RETURNED_PROMISE = 'returned a Promise instead of a result';
export const FLOATING_REJECTION = 'a Promise it started rejected unawaited';

const BROADCAST = /Operands could not be broadcast together with shapes ([\d,]*) and ([\d,]*)/;
const INNER_SHAPES = /Error in matMul: inner shapes .* of Tensors with shapes ([\d,]*) and ([\d,]*)/;

function dims(text: string): number[] {
  return text === '' ? [] : text.split(',').map(Number);
}

/** `a` is `b` with its last axis reduced away (what x.max(-1) gives without keepDims). */
function lastAxisDropped(a: number[], b: number[]): boolean {
  return a.length === b.length - 1 && a.every((d, i) => d === b[i]);
}

function hintFor(message: string): RuntimeHint | undefined {
  if (message.includes(RETURNED_PROMISE)) return RUNTIME_HINTS.promise;
  if (message.includes(FLOATING_REJECTION)) return RUNTIME_HINTS.floatingRejection;
  if (/Tensor is disposed/.test(message)) return RUNTIME_HINTS.disposed;
  const inner = INNER_SHAPES.exec(message);
  if (inner && (dims(inner[1]).length >= 3 || dims(inner[2]).length >= 3)) return RUNTIME_HINTS.transposeBatch;
  const broadcast = BROADCAST.exec(message);
  if (!broadcast) return undefined;
  // matMul broadcasts only batch dimensions: a mismatch there is a transposed batch
  if (message.includes(IN_MATMUL)) return RUNTIME_HINTS.transposeBatch;
  const [a, b] = [dims(broadcast[1]), dims(broadcast[2])];
  return lastAxisDropped(a, b) || lastAxisDropped(b, a) ? RUNTIME_HINTS.keepDims : undefined;
}

/** The hints for a case's message: fixed texts, whatever else the message holds. */
export function hintsFor(message: string | undefined): RuntimeHint[] {
  const hint = message === undefined ? undefined : hintFor(message);
  return hint ? [hint] : [];
}
