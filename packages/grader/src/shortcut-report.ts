// What a shortcut is and the one message students see for it, in the notebook check, the
// compile worker and the sandbox alike. Free of the TypeScript compiler, so the sandbox and
// the notebook's first import stay light (shortcuts.ts holds the static scan).
import type { ExerciseSpec } from './exercises/spec';

export interface Shortcut {
  /** what the cell uses, e.g. `core.maskedSoftmax`, `Tensor.softmax`, `require('@attnlab/core')` */
  call: string;
  /** 1-based line in the checked source; 0 when it was caught at run time */
  line: number;
  why: string;
}

export function isTensorEntry(entry: string): boolean {
  return entry.startsWith('Tensor.');
}

/** Why using `call` in `spec`'s cell is a shortcut, in the student's words. */
export function reason(spec: ExerciseSpec, call: string): string {
  const leaf = call.slice(call.lastIndexOf('.') + 1);
  if (call === `core.${spec.id}`) return `${call} is the finished version of this exercise`;
  if (call.startsWith('Tensor.')) return `x.${leaf}() is ${leaf === spec.id ? 'the TF.js op this exercise asks you to write' : `a finished ${spec.id}`}, as a tensor method`;
  if (call.startsWith('tf.') && leaf === spec.id) return `${call} is the TF.js op this exercise asks you to write`;
  if (call.startsWith('core.')) return `${call} contains a finished ${spec.id}`;
  return `${call} computes ${spec.id} for you`;
}

/** A shortcut through `call`, a forbidden entry of `spec` (run-time checks report line 0). */
export function forbiddenUse(spec: ExerciseSpec, call: string, line = 0): Shortcut {
  return { call, line, why: reason(spec, call) };
}

/** The one message students see for a shortcut, in the notebook check and the grader alike. */
export function describeShortcuts(spec: ExerciseSpec, found: readonly Shortcut[]): string {
  const where = (s: Shortcut) => (s.line > 0 ? `line ${s.line} uses ${s.call}` : `it called ${s.call}`);
  const own = spec.dependsOn?.length ? ` and your own ${spec.dependsOn.join(', ')}` : '';
  const lines = [`shortcut: ${spec.id} must be written with tf operations${own}, but ${where(found[0])}: ${found[0].why}`];
  if (found.length > 1) lines.push(...found.slice(1).map((s) => `also ${where(s)}: ${s.why}`));
  lines.push(`A shortcut scores 0 points.${spec.forbidden.length ? ` ${spec.id} may not use ${spec.forbidden.join(', ')}.` : ''}`);
  return lines.join('\n');
}
