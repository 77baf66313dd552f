// The imports of a lesson's first cell stay light: the kernel entry points load neither the TypeScript
// compiler (the grader's) nor the site builder. Their load time, as a ratio to TF.js, is in `npm run bench`.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { notebooksDir, repoRoot } from '../src/project';

/** Every file a fresh Node process in notebooks/ loads for these imports, as tslab would resolve them. */
function loadedFiles(modules: string[]): string[] {
  const script = `for (const m of ${JSON.stringify(modules)}) require(m); process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: notebooksDir(repoRoot(__dirname)), encoding: 'utf8' })) as string[];
}

const HEAVY = /node_modules\/(typescript|markdown-it|katex|highlight\.js|minisearch|playwright-core)\//;

describe('the kernel entry points', () => {
  it('@attnlab/grader/check and @attnlab/lessons/display load no compiler and no site builder', () => {
    const files = loadedFiles(['@attnlab/grader/check', '@attnlab/lessons/display', '@attnlab/lessons/run-mode']);
    expect(files.some((f) => f.includes('/grader/dist/check.js'))).toBe(true);
    expect(files.filter((f) => HEAVY.test(f) || /\/lessons\/dist\/site\//.test(f))).toEqual([]);
  });

  it("the packages' main entry points do load them (what the light entry points avoid)", () => {
    expect(loadedFiles(['@attnlab/grader']).some((f) => HEAVY.test(f))).toBe(true);
  });
});
