// `npm run release [-- --out DIR]`: writes the student edition to dist/release/ or DIR (relative to the repository root).
import * as path from 'path';
import { repoRoot } from '../project';
import { buildRelease } from '../release';

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
if (outIndex >= 0 && !args[outIndex + 1]) {
  console.error('attnlab release: --out needs a folder');
  process.exit(2);
}

try {
  // nx runs this from packages/lessons, so a relative --out is taken from the repository root, as for the site.
  const root = repoRoot();
  const outDir = outIndex >= 0 ? path.resolve(root, args[outIndex + 1]) : undefined;
  const summary = buildRelease({ root, outDir });
  console.log(`attnlab release: wrote the student edition to ${summary.outDir}`);
  console.log(`  ${summary.notebooks.length} notebooks, ${summary.stubs} exercise cells turned into stubs, hidden cases and reference solutions left out`);
  console.log(`  try it: cd ${summary.outDir} && npm install && npx nx test grader`);
} catch (error) {
  console.error(`attnlab release: ${(error as Error).message}`);
  process.exit(1);
}
