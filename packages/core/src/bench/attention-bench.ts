// The measurements behind `npm run bench` for attention, as rows of dist/bench/attention.json:
// core's scaledDotProductAttention, the naive TF.js composition, the same backend's plain 2-D
// matMul doing attention's FLOPs (the roofline attention cannot beat on that backend), PyTorch,
// and chunkedAttention at lengths where the full score matrix would be large.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { chunkedAttention, scaledDotProductAttention } from '../index';
import { naiveTfjsAttention } from './references';
import { Contender, timeInterleaved } from './timing';
import { runTorch, TORCH_PYTHON, writeInputs } from './torch';

export type Impl = 'core' | 'naive' | 'matmul' | 'pytorch' | 'chunked';

export interface AttentionRow {
  op: 'sdpa-forward';
  impl: Impl;
  L: number;
  heads: number;
  dim: number;
  /** median wall-clock milliseconds per call */
  ms: number;
  /** attention's nominal 4·heads·L²·dim flops (its two products) per second, in 10⁹ */
  gflops: number;
  /** extra tensor bytes held at the peak of one call; null where not measured (PyTorch) */
  peakBytes: number | null;
  threads: number;
}

export interface AttentionBenchConfig {
  /** lengths for core, naive, matmul and PyTorch (batch 1) */
  lengths: number[];
  heads: number;
  dim: number;
  /** lengths for chunkedAttention (one head) */
  chunkedLengths: number[];
  /** timed runs per length (after `warmup` untimed ones); slow contenders may use fewer */
  reps: (L: number, impl: Impl) => number;
  warmup: (L: number) => number;
  /** the Python with torch; PyTorch rows are skipped with a note when it cannot import torch */
  python?: string;
  progress?: (msg: string) => void;
}

export interface AttentionBench {
  backend: string;
  rows: AttentionRow[];
  /** why PyTorch was skipped, when it was */
  torchSkipped?: string;
  torchVersion?: string;
  /** max |output - core output| per length, for naive and PyTorch */
  agreement: { L: number; naive: number; pytorch?: number }[];
}

export const flops = (L: number, heads: number, dim: number): number => 4 * heads * L * L * dim;

/** Threads the active TF.js backend computes with. */
export function backendThreads(): number {
  const name = tf.getBackend();
  if (name === 'wasm') return getThreadsCount();
  // tfjs-node runs TensorFlow's own pool, one thread per core by default.
  if (name === 'tensorflow') return os.cpus().length;
  return 1;
}

