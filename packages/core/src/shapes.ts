// Shape checks shared by every public function. Each error names the function, the
// argument and the shapes involved, so a learner can see at once which input is wrong.
import * as tf from '@tensorflow/tfjs';

export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}

/** Throws unless `t` has at least `minRank` dimensions. */
export function assertMinRank(fn: string, name: string, t: tf.Tensor, minRank: number, expected: string): void {
  if (t.rank < minRank) {
    throw new Error(`${fn}: ${name} must have shape ${expected}, got ${formatShape(t.shape)}`);
  }
}

/** Throws unless `t` has exactly `rank` dimensions. */
export function assertRank(fn: string, name: string, t: tf.Tensor, rank: number, expected: string): void {
  if (t.rank !== rank) {
    throw new Error(`${fn}: ${name} must have shape ${expected}, got ${formatShape(t.shape)}`);
  }
}

/**
 * Throws unless `shape` broadcasts to exactly `target` (NumPy rules, aligned on the
 * right; a mask may repeat over a dimension but never enlarge the result).
 */
export function assertBroadcastsTo(fn: string, name: string, shape: readonly number[], targetName: string, target: readonly number[]): void {
  const offset = target.length - shape.length;
  const ok = offset >= 0 && shape.every((d, i) => d === 1 || d === target[i + offset]);
  if (!ok) {
    throw new Error(
      `${fn}: ${name} ${formatShape(shape)} does not broadcast to ${targetName} ${formatShape(target)}; ` +
        `give it the shape ${formatShape(target)} or one with 1 in the dimensions to repeat`,
    );
  }
}

/** Throws unless two named sizes agree; `shapes` lists the arguments involved for context. */
export function assertSameSize(fn: string, what: string, actual: number, expectedWhat: string, expected: number, shapes: Record<string, tf.Tensor>): void {
  if (actual !== expected) {
    const context = Object.entries(shapes)
      .map(([k, t]) => `${k} ${formatShape(t.shape)}`)
      .join(', ');
    throw new Error(`${fn}: ${what} ${actual} does not match ${expectedWhat} ${expected} (${context})`);
  }
}

/** Size of dimension `axis` of `t`, counting from the end when negative. */
export function dim(t: tf.Tensor, axis: number): number {
  return t.shape[axis < 0 ? t.rank + axis : axis] as number;
}
