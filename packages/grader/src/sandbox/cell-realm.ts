/**
 * What exercise cells run in inside a sandbox process, which runs all of one student's
 * exercises (a process per exercise costs a quarter of a second of CPU, Node and TF.js
 * starting, twelve times a student). So that nothing one exercise's cell does reaches another:
 *
 * - each exercise gets a fresh global object (a vm context), so its globals are its own;
 * - what the exercises share is frozen: the process's JavaScript built-ins
 *   (`--frozen-intrinsics`) and every object and function reachable from TF.js and
 *   @attnlab/core — namespaces, functions, classes, prototypes (sealShared);
 * - no code is made from strings (`--disallow-code-generation-from-strings`, and the contexts'
 *   own setting), so `fn.constructor('return process')` cannot reach the process's global;
 * - the TF.js functions that hand out TF.js's own mutable state (its engine, backend,
 *   environment, kernel and gradient registries, model IO and serialization registries) are
 *   withheld from cells.
 */
import * as vm from 'node:vm';

const CHANGES_TFJS = 'it changes TF.js for everything that runs after the cell';

/** The entries cells do not get, and why (restrictedModule's `withheld`). */
export const WITHHELD: Readonly<Record<string, string>> = Object.freeze({
  ...Object.fromEntries(
    [
      'engine',
      'env',
      'ENV',
      'backend',
      'findBackend',
      'findBackendFactory',
      'registerBackend',
      'removeBackend',
      'setBackend',
      'setPlatform',
      'registerKernel',
      'unregisterKernel',
      'registerGradient',
      'unregisterGradient',
      'getKernel',
      'getKernelsForBackend',
      'getGradient',
      'copyRegisteredKernels',
      'enableProdMode',
      'enableDebugMode',
      'disableDeprecationWarnings',
      'io',
      'serialization',
      'MathBackendCPU',
    ].map((name) => [`tf.${name}`, CHANGES_TFJS]),
  ),
  'core.initBackend': CHANGES_TFJS,
});

/** Typed-array constructors of the process: TF.js recognises only its own realm's typed arrays as data. */
const TYPED_ARRAYS = { Float32Array, Float64Array, Int32Array, Int16Array, Int8Array, Uint32Array, Uint16Array, Uint8Array, Uint8ClampedArray };

/**
 * Freezes every object and function reachable from `roots` (module namespaces, whose
 * re-exports are getters, are read through them), except the withheld entries' values,
 * which TF.js keeps changing. Typed arrays cannot be frozen; they hold numbers, not code.
 */
export function sealShared(roots: Readonly<Record<'tf' | 'core', object>>): void {
  const skip = new Set<unknown>();
  for (const entry of Object.keys(WITHHELD)) {
    const [root, name] = entry.split('.') as ['tf' | 'core', string];
    skip.add((roots[root] as Record<string, unknown>)[name]);
  }
  const seen = new Set<unknown>();
  const pending: unknown[] = [];
  for (const root of Object.values(roots)) {
    for (const key of Reflect.ownKeys(root)) {
      const d = Reflect.getOwnPropertyDescriptor(root, key)!;
      pending.push('value' in d ? d.value : d.get?.call(root), d.get, d.set);
    }
    Object.freeze(root);
  }
  while (pending.length > 0) {
    const value = pending.pop();
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value) || skip.has(value)) continue;
    seen.add(value);
    for (const key of Reflect.ownKeys(value)) {
      const d = Reflect.getOwnPropertyDescriptor(value, key)!;
      pending.push(d.value, d.get, d.set);
    }
    pending.push(Object.getPrototypeOf(value));
    if (!ArrayBuffer.isView(value)) Object.freeze(value);
  }
}

/**
 * A fresh global for one exercise's cell: no code from strings, a console that prints nothing
 * (the grader never shows what a cell prints), and the process's typed arrays.
 */
export function cellRealm(): vm.Context {
  const context = vm.createContext({ ...TYPED_ARRAYS }, { name: 'exercise cell', codeGeneration: { strings: false, wasm: false } });
  vm.runInContext("globalThis.console = Object.fromEntries(['log', 'info', 'warn', 'error', 'debug', 'table', 'dir', 'trace'].map((name) => [name, () => undefined]));", context);
  return context;
}
