// `npm run bench` (lessons part): how long a lesson's first cell takes to load its imports, as a ratio
// to loading TensorFlow.js alone. Each sample is a fresh Node process started in notebooks/ (where tslab
// resolves the course packages), alternating the two kinds so machine load hits both alike.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { notebooksDir, repoRoot } from '../project';

const SAMPLES = 5;
/** The imports every lesson's first cell makes (see notebooks/01-scaled-dot-product.ipynb). */
const FIRST_CELL = ['@tensorflow/tfjs', '@attnlab/core', '@attnlab/grader/check', '@attnlab/lessons/display'];

function loadMs(modules: string[], cwd: string): number {
  const script = `const t = process.hrtime.bigint(); for (const m of ${JSON.stringify(modules)}) require(m); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
  return Number(execFileSync(process.execPath, ['-e', script], { cwd, encoding: 'utf8' }));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function main(): void {
  const root = repoRoot(__dirname);
  const cwd = notebooksDir(root);
  const tfjs: number[] = [];
  const firstCell: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    tfjs.push(loadMs(['@tensorflow/tfjs'], cwd));
    firstCell.push(loadMs(FIRST_CELL, cwd));
    process.stderr.write(`  … first-cell imports: sample ${i + 1}/${SAMPLES}\n`);
  }
  const row = { op: 'first-cell-imports', modules: FIRST_CELL, samples: SAMPLES, tfjsMs: median(tfjs), firstCellMs: median(firstCell), ratio: median(firstCell) / median(tfjs) };
  console.log(
    `lesson first cell: imports load in ${row.firstCellMs.toFixed(0)} ms, TF.js alone in ${row.tfjsMs.toFixed(0)} ms → ${row.ratio.toFixed(2)}× (median of ${SAMPLES} fresh processes each; goal ≤ 1.5×)`,
  );
  const out = path.join(root, 'dist', 'bench', 'first-cell.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(row, null, 2)}\n`);
  console.log(`wrote ${path.relative(root, out)}`);
}

main();
