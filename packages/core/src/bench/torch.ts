// PyTorch on the same machine, same inputs, float32, at its default thread count (what a user
// would run): the outside yardstick.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface TorchCase {
  /** files holding q, k, v as float32 [B, H, L, d] */
  file: string;
  shape: [number, number, number, number, number, number];
  causal: boolean;
}

export interface TorchResult {
  medianMs: number;
  output: Float32Array;
}

export interface TorchRun {
  version: string;
  /** torch.get_num_threads() */
  threads: number;
  results: TorchResult[];
}

// torch 1.13 has no F.scaled_dot_product_attention (added in 2.0), so this is the same
// formula PyTorch's own nn.MultiheadAttention used then: bmm, softmax, bmm.
const SCRIPT = `
import json, sys, time, statistics
import numpy as np, torch
cases, warmup = json.loads(sys.argv[1]), int(sys.argv[2])
print(json.dumps({"version": torch.__version__, "threads": torch.get_num_threads()}), flush=True)
for c in cases:
    B, H, L, Lk, d, dv = c["shape"]
    raw = np.fromfile(c["file"], dtype=np.float32)
    q = torch.from_numpy(raw[: B*H*L*d].reshape(B, H, L, d).copy())
    k = torch.from_numpy(raw[B*H*L*d : B*H*(L*d + Lk*d)].reshape(B, H, Lk, d).copy())
    v = torch.from_numpy(raw[B*H*(L*d + Lk*d):].reshape(B, H, Lk, dv).copy())
    mask = torch.ones(L, Lk).tril().bool() if c["causal"] else None
    def run():
        with torch.no_grad():
            s = q @ k.transpose(-2, -1) / d ** 0.5
            if mask is not None:
                s = s.masked_fill(~mask, float("-inf"))
            return torch.softmax(s, dim=-1) @ v
    for _ in range(warmup):
        run()
    times = []
    for _ in range(c["reps"]):
        t0 = time.perf_counter()
        out = run()
        times.append((time.perf_counter() - t0) * 1000)
    out.numpy().astype(np.float32).tofile(c["file"] + ".out")
    print(json.dumps({"medianMs": statistics.median(times)}), flush=True)
`;

export const TORCH_PYTHON = process.env.ATTNLAB_TORCH_PYTHON ?? '/usr/bin/python3';

/**
 * Runs every case in one Python process (`reps` may differ per case); `skipped` says why when
 * torch is unavailable or fails.
 */
export function runTorch(cases: TorchCase[], warmup: number, reps: number[], python = TORCH_PYTHON): TorchRun | { skipped: string } {
  // No separate probe: importing torch costs seconds, so the run itself says when it is missing.
  const run = spawnSync(python, ['-c', SCRIPT, JSON.stringify(cases.map((c, i) => ({ ...c, reps: reps[i] }))), String(warmup)], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  const why = run.error ? run.error.message : (run.stderr.trim().split('\n').pop() ?? '');
  if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' || /^(ModuleNotFoundError|ImportError)\b/.test(why)) {
    return { skipped: `PyTorch not available via ${python} (${why}); set ATTNLAB_TORCH_PYTHON to a Python with torch` };
  }
  if (run.error || run.status !== 0) return { skipped: `PyTorch run failed: ${why}` };
  const [head, ...lines] = run.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const results = lines.map((r: { medianMs: number }, i: number) => {
    const buf = readFileSync(path.resolve(cases[i].file + '.out'));
    return { medianMs: r.medianMs, output: new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4) };
  });
  return { version: head.version, threads: head.threads, results };
}

export function writeInputs(file: string, arrays: Float32Array[]): void {
  writeFileSync(file, Buffer.concat(arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))));
}
