// `npm run bench` (core): attention's speed and memory next to reference implementations,
// measured side by side on this machine; writes dist/bench/attention.json at the repository root.
import os from 'node:os';
import path from 'node:path';
import { initBackend } from '../index';
import { AttentionRow, goalRatios, runAttentionBench, writeAttentionJson } from './attention-bench';

const GOAL_L = 512;
const GOALS = { matmul: 0.75, pytorch: 0.4 };
// Fewer runs where one run takes seconds, so the whole bench stays around a minute or two.
const reps = (L: number, impl: string) => (L >= 16384 ? 2 : L >= 4096 ? 3 : L >= 2048 ? (impl === 'naive' ? 2 : 3) : 9);
const warmup = (L: number) => (L >= 16384 ? 0 : L >= 2048 ? 1 : 2);

const progress = (msg: string) => process.stderr.write(`  … ${msg}\n`);

function fmt(x: number, digits = 2): string {
  return x >= 100 ? x.toFixed(0) : x.toFixed(digits);
}

function table(rows: AttentionRow[]): string[] {
  const MiB = 1024 * 1024;
  const header = ['impl', 'L', 'heads', 'dim', 'ms', 'GFLOP/s', 'peak MiB', 'threads'];
  const cells = rows.map((r) => [
    r.impl,
    String(r.L),
    String(r.heads),
    String(r.dim),
    fmt(r.ms),
    fmt(r.gflops),
    r.peakBytes === null ? '—' : fmt(r.peakBytes / MiB, 1),
    String(r.threads),
  ]);
  const widths = header.map((h, j) => Math.max(h.length, ...cells.map((c) => c[j].length)));
  const line = (c: string[]) => c.map((x, j) => (j === 0 ? x.padEnd(widths[j]) : x.padStart(widths[j]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)];
}

async function main(): Promise<void> {
  const started = performance.now();
  const backend = await initBackend();
  console.log(`attnlab bench: attention forward, float32, batch 1, TF.js backend ${backend.name}`);
  console.log(`  (${backend.reason})`);
  const bench = await runAttentionBench({ lengths: [128, 512, 2048], heads: 8, dim: 64, chunkedLengths: [4096, 16384], reps, warmup, progress });
  const root = path.resolve(__dirname, '..', '..', '..', '..');
  const out = path.join(root, 'dist', 'bench', 'attention.json');
  writeAttentionJson(out, bench.rows);

  const tfThreads = bench.rows.find((r) => r.impl === 'core')?.threads;
  const torchRow = bench.rows.find((r) => r.impl === 'pytorch');
  console.log();
  console.log(`core, naive, matmul, chunked: TF.js ${bench.backend} backend, ${tfThreads} thread(s)`);
  console.log(torchRow ? `pytorch: PyTorch ${bench.torchVersion} (bmm, softmax, bmm), its default ${torchRow.threads} thread(s)` : `pytorch: skipped (${bench.torchSkipped})`);
  console.log();
  table(bench.rows).forEach((l) => console.log(l));
  console.log();
  console.log('naive: the unfused TF.js composition (per-head slices, no tidy); matmul: the same backend doing');
  console.log("attention's two products as plain 2-D matMuls over all heads' rows, [H·L, d]·[d, L] and [H·L, L]·[L, d]");
  console.log('(the roofline); chunked: chunkedAttention, one head, default block size. ms: median; GFLOP/s counts');
  console.log("4·heads·L²·dim for every row; peak MiB: tf.profile's peakBytes, which counts every live tensor handle");
  console.log('(a reshaped view counts again), so it is an upper bound on the memory actually held.');
  for (const a of bench.agreement) {
    console.log(`max |output - core output| at L=${a.L}: naive ${a.naive.toExponential(1)}${a.pytorch === undefined ? '' : `, PyTorch ${a.pytorch.toExponential(1)}`}`);
  }
  const ratios = goalRatios(bench.rows, GOAL_L);
  const say = (name: string, r: number | undefined, goal: number) =>
    r === undefined ? `${name}: not measured` : `${name} = ${r.toFixed(2)} (goal ≥ ${goal}: ${r >= goal ? 'met' : 'not met'})`;
  console.log();
  console.log(`goal ratios at L=${GOAL_L} (throughput, above 1: core is faster):`);
  console.log(`  ${say('core / matmul', ratios.matmul, GOALS.matmul)}`);
  console.log(`  ${say('core / PyTorch', ratios.pytorch, GOALS.pytorch)}`);
  console.log();
  console.log(
    `wrote ${path.relative(root, out)}; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores; total ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