/** Extra bytes held at the peak of fn (inputs excluded), as tf.profile records it. */
async function peakBytes(fn: () => tf.Tensor[]): Promise<number> {
  const before = tf.memory().numBytes;
  const info = await tf.profile(() => {
    tf.dispose(fn());
  });
  return info.peakBytes - before;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Runs every measurement of `config` on the active backend. */
export async function runAttentionBench(config: AttentionBenchConfig): Promise<AttentionBench> {
  const { heads: H, dim: d } = config;
  const progress = config.progress ?? (() => undefined);
  const threads = backendThreads();
  const row = (impl: Impl, L: number, heads: number, ms: number, peak: number | null, t = threads): AttentionRow => ({
    op: 'sdpa-forward',
    impl,
    L,
    heads,
    dim: d,
    ms,
    gflops: flops(L, heads, d) / ms / 1e6,
    peakBytes: peak,
    threads: t,
  });
  const rows: AttentionRow[] = [];
  const agreement: AttentionBench['agreement'] = [];
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'attnlab-bench-'));
  try {
    const inputs = config.lengths.map((L, i) => {
      const [q, k, v] = [0, 1, 2].map((j) => tf.randomNormal([1, H, L, d], 0, 1, 'float32', 3 * i + j) as tf.Tensor4D);
      const file = path.join(tmp, `L${L}.bin`);
      writeInputs(
        file,
        [q, k, v].map((t) => t.dataSync() as Float32Array),
      );
      return { L, q, k, v, file };
    });

    // PyTorch runs in its own process, so its runs cannot be interleaved with TF.js's; it runs
    // before and after them and keeps the faster median of the two, so that a burst of load from
    // other processes during one run does not decide its ratio (this errs in PyTorch's favour).
    const timeTorch = () =>
      runTorch(
        inputs.map(({ L, file }) => ({ file, shape: [1, H, L, L, d, d], causal: false })),
        Math.max(...config.lengths.map(config.warmup)),
        config.lengths.map((L) => config.reps(L, 'pytorch')),
        config.python ?? TORCH_PYTHON,
      );
    progress(`PyTorch: timing ${config.lengths.length} lengths in one Python process (first of two runs)`);
    const torch = timeTorch();
    if ('skipped' in torch) progress(`PyTorch skipped: ${torch.skipped}`);

    for (const [i, { L, q, k, v }] of inputs.entries()) {
      progress(`L=${L}: checking outputs agree`);
      const ours = tf.tidy(() => scaledDotProductAttention(q, k, v).output.dataSync());
      const naive = tf.tidy(() => naiveTfjsAttention(q, k, v).dataSync());
      const torchResult = 'results' in torch ? torch.results[i] : undefined;
      agreement.push({ L, naive: maxAbsDiff(naive, ours), ...(torchResult ? { pytorch: maxAbsDiff(torchResult.output, ours) } : {}) });

      // The roofline: attention's two products as single 2-D matMuls over all heads' rows,
      // [H·L, d]·[d, L] and [H·L, L]·[L, d], the same flops with nothing else around them.
      const [a, b, c] = [tf.randomNormal([H * L, d]), tf.randomNormal([d, L]), tf.randomNormal([L, d])];
      const matmul = (): tf.Tensor[] => {
        const s = tf.matMul(a, b);
        const o = tf.matMul(s, c);
        s.dispose();
        return [o];
      };
      const contenders: Record<'core' | 'naive' | 'matmul', () => tf.Tensor[]> = {
        core: () => {
          const r = scaledDotProductAttention(q, k, v);
          return [r.output, r.weights];
        },
        naive: () => [naiveTfjsAttention(q, k, v)],
        matmul,
      };
      progress(`L=${L}: timing core, naive and matmul, interleaved`);
      const timed = Object.fromEntries(
        Object.entries(contenders).map(([impl, fn]) => [
          impl,
          {
            reps: config.reps(L, impl as Impl),
            run: () => {
              const out = fn();
              out[0].dataSync();
              tf.dispose(out);
            },
          } satisfies Contender,
        ]),
      ) as Record<keyof typeof contenders, Contender>;
      const ms = timeInterleaved(timed, config.warmup(L));
      progress(`L=${L}: peak memory`);
      for (const [impl, fn] of Object.entries(contenders)) rows.push(row(impl as Impl, L, H, ms[impl as keyof typeof contenders], await peakBytes(fn)));
      tf.dispose([a, b, c]);
    }
    tf.dispose(inputs.flatMap((x) => [x.q, x.k, x.v]));
    if ('results' in torch) {
      progress('PyTorch: second run');
      const again = timeTorch();
      config.lengths.forEach((L, i) => {
        const ms = Math.min(torch.results[i].medianMs, 'results' in again ? again.results[i].medianMs : Infinity);
        rows.push(row('pytorch', L, H, ms, null, torch.threads));
      });
    }

    for (const L of config.chunkedLengths) {
      progress(`chunked L=${L}: timing and peak memory`);
      const [q, k, v] = [0, 1, 2].map((j) => tf.randomNormal([1, 1, L, d], 0, 1, 'float32', 100 + j));
      const once = () => {
        const out = chunkedAttention(q, k, v);
        out.dataSync();
        out.dispose();
      };
      const ms = timeInterleaved({ chunked: { reps: config.reps(L, 'chunked'), run: once } }, config.warmup(L));
      rows.push(row('chunked', L, 1, ms.chunked, await peakBytes(() => [chunkedAttention(q, k, v)])));
      tf.dispose([q, k, v]);
    }
    const order: Impl[] = ['core', 'naive', 'matmul', 'pytorch', 'chunked'];
    rows.sort((a, b) => Number(a.impl === 'chunked') - Number(b.impl === 'chunked') || a.L - b.L || order.indexOf(a.impl) - order.indexOf(b.impl));
    return {
      backend: tf.getBackend(),
      rows,
      agreement,
      ...('skipped' in torch ? { torchSkipped: torch.skipped } : { torchVersion: torch.version }),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Writes { rows } to `file` (creating its folder). */
export function writeAttentionJson(file: string, rows: AttentionRow[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ rows }, null, 2)}\n`);
}

/**
 * The goal ratios at length L, as throughputs (above 1: core is faster): core against the
 * matmul roofline and against PyTorch; undefined where a row is missing.
 */
export function goalRatios(rows: AttentionRow[], L: number): { matmul?: number; pytorch?: number } {
  const at = (impl: Impl) => rows.find((r) => r.impl === impl && r.L === L);
  const core = at('core');
  const ratio = (impl: Impl) => {
    const other = at(impl);
    return core && other ? other.ms / core.ms : undefined;
  };
  return { matmul: ratio('matmul'), pytorch: ratio('pytorch') };
}
