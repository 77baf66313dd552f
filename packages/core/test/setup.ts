// Every test file runs on the backend its vitest project names in ATTNLAB_BACKEND (see
// vitest.config.mts); wasm, what notebooks use here, when unset.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect } from 'vitest';
import { BackendName, initBackend } from '../src';

beforeAll(async () => {
  const name = (process.env.ATTNLAB_BACKEND || 'wasm') as BackendName;
  await initBackend(name);
  expect(tf.getBackend()).toBe(name);
});
