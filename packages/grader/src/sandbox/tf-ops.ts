/**
 * TF.js for the sandbox, loaded before anything else there: @tensorflow/tfjs (its ops, tensor
 * methods and cpu backend) without the packages exercise cells never use (layers, converter,
 * data, WebGL), which are half its load time, paid again by every sandbox process. Later
 * `require('@tensorflow/tfjs')` calls (the grader's own modules, @attnlab/core) get this one.
 */
import Module from 'node:module';

const UNUSED = new Set(['@tensorflow/tfjs-layers', '@tensorflow/tfjs-converter', '@tensorflow/tfjs-data', '@tensorflow/tfjs-backend-webgl']);

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Load };
const load = loader._load;
loader._load = (request, parent, isMain) => (UNUSED.has(request) ? {} : load(request, parent, isMain));
try {
  require('@tensorflow/tfjs');
} finally {
  loader._load = load;
}
