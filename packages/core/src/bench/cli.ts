// `npm run bench`: attnlab's attention speed and memory as ratios to reference implementations
// (unfused TF.js, plain JavaScript, and PyTorch when available), measured side by side.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { causalMask, initBackend, scaledDotProductAttention } from '../index';
import { naiveTfjsAttention, plainJsAttention } from './references';
import { timeInterleaved } from './timing';
import { runTorch, TorchCase, writeInputs } from './torch';

interface Case {
  B: number;
  H: number;
  L: number;
  d: number;
  causal: boolean;
}

const CASES: Case[] = [
  { B: 4, H: 8, L: 128, d: 64, causal: false },
  { B: 4, H: 8, L: 128, d: 64, causal: true },
  { B: 1, H: 8, L: 512, d: 64, causal: false },
  { B: 16, H: 4, L: 32, d: 16, causal: false },
];
const WARMUP = 2;
const REPS = 7;
const JS_REPS = 5;

const label = (c: Case) => `B=${c.B} H=${c.H} L=${c.L} d=${c.d}${c.causal ? ' causal' : ''}`;
const progress = (msg: string) => process.stderr.write(`  … ${msg}\n`);

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Extra bytes held at the peak of fn (inputs excluded), as tf.profile records it. */
async function peakBytes(fn: () => tf.Tensor[]): Promise<number> {
  const before = tf.memory().numBytes;
  const info = await tf.profile(() => {
    tf.dispose(fn());
  });
  return info.peakBytes - before;
}

function fmt(x: number, digits = 2): string {
  return x >= 100 ? x.toFixed(0) : x.toFixed(digits);
}

async function main(): Promise<void> {
  const started = performance.now();
  const backend = await initBackend();
  console.log(`attnlab bench: scaled dot-product attention, float32, backend ${backend.name}`);
  console.log(`  (${backend.reason})`);

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'attnlab-bench-'));
  const inputs = CASES.map((c, i) => {
    const q = tf.randomNormal([c.B, c.H, c.L, c.d], 0, 1, 'float32', 3 * i) as tf.Tensor4D;
    const k = tf.randomNormal([c.B, c.H, c.L, c.d], 0, 1, 'float32', 3 * i + 1) as tf.Tensor4D;
    const v = tf.randomNormal([c.B, c.H, c.L, c.d], 0, 1, 'float32', 3 * i + 2) as tf.Tensor4D;
    const data = [q, k, v].map((t) => t.dataSync() as Float32Array);
    const file = path.join(tmp, `case${i}.bin`);
    writeInputs(file, data);
    return { q, k, v, data, file, mask: c.causal ? causalMask(c.L) : undefined };
  });

  progress(`PyTorch: timing ${CASES.length} shapes in one Python process (1 thread)`);
  const torchCases: TorchCase[] = CASES.map((c, i) => ({
    file: inputs[i].file,
    shape: [c.B, c.H, c.L, c.L, c.d, c.d],
    causal: c.causal,
  }));
  const torch = runTorch(torchCases, WARMUP, REPS);
  if ('skipped' in torch) progress(`PyTorch skipped: ${torch.skipped}`);

  const rows: string[][] = [];
  for (const [i, c] of CASES.entries()) {
    const { q, k, v, data, mask } = inputs[i];
    progress(`[${i + 1}/${CASES.length}] ${label(c)}: checking outputs agree`);
    const ours = scaledDotProductAttention(q, k, v, { mask });
    const oursOut = ours.output.dataSync();
    tf.dispose([ours.output, ours.weights]);
    const naiveOut = naiveTfjsAttention(q, k, v, mask);
    const naiveDiff = maxAbsDiff(naiveOut.dataSync(), oursOut);
    naiveOut.dispose();
    const dims: [number, number, number, number, number, number] = [c.B, c.H, c.L, c.L, c.d, c.d];
    const jsDiff = maxAbsDiff(plainJsAttention(data[0], data[1], data[2], dims, c.causal), oursOut);

    progress(`[${i + 1}/${CASES.length}] ${label(c)}: timing attnlab, naive TF.js and plain JS, interleaved`);
    const ms = timeInterleaved(
      {
        attnlab: {
          reps: REPS,
          run: () => {
            const r = scaledDotProductAttention(q, k, v, { mask });
            r.output.dataSync();
            tf.dispose([r.output, r.weights]);
          },
        },
        naive: {
          reps: REPS,
          run: () => {
            const out = naiveTfjsAttention(q, k, v, mask);
            out.dataSync();
            out.dispose();
          },
        },
        js: { reps: JS_REPS, run: () => plainJsAttention(data[0], data[1], data[2], dims, c.causal) },
      },
      WARMUP,
    );

    progress(`[${i + 1}/${CASES.length}] ${label(c)}: peak memory`);
    const oursPeak = await peakBytes(() => {
      const r = scaledDotProductAttention(q, k, v, { mask });
      return [r.output, r.weights];
    });
    const naivePeak = await peakBytes(() => [naiveTfjsAttention(q, k, v, mask)]);

    const t = 'results' in torch ? torch.results[i] : undefined;
    const MB = 1024 * 1024;
    rows.push([
      label(c),
      fmt(ms.attnlab),
      `${fmt(ms.naive)} (${fmt(ms.naive / ms.attnlab)}x)`,
      `${fmt(ms.js)} (${fmt(ms.js / ms.attnlab)}x)`,
      t ? `${fmt(t.medianMs)} (${fmt(t.medianMs / ms.attnlab)}x)` : 'skipped',
      `${fmt(oursPeak / MB)} / ${fmt(naivePeak / MB)} (${fmt(oursPeak / naivePeak)}x)`,
      [naiveDiff, jsDiff, ...(t ? [maxAbsDiff(t.output, oursOut)] : [])].map((x) => x.toExponential(1)).join(' '),
    ]);
  }
  tf.dispose(inputs.flatMap((x) => [x.q, x.k, x.v, ...(x.mask ? [x.mask] : [])]));
  rmSync(tmp, { recursive: true, force: true });

  const header = [
    'shape',
    'attnlab ms',
    'naive TF.js ms (ratio)',
    'plain JS ms (ratio)',
    'version' in torch ? `PyTorch ${torch.version} ms (ratio)` : 'PyTorch ms (ratio)',
    'peak MB attnlab / naive (ratio)',
    'max|diff| naive js torch',
  ];
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]) => cells.map((x, j) => x.padEnd(widths[j])).join(' | ');
  console.log();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  rows.forEach((r) => console.log(line(r)));
  console.log();
  console.log(`median of ${REPS} interleaved runs after ${WARMUP} warm-up runs (plain JS: ${JS_REPS}); PyTorch in its own process, same inputs;`);
  console.log(`load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores. Time ratio = reference ms / attnlab ms`);
  console.log('(above 1: attnlab is faster); memory ratio = attnlab peak / naive peak (below 1: attnlab holds less).');
  console.log('attnlab also returns the attention weights; the references return only the output.');
  console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
