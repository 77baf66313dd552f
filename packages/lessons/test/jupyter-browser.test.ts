// A student's first minutes: `npm start`, open a lesson in the browser, Run All, see the heatmap; then stop npm.
// `npm start` runs as a user runs it: through npm, which runs the command under `sh -c`. Stopping npm with SIGTERM
// (what a process manager, `kill` or a closing IDE sends) must stop the Jupyter server too.
import { type ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findJupyterPython } from '../src/jupyter';
import { repoRoot } from '../src/project';
import { freePort } from '../src/free-port';

const root = repoRoot(__dirname);
const CHROMIUM = '/usr/bin/chromium';
// The first notebook a student opens; every lesson's cells also run in a real kernel in notebooks.test.ts.
const LESSON = '00-getting-started.ipynb';
// Screenshots for a person to look at: $ATTNLAB_ARTIFACTS, else a temp folder (never the repository).
const SCREENSHOTS = path.join(
  process.env.ATTNLAB_ARTIFACTS ? path.resolve(process.env.ATTNLAB_ARTIFACTS) : fs.mkdtempSync(path.join(os.tmpdir(), 'attnlab-jupyter-')),
  'screenshots',
);
// Outside CI, a machine without Jupyter or Chromium skips this test and says why; under CI it must run.
const canRun = (findJupyterPython() !== null && fs.existsSync(CHROMIUM)) || process.env.CI === 'true';
if (!canRun) {
  console.warn(`skipping the Jupyter-in-a-browser test: it needs Jupyter (see the README's prerequisites) and Chromium at ${CHROMIUM} (sudo apt-get install chromium)`);
}

/** The parts of the classic Notebook's page API this test drives. */
interface ClassicNotebookPage {
  Jupyter: {
    notebook: {
      kernel?: { is_connected(): boolean };
      set_autosave_interval(ms: number): void;
      get_cells(): { cell_type: string; input_prompt_number?: number | string | null }[];
    };
  };
}

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
async function eventually(condition: () => boolean, seconds: number): Promise<boolean> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return condition();
}

/** Jupyter's start is mostly Python imports: seconds on a quiet machine, far longer on a busy one, so the wait is generous. */
async function waitForServer(url: string, npmStart: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 900; i++) {
    if (npmStart.exitCode !== null) throw new Error(`npm start exited with ${npmStart.exitCode}:\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Jupyter did not answer at ${url} within 180 s:\n${log()}`);
}

describe.skipIf(!canRun)(`${LESSON} in the Jupyter Notebook that npm start serves`, () => {
  /** npm, running `npm start` */
  let npmStart: ChildProcess;
  /** the processes below npm when it was told to stop */
  let stopped: number[] = [];
  let browser: Browser;
  let base: string;
  let output = '';
  const runtime = fs.mkdtempSync(path.join(os.tmpdir(), 'attnlab-start-'));

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // `npm start`, with the flags a headless test needs.
    npmStart = spawn(
      'npm',
      ['start', '--', '--no-browser', `--port=${port}`, '--ip=127.0.0.1', '--NotebookApp.token=', '--NotebookApp.password=', '--ServerApp.token=', '--ServerApp.password='],
      { cwd: root, env: { ...process.env, JUPYTER_RUNTIME_DIR: runtime }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    npmStart.stdout!.on('data', (b) => (output += b));
    npmStart.stderr!.on('data', (b) => (output += b));
    await waitForServer(`${base}/api/kernelspecs`, npmStart, () => output);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    // Whatever the last test left running (it stops npm itself), stops here.
    if (npmStart?.pid) for (const pid of [npmStart.pid, ...descendants(npmStart.pid), ...stopped]) if (alive(pid)) process.kill(pid, 'SIGKILL');
    fs.rmSync(runtime, { recursive: true, force: true });
  });

  it('offers the project-local tslab kernel', async () => {
    const specs = (await (await fetch(`${base}/api/kernelspecs`)).json()) as { kernelspecs: Record<string, unknown> };
    expect(Object.keys(specs.kernelspecs)).toContain('tslab');
  });

  it('runs every cell and draws the heatmap', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${base}/notebooks/${LESSON}`);
    // Classic Notebook: wait until the kernel is up, then Cell > Run All.
    await page.waitForFunction(() => (window as unknown as ClassicNotebookPage).Jupyter?.notebook?.kernel?.is_connected?.(), null, { timeout: 300_000 });
    // No autosave: the run must not write outputs into the repository's notebook.
    await page.evaluate(() => (window as unknown as ClassicNotebookPage).Jupyter.notebook.set_autosave_interval(0));
    await page.click('#celllink');
    await page.click('#run_all_cells');
    // Done when nothing is queued or running. After an error the Notebook drops the queue, so this also ends.
    await page.waitForFunction(
      () => {
        const nb = (window as unknown as ClassicNotebookPage).Jupyter.notebook;
        const cells = nb.get_cells().filter((c) => c.cell_type === 'code');
        return cells.some((c) => typeof c.input_prompt_number === 'number') && !cells.some((c) => c.input_prompt_number === '*');
      },
      null,
      { timeout: 300_000, polling: 500 },
    );
    const unrun = await page.evaluate(
      () => (window as unknown as ClassicNotebookPage).Jupyter.notebook.get_cells().filter((c) => c.cell_type === 'code' && typeof c.input_prompt_number !== 'number').length,
    );
    const errors = await page.$$eval('.output_error', (els) => els.map((e) => e.textContent));
    expect(errors).toEqual([]);
    expect(unrun).toBe(0);
    await page.waitForSelector('.attnlab-plot .main-svg', { timeout: 120_000 });
    expect(await page.locator('.attnlab-plot .heatmaplayer, .attnlab-plot .hm').count()).toBeGreaterThan(0);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.locator('.attnlab-plot').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'jupyter-notebook.png') });
    await page
      .locator('.attnlab-plot')
      .first()
      .screenshot({ path: path.join(SCREENSHOTS, 'jupyter-heatmap.png') });
    expect(pageErrors).toEqual([]);
  });

  it('stops the Jupyter server, and every process npm started, when npm gets SIGTERM', async () => {
    // Below npm: the shell it runs the script in, start.js, Jupyter and the lesson's kernel.
    stopped = descendants(npmStart.pid!);
    expect(stopped.length, `processes under npm:\n${output}`).toBeGreaterThanOrEqual(3);
    npmStart.kill('SIGTERM');
    const all = [npmStart.pid!, ...stopped];
    expect(await eventually(() => all.every((pid) => !alive(pid)), 60), `left running: ${all.filter(alive).join(', ')}\n${output}`).toBe(true);
    expect(await fetch(`${base}/api`).catch(() => null)).toBe(null);
  });
});
