// Backend choice: fastest that loads, forced by argument or ATTNLAB_BACKEND, clear errors.
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initBackend } from '../src';

/** Whether the native backend really loads here (it may be absent, or present without its binary). */
function loads(pkg: string): boolean {
  try {
    require(pkg);
    return true;
  } catch {
    return false;
  }
}
const nativeLoads = loads('@tensorflow/tfjs-node');

describe('initBackend', () => {
  const saved = process.env.ATTNLAB_BACKEND;
  afterEach(async () => {
    if (saved === undefined) delete process.env.ATTNLAB_BACKEND;
    else process.env.ATTNLAB_BACKEND = saved;
    await initBackend('wasm');
  });

  it('picks the fastest backend that loads and says why', async () => {
    delete process.env.ATTNLAB_BACKEND;
    const choice = await initBackend();
    if (nativeLoads) {
      expect(choice.name).toBe('tensorflow');
    } else {
      expect(choice.name).toBe('wasm');
      expect(choice.reason).toMatch(/because @tensorflow\/tfjs-node (is not installed|could not be loaded)/);
    }
    expect(tf.getBackend()).toBe(choice.name);
  });

  it('ATTNLAB_BACKEND=cpu forces cpu, without the tfjs "install tfjs-node" banner', async () => {
    process.env.ATTNLAB_BACKEND = 'cpu';
    const warn = vi.spyOn(console, 'warn');
    const log = vi.spyOn(console, 'log');
    const choice = await initBackend();
    expect(choice).toEqual({ name: 'cpu', reason: expect.stringContaining('ATTNLAB_BACKEND=cpu') });
    expect(tf.getBackend()).toBe('cpu');
    tf.tidy(() => tf.add(tf.ones([2]), 1).dataSync());
    expect([...warn.mock.calls, ...log.mock.calls].flat().join(' ')).not.toMatch(/tfjs-node/);
    warn.mockRestore();
    log.mockRestore();
  });

  it('the argument forces a backend too', async () => {
    process.env.ATTNLAB_BACKEND = 'cpu';
    expect((await initBackend('wasm')).name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('an unknown ATTNLAB_BACKEND is a clear error', async () => {
    process.env.ATTNLAB_BACKEND = 'gpu';
    await expect(initBackend()).rejects.toThrow(/ATTNLAB_BACKEND=gpu: unknown backend "gpu"; use one of tensorflow, wasm, cpu/);
  });

  it.skipIf(nativeLoads)('forcing a backend that cannot load is an error, not a silent fallback', async () => {
    process.env.ATTNLAB_BACKEND = 'tensorflow';
    await expect(initBackend()).rejects.toThrow(/ATTNLAB_BACKEND=tensorflow: cannot use the tensorflow backend: @tensorflow\/tfjs-node (is not installed|could not be loaded)/);
  });
});
