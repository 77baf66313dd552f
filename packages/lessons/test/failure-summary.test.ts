// `npm test` ends with the failed tests of every package (scripts/failure-summary.mjs, printed by scripts/test.sh),
// so a log cut to its tail still says what failed. Here the reporter runs in a real Vitest over a probe package.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../src/project';

const root = repoRoot(__dirname);
const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'attnlab-failure-summary-'));
afterAll(() => fs.rmSync(probe, { recursive: true, force: true }));

fs.writeFileSync(
  path.join(probe, 'vitest.config.mjs'),
  `export default { test: { globals: true, reporters: ['dot', ${JSON.stringify(path.join(root, 'scripts', 'failure-summary.mjs'))}] } };\n`,
);
fs.writeFileSync(
  path.join(probe, 'cases.test.js'),
  [
    "it('passes', () => expect(1).toBe(1));",
    "it('compares', () => expect({ weight: 0.25, head: 'h1' }).toEqual({ weight: 0.5, head: 'h1' }));",
    "describe('softmax', () => { it('throws', () => { throw new RangeError('rows must sum to 1\\ngot 1.2'); }); });",
  ].join('\n'),
);
fs.writeFileSync(path.join(probe, 'broken.test.js'), "import './missing-module.js';\nit('never runs', () => {});\n");

function runVitest(env: NodeJS.ProcessEnv): number | null {
  const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
  return spawnSync(process.execPath, [vitest, 'run'], { cwd: probe, env: { ...process.env, ...env }, encoding: 'utf8' }).status;
}

describe("npm test's summary of failed tests", () => {
  it('names each failed test and broken file with the start of its error, its diff and its line, and leaves out what passed', () => {
    const dir = path.join(probe, 'failures');
    expect(runVitest({ ATTNLAB_FAILURES_DIR: dir })).toBe(1);
    const files = fs.readdirSync(dir);
    expect(files).toHaveLength(1);
    const summary = fs.readFileSync(path.join(dir, files[0]), 'utf8');
    const name = path.basename(probe);
    expect(summary.startsWith(`${name}: 3 failed\n`)).toBe(true);
    expect(summary).toContain('  cases.test.js > compares\n      AssertionError: expected');
    expect(summary).toMatch(/- Expected\n.*\+ Received[\s\S]*-\s+"weight": 0\.5,\n\s+\+\s+"weight": 0\.25,/);
    expect(summary).toContain('      at cases.test.js:2');
    expect(summary).toContain('  cases.test.js > softmax > throws\n      RangeError: rows must sum to 1\n      got 1.2\n      at cases.test.js:3');
    expect(summary).toMatch(/ {2}broken\.test\.js \(the file itself\)\n.*missing-module\.js/);
    expect(summary).not.toContain('passes');
    expect(summary).not.toContain('\u001b[');
  });

  it('writes nothing when ATTNLAB_FAILURES_DIR is not set (a plain vitest run)', () => {
    const before = fs.readdirSync(probe);
    expect(runVitest({ ATTNLAB_FAILURES_DIR: '' })).toBe(1);
    expect(fs.readdirSync(probe)).toEqual(before);
  });
});
