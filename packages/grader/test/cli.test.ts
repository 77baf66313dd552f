import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli';
import { graderDir, tempDir } from './helpers/submissions';

// Usage errors exit 2 with a message and the usage, before anything is graded. Each test
// starts the command once (in a scratch folder) and nothing is graded, so they run at once.
let root: string;

beforeAll(() => {
  root = tempDir('cli');
  for (const student of ['alice', 'bob']) fs.mkdirSync(path.join(root, 'class', student), { recursive: true });
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe.concurrent('attnlab-grade usage', () => {
  it('--help prints the usage with the defaults and exits 0', async () => {
    const r = await runCli(['--help'], { cwd: root });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^usage: attnlab-grade PATH\.\.\. \[options\]/);
    expect(r.stdout).toMatch(/--timeout S +CPU seconds per exercise, for its public and again its hidden cases \(default 10\)/);
    expect(r.stdout).toMatch(/--memory MB +memory cap of each grading sandbox and compile worker \(default 1024\)/);
  });

  it.each([
    [[], /give at least one PATH to grade/],
    [['--bogus'], /unknown option --bogus/],
    [['x', '--results'], /--results needs a value/],
    [['x', '--jobs', 'none'], /--jobs must be a positive number/],
    [['x', '--timeout', '-1'], /--timeout must be a positive number/],
  ])('%j is a usage error', async (args, message) => {
    const r = await runCli(args, { cwd: root });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^attnlab-grade: ${message.source}`));
    expect(r.stderr).toMatch(/usage: attnlab-grade/);
  });

  it('names a PATH that does not exist', async () => {
    const r = await runCli([path.join(root, 'nowhere')], { cwd: root });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/nowhere does not exist: pass a notebook, a folder of notebooks, or a folder of student folders/);
  });

  it('refuses --results and --classroom for a class before grading it', async () => {
    const r = await runCli([path.join(root, 'class'), '--results', path.join(root, 'results.json'), '--classroom', path.join(root, 'classroom.json')], { cwd: root });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--results and --classroom report one submission, but .*class holds 2: use --out DIR/);
    expect(r.stderr).not.toMatch(/grading/);
    expect(fs.existsSync(path.join(root, 'results.json'))).toBe(false);
  });

  it('refuses --results alone for a class, in the singular', async () => {
    const r = await runCli([path.join(root, 'class'), '--results', path.join(root, 'results.json')], { cwd: root });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--results reports one submission, but .*class holds 2/);
  });

  it('--nx-test names an ATTNLAB_SUBMISSION that does not exist, and where it looked', async () => {
    const r = await runCli(['--nx-test'], { cwd: graderDir, env: { ...process.env, ATTNLAB_SUBMISSION: 'notebooks/99-nothing.ipynb' } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(
      /ATTNLAB_SUBMISSION=notebooks\/99-nothing\.ipynb does not exist \(looked for .*notebooks\/99-nothing\.ipynb and .*packages\/grader\/notebooks\/99-nothing\.ipynb\)/,
    );
  });
});
