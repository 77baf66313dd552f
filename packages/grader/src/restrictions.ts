/**
 * The run-time half of "no shortcut": what an exercise's cell is handed instead of the real
 * modules. A forbidden function is replaced by a stand-in that throws describeShortcuts'
 * message, so whatever hides a call from the static check (a name built at run time, a
 * copied module) still ends in the same verdict.
 */
import type { ExerciseSpec } from './exercises/spec';
import { describeShortcuts, forbiddenUse, type Shortcut } from './shortcut-report';

export interface RestrictOptions {
  /** told of every use of a forbidden function, even one the cell catches and hides */
  onUse?: (shortcut: Shortcut) => void;
}

type Tree = Map<string, Tree>;

function fail(spec: ExerciseSpec, call: string, options: RestrictOptions): never {
  const shortcut = forbiddenUse(spec, call);
  options.onUse?.(shortcut);
  throw new Error(describeShortcuts(spec, [shortcut]));
}

/**
 * Stands for a forbidden function, class or namespace: calling it, constructing it or reading
 * any property of it (`core.MultiHeadAttention.fromPyTorch`, `tf.layers.softmax`) fails.
 */
function blocked(spec: ExerciseSpec, call: string, options: RestrictOptions): object {
  return new Proxy(function blockedFunction() {}, {
    apply: () => fail(spec, call, options),
    construct: () => fail(spec, call, options),
    get: (target, key) => (typeof key === 'symbol' ? Reflect.get(target, key) : fail(spec, call, options)),
  });
}

/** A copy of `real` whose forbidden entries (`tree`, below `path`) are blocked; the rest reads through. */
function restrict(spec: ExerciseSpec, real: object, tree: Tree, path: string, options: RestrictOptions): object {
  const descriptors = Object.getOwnPropertyDescriptors(real);
  const copy = Object.create(Object.getPrototypeOf(real) as object | null) as Record<string, unknown>;
  for (const [key, below] of tree) {
    const value = (real as Record<string, unknown>)[key];
    const inner = below.size > 0 && typeof value === 'object' && value !== null;
    descriptors[key] = {
      value: inner ? restrict(spec, value, below, `${path}.${key}`, options) : blocked(spec, `${path}.${key}`, options),
      enumerable: true,
      writable: false,
      configurable: false,
    };
  }
  // a namespace import's `default` is the whole real module: it must be this copy instead
  if ('default' in descriptors) descriptors.default = { value: copy, enumerable: false, writable: false, configurable: false };
  Object.defineProperties(copy, descriptors);
  return copy;
}

/**
 * `real` (the tf or core module, or a namespace copy of one) without the functions `spec`
 * forbids: calling one throws an Error whose message is describeShortcuts'.
 */
export function restrictedModule(spec: ExerciseSpec, name: '@tensorflow/tfjs' | '@attnlab/core', real: object, options: RestrictOptions = {}): object {
  const root = name === '@attnlab/core' ? 'core' : 'tf';
  const tree: Tree = new Map();
  for (const entry of spec.forbidden) {
    if (!entry.startsWith(`${root}.`)) continue;
    let node = tree;
    for (const part of entry.slice(root.length + 1).split('.')) {
      if (!node.has(part)) node.set(part, new Map());
      node = node.get(part)!;
    }
  }
  return restrict(spec, real, tree, root, options);
}

/**
 * Replaces the tensor methods `spec` forbids (`Tensor.softmax`: x.softmax()) on
 * `tensorPrototype` with ones that throw describeShortcuts' message, for the run of one
 * exercise; returns the undo.
 */
export function restrictTensorMethods(spec: ExerciseSpec, tensorPrototype: object, options: RestrictOptions = {}): () => void {
  const saved = new Map<string, PropertyDescriptor | undefined>();
  for (const entry of spec.forbidden) {
    if (!entry.startsWith('Tensor.')) continue;
    const method = entry.slice('Tensor.'.length);
    saved.set(method, Object.getOwnPropertyDescriptor(tensorPrototype, method));
    Object.defineProperty(tensorPrototype, method, {
      value: function forbiddenMethod() {
        fail(spec, entry, options);
      },
      writable: true,
      enumerable: false,
      configurable: true,
    });
  }
  return () => {
    for (const [method, descriptor] of saved) {
      if (descriptor) Object.defineProperty(tensorPrototype, method, descriptor);
      else delete (tensorPrototype as Record<string, unknown>)[method];
    }
  };
}
