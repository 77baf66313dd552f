// The attention bench on a tiny configuration: the rows it writes, not how fast anything is.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { AttentionRow, goalRatios, runAttentionBench, writeAttentionJson } from '../src/bench/attention-bench';
import { runTorch, TORCH_PYTHON } from '../src/bench/torch';

// Whether the Python has torch and numpy, found without importing them (an import of torch costs seconds).
const torchAvailable =
  spawnSync(TORCH_PYTHON, ['-c', 'import importlib.util, sys; sys.exit(0 if all(importlib.util.find_spec(m) for m in ("torch", "numpy")) else 1)']).status === 0;
const config = (python: string) => ({
  lengths: [16, 32],
  heads: 2,
  dim: 8,
  chunkedLengths: [48],
  reps: () => 1,
  warmup: () => 0,
  python,
});

function checkRows(rows: AttentionRow[], impls: string[]): void {
  const expected = [...[16, 32].flatMap((L) => impls.map((impl) => `${impl} ${L}`)), 'chunked 48'];
  expect(rows.map((r) => `${r.impl} ${r.L}`).sort()).toEqual(expected.sort());
  for (const r of rows) {
    expect(Object.keys(r).sort()).toEqual(['dim', 'gflops', 'heads', 'impl', 'L', 'ms', 'op', 'peakBytes', 'threads'].sort());
    expect(r.op).toBe('sdpa-forward');
    expect([r.heads, r.dim]).toEqual([r.impl === 'chunked' ? 1 : 2, 8]);
    expect(r.ms).toBeGreaterThan(0);
    // Attention's two products: 2 flops per multiply-add, heads·L²·dim multiply-adds each.
    expect(r.gflops * r.ms * 1e6).toBeCloseTo(4 * r.heads * r.L * r.L * r.dim, 0);
    expect(Number.isInteger(r.threads) && r.threads >= 1).toBe(true);
    if (r.impl === 'pytorch') expect(r.peakBytes).toBeNull();
    // core returns the weights [heads, L, L], so they exist at its peak; naive holds the scores.
    else if (r.impl === 'core' || r.impl === 'naive') expect(r.peakBytes).toBeGreaterThanOrEqual(r.heads * r.L * r.L * 4);
    else expect(r.peakBytes).toBeGreaterThan(0);
  }
}

describe('attention bench', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'attnlab-bench-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('without PyTorch: core, naive, matmul and chunked rows, a note on why PyTorch is missing, and the JSON file', async () => {
    const before = tf.memory().numTensors;
    const bench = await runAttentionBench(config('/nonexistent/python3'));
    expect(tf.memory().numTensors, 'tensors left behind').toBe(before);
    checkRows(bench.rows, ['core', 'naive', 'matmul']);
    expect(bench.torchSkipped).toContain('PyTorch not available via /nonexistent/python3');
    expect(goalRatios(bench.rows, 32).pytorch).toBeUndefined();
    const core = bench.rows.find((r) => r.impl === 'core' && r.L === 32)!;
    const matmul = bench.rows.find((r) => r.impl === 'matmul' && r.L === 32)!;
    expect(goalRatios(bench.rows, 32).matmul).toBeCloseTo(matmul.ms / core.ms, 10);
    for (const a of bench.agreement) expect(a.naive, `naive vs core at L=${a.L}`).toBeLessThan(1e-5);

    const file = path.join(dir, 'nested', 'attention.json');
    writeAttentionJson(file, bench.rows);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ rows: bench.rows });
  });

  it('says PyTorch is missing when the Python cannot import it, and that a run failed otherwise', () => {
    const python = path.join(dir, 'python-without-torch');
    writeFileSync(python, `#!/bin/sh\necho 'Traceback (most recent call last):' >&2\necho "ModuleNotFoundError: No module named 'torch'" >&2\nexit 1\n`);
    chmodSync(python, 0o755);
    expect(runTorch([], 0, [], python)).toEqual({
      skipped: `PyTorch not available via ${python} (ModuleNotFoundError: No module named 'torch'); set ATTNLAB_TORCH_PYTHON to a Python with torch`,
    });
    const crashing = path.join(dir, 'python-crashing');
    writeFileSync(crashing, `#!/bin/sh\necho 'RuntimeError: out of memory' >&2\nexit 1\n`);
    chmodSync(crashing, 0o755);
    expect(runTorch([], 0, [], crashing)).toEqual({ skipped: 'PyTorch run failed: RuntimeError: out of memory' });
  });

  it.skipIf(!torchAvailable)(`with PyTorch (${TORCH_PYTHON}): a pytorch row per length, with its thread count, agreeing with core`, async () => {
    const bench = await runAttentionBench(config(TORCH_PYTHON));
    checkRows(bench.rows, ['core', 'naive', 'matmul', 'pytorch']);
    expect(bench.torchVersion).toMatch(/^\d+\.\d+/);
    for (const a of bench.agreement) expect(a.pytorch, `PyTorch vs core at L=${a.L}`).toBeLessThan(1e-5);
    expect(goalRatios(bench.rows, 16).pytorch).toBeGreaterThan(0);
  });
});
