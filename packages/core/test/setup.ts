// Every test file runs on the wasm backend (what notebooks use here) unless it switches.
import { beforeAll } from 'vitest';
import { initBackend } from '../src';

beforeAll(async () => {
  await initBackend('wasm');
});
