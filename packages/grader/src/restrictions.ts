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
  /** entries (`tf.engine`) the cell does not get at all, with why: not shortcuts, so not reported to onUse */
  withheld?: Readonly<Record<string, string>>;
}

type Tree = Map<string, Tree>;

/** Stands for an entry the cell is not given: using it fails with `why`. */
function unavailable(call: string, why: string): object {
  const refuse = () => {
    throw new Error(`${call} is not available to exercise cells in the grader: ${why}`);
  };
  return new Proxy(function withheldFunction() {}, { apply: refuse, construct: refuse, get: (target, key) => (typeof key === 'symbol' ? Reflect.get(target, key) : refuse()) });
}

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
    const entry = `${path}.${key}`;
    const why = options.withheld?.[entry];
    descriptors[key] = {
      value: why !== undefined ? unavailable(entry, why) : inner ? restrict(spec, value, below, entry, options) : blocked(spec, entry, options),
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
  for (const entry of [...spec.forbidden, ...Object.keys(options.withheld ?? {})]) {
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

/**
 * Guards, once for a whole sandbox session, every tensor method some exercise forbids: the
 * guard fails for the exercise `current()` names when it forbids the method, and calls the
 * real method otherwise. (A session's tensor prototype is then frozen, so it cannot be
 * patched per exercise as restrictTensorMethods does.)
 */
export function guardTensorMethods(specs: readonly ExerciseSpec[], tensorPrototype: object, current: () => ExerciseSpec | undefined, options: RestrictOptions = {}): void {
  const entries = new Set(specs.flatMap((s) => s.forbidden.filter((f) => f.startsWith('Tensor.'))));
  for (const entry of entries) {
    const method = entry.slice('Tensor.'.length);
    const real = (tensorPrototype as Record<string, unknown>)[method];
    if (typeof real !== 'function') continue;
    Object.defineProperty(tensorPrototype, method, {
      value: function guardedMethod(this: unknown, ...args: unknown[]): unknown {
        const spec = current();
        if (spec?.forbidden.includes(entry)) fail(spec, entry, options);
        return (real as (...a: unknown[]) => unknown).apply(this, args);
      },
      writable: true,
      enumerable: false,
      configurable: true,
    });
  }
}
