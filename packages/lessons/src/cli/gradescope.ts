// `npm run gradescope [-- --out FILE]`: writes the Gradescope autograder to dist/gradescope/autograder.zip
// (or FILE, relative to the repository root).
import * as path from 'path';
import { buildAutograder } from '../gradescope/autograder';
import { repoRoot } from '../project';

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
if ((outIndex >= 0 && !args[outIndex + 1]) || args.some((a, i) => a.startsWith('--') && a !== '--out' && i !== outIndex + 1)) {
  console.error('usage: npm run gradescope [-- --out FILE]');
  process.exit(2);
}

try {
  const root = repoRoot();
  const out = path.resolve(root, outIndex >= 0 ? args[outIndex + 1] : path.join('dist', 'gradescope', 'autograder.zip'));
  const summary = buildAutograder(root, out);
  console.log(`attnlab gradescope: wrote ${summary.out} (${(summary.bytes / 1024).toFixed(0)} KB, ${summary.files.length} files, hidden cases included)`);
  console.log(`  sha256 ${summary.sha256}`);
  console.log('  Gradescope: a Programming Assignment, Configure Autograder, "Zip file upload" of this file, Ubuntu 22.04 base image.');
  console.log('  GitHub Classroom: publish it as a release asset of a private repository and pin this sha256 (README, "Teaching a class").');
} catch (error) {
  console.error(`attnlab gradescope: ${(error as Error).message}`);
  process.exit(1);
}
