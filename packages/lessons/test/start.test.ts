// `npm start` as a user runs it: through npm, which runs the command under `sh -c`. Stopping npm with
// SIGTERM (what a process manager, `kill` or a closing IDE sends) must stop the Jupyter server too.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findJupyterPython } from '../src/jupyter';
import { repoRoot } from '../src/project';
import { freePort } from '../src/free-port';

const ROOT = repoRoot(__dirname);

/** Every process below `pid`, from `ps`. */
function descendants(pid: number): number[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
  const found: number[] = [];
  const visit = (parent: number): void => {
    for (const [child, ppid] of rows) {
      if (ppid === parent) {
        found.push(child);
        visit(child);
      }
    }
  };
  visit(pid);
  return found;
}

/** Whether `pid` still runs: exited processes that no parent has reaped yet (zombies) do not count. */
function alive(pid: number): boolean {
  try {
    return !execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' })
      .trim()
      .startsWith('Z');
  } catch {
    return false;
  }
}

/** Waits until `condition` holds, checking every 200 ms; false if it still does not after `seconds`. */
async function eventually(condition: () => boolean | Promise<boolean>, seconds: number): Promise<boolean> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return condition();
}

const started: number[] = [];

afterEach(() => {
  // Whatever the test left running, it stops here.
  for (const pid of started.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

describe.skipIf(findJupyterPython() === null)('npm start', () => {
  it('stops the Jupyter server when npm gets SIGTERM', async () => {
    const port = await freePort();
    const runtime = fs.mkdtempSync(path.join(os.tmpdir(), 'attnlab-start-'));
    const npm = spawn('npm', ['start', '--', '--no-browser', `--port=${port}`, '--ip=127.0.0.1'], {
      cwd: ROOT,
      env: { ...process.env, JUPYTER_RUNTIME_DIR: runtime },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stdout.on('data', (b: Buffer) => (output += b));
    npm.stderr.on('data', (b: Buffer) => (output += b));
    started.push(npm.pid!);
    const serving = async (): Promise<boolean> => (await fetch(`http://127.0.0.1:${port}/api`).catch(() => null))?.ok === true;
    expect(await eventually(serving, 120), `Jupyter answering on port ${port}:\n${output}`).toBe(true);

    // npm, the shell it runs the script in, start.js and Jupyter.
    const tree = descendants(npm.pid!);
    started.push(...tree);
    expect(tree.length, `processes under npm:\n${output}`).toBeGreaterThanOrEqual(3);
    npm.kill('SIGTERM');
    expect(await eventually(() => tree.every((pid) => !alive(pid)), 60), `left running: ${tree.filter(alive).join(', ')}\n${output}`).toBe(true);
    expect(await serving()).toBe(false);
    fs.rmSync(runtime, { recursive: true, force: true });
  });
});
