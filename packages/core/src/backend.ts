// Chooses the TensorFlow.js backend. It must run before the first tensor op: tfjs picks a
// backend lazily on first use, and if that is the pure-JS cpu backend in Node it prints a
// "install tfjs-node" banner, which we avoid by always setting the backend ourselves.
import * as tf from '@tensorflow/tfjs';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';
export interface BackendChoice {
  name: BackendName;
  reason: string;
}

const BACKENDS: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];
const PACKAGES: Record<BackendName, string> = {
  tensorflow: '@tensorflow/tfjs-node',
  wasm: '@tensorflow/tfjs-backend-wasm',
  cpu: '@tensorflow/tfjs (built in)',
};

/** Loads and activates one backend; resolves to null, or to why it cannot. */
async function tryBackend(name: BackendName): Promise<string | null> {
  try {
    // tfjs-node is an optional dependency (its install downloads libtensorflow, which
    // fails offline), so it is required at run time rather than imported.
    if (name === 'tensorflow') require('@tensorflow/tfjs-node');
    if (name === 'wasm') require('@tensorflow/tfjs-backend-wasm');
    if (!(await tf.setBackend(name))) return `${PACKAGES[name]} failed to initialise`;
    await tf.ready();
  } catch (err) {
    const e = err as Error & { code?: string };
    if (e.code === 'MODULE_NOT_FOUND' && e.message.includes(PACKAGES[name])) {
      return `${PACKAGES[name]} is not installed${name === 'tensorflow' ? ' (an optional dependency: npm install @tensorflow/tfjs-node)' : ''}`;
    }
    return `${PACKAGES[name]} could not be loaded (${e.message.split('\n')[0]})`;
  }
  if (name === 'cpu') {
    // The cpu backend prints its "install tfjs-node" banner on first write; we have already
    // said which backend is in use and why, so mark the banner as shown.
    (tf.engine().backend as unknown as { firstUse: boolean }).firstUse = false;
  }
  return null;
}

async function describe(name: BackendName): Promise<string> {
  if (name === 'tensorflow') return 'native TensorFlow (@tensorflow/tfjs-node)';
  if (name === 'wasm') {
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    return `WebAssembly (@tensorflow/tfjs-backend-wasm, ${simd ? 'SIMD' : 'no SIMD'}, ${threads ? 'multi-threaded' : 'single thread'})`;
  }
  return 'plain JavaScript (cpu)';
}

/**
 * Activates the fastest backend that loads: tfjs-node, else wasm, else cpu.
 * `prefer` (or else the ATTNLAB_BACKEND environment variable) forces one backend, and
 * then failing to load it is an error rather than a silent fallback.
 */
export async function initBackend(prefer?: BackendName): Promise<BackendChoice> {
  const env = process.env.ATTNLAB_BACKEND?.trim();
  const requested = prefer ?? (env ? env : undefined);
  const source = prefer ? `initBackend('${prefer}')` : `ATTNLAB_BACKEND=${env}`;
  if (requested !== undefined) {
    if (!BACKENDS.includes(requested as BackendName)) {
      throw new Error(`${source}: unknown backend "${requested}"; use one of ${BACKENDS.join(', ')} ` + `(or leave it unset to pick the fastest that loads)`);
    }
    const name = requested as BackendName;
    const failure = await tryBackend(name);
    if (failure) {
      throw new Error(`${source}: cannot use the ${name} backend: ${failure}. Use another (${BACKENDS.join(', ')}) or none to pick the fastest that loads.`);
    }
    return { name, reason: `${await describe(name)}, forced by ${source}` };
  }
  const skipped: string[] = [];
  for (const name of BACKENDS) {
    const failure = await tryBackend(name);
    if (!failure) {
      const why = skipped.length ? ` because ${skipped.join('; ')}` : ' (fastest available)';
      return { name, reason: `${await describe(name)}${why}` };
    }
    skipped.push(failure);
  }
  throw new Error(`initBackend: no TensorFlow.js backend could be loaded: ${skipped.join('; ')}`);
}
