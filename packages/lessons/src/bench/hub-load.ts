// Load benchmark of the class hub (not a test): `node packages/lessons/dist/bench/hub-load.js [--users N]`.
// Starts `npm run hub`'s JupyterHub in a temporary folder, creates N students at once (default 10) through
// the REST API, and has each run every code cell of lesson 01 (its solutions, as a student who finished
// it) in their own tslab kernel over the kernel websocket. Reports how many finished, each one's times,
// and the memory of the hub, its proxy and the students' servers and kernels; writes dist/bench/hub-load.json.
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { sourceText, type Notebook } from '@attnlab/grader/notebook';
import { HubClient } from '../hub/hub-client';
import { freePort } from '../free-port';
import { startHub } from '../hub/hub-process';
import { hubProcesses, residentBytes } from '../hub/hub-processes';
import { KernelSession } from '../hub/kernel-session';
import { notebooksDir, repoRoot } from '../project';

const LESSON = '01-scaled-dot-product.ipynb';

interface StudentRun {
  user: string;
  finished: boolean;
  /** seconds from asking for the server until it was ready, the kernel answered, and the last cell finished */
  serverSeconds: number;
  kernelSeconds: number;
  totalSeconds: number;
  cells: number;
  problem?: string;
}

const MB = 1024 * 1024;
const seconds = (since: number) => (performance.now() - since) / 1000;

/** Peak resident memory of the hub, its proxy and everything else the hub started, sampled every second. */
class MemoryPeaks {
  hub = 0;
  proxy = 0;
  students = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(state: string, hubPid: number) {
    const proxyFile = path.join(state, 'proxy.pid');
    this.timer = setInterval(() => {
      const proxyPid = fs.existsSync(proxyFile) ? Number(fs.readFileSync(proxyFile, 'utf8')) : -1;
      const others = hubProcesses(state).filter((pid) => pid !== hubPid && pid !== proxyPid);
      this.hub = Math.max(this.hub, residentBytes(hubPid));
      this.proxy = Math.max(this.proxy, residentBytes(proxyPid));
      this.students = Math.max(
        this.students,
        others.reduce((sum, pid) => sum + residentBytes(pid), 0),
      );
    }, 1000);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

async function runStudent(client: HubClient, user: string, cells: string[]): Promise<StudentRun> {
  const start = performance.now();
  const run: StudentRun = { user, finished: false, serverSeconds: NaN, kernelSeconds: NaN, totalSeconds: NaN, cells: 0 };
  try {
    await client.startServer(user, 900_000);
    run.serverSeconds = seconds(start);
    const session = await KernelSession.open(client, user, `notebooks/${LESSON}`, 'tslab', 900_000);
    run.kernelSeconds = seconds(start);
    try {
      for (const code of cells) {
        const result = await session.execute(code, 900_000);
        if (result.error) throw new Error(`cell ${run.cells + 1}: ${result.error.ename}: ${result.error.evalue}`);
        run.cells++;
      }
      run.finished = true;
    } finally {
      await session.close();
    }
  } catch (error) {
    run.problem = (error as Error).message;
  }
  run.totalSeconds = seconds(start);
  return run;
}

async function main(): Promise<void> {
  const users = Number(process.argv[process.argv.indexOf('--users') + 1] || 10);
  if (process.argv.includes('--users') && !(users > 0)) throw new Error('--users needs a positive number');
  const root = repoRoot(__dirname);
  const notebook = JSON.parse(fs.readFileSync(path.join(notebooksDir(root), LESSON), 'utf8')) as Notebook;
  const cells = notebook.cells.filter((c) => c.cell_type === 'code').map((c) => sourceText(c.source));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'attnlab-hub-load-'));
  const state = path.join(tmp, 'state');
  const token = randomBytes(24).toString('hex');
  console.error(`hub load: starting the hub in ${state}`);
  const hub = await startHub({ root, port: await freePort(), state, token });
  const peaks = new MemoryPeaks(state, hub.process.pid ?? -1);
  try {
    const client = new HubClient(hub.url, token);
    const names = Array.from({ length: users }, (_, i) => `student${String(i + 1).padStart(2, '0')}`);
    await client.createUsers(names);
    console.error(`hub load: ${users} student(s) start their servers and run the ${cells.length} code cells of ${LESSON}, all at once`);
    const start = performance.now();
    const runs = await Promise.all(names.map((user) => runStudent(client, user, cells)));
    const wall = seconds(start);
    peaks.stop();
    const finished = runs.filter((r) => r.finished).length;
    for (const r of runs) {
      const times = `server ready ${r.serverSeconds.toFixed(1)} s, kernel ready ${r.kernelSeconds.toFixed(1)} s, lesson done ${r.totalSeconds.toFixed(1)} s`;
      console.log(`${r.user}: ${r.finished ? 'finished' : `did not finish (${r.problem})`}; ${times}`);
    }
    const totals = runs.map((r) => r.totalSeconds).sort((a, b) => a - b);
    console.log(
      `hub load: ${finished}/${users} students finished lesson 01 in ${wall.toFixed(0)} s (per student ${totals[0].toFixed(0)}–${totals[totals.length - 1].toFixed(0)} s, median ${totals[totals.length >> 1].toFixed(0)} s); ` +
        `peak memory: hub ${(peaks.hub / MB).toFixed(0)} MB, proxy ${(peaks.proxy / MB).toFixed(0)} MB, ` +
        `students' servers and kernels ${(peaks.students / MB).toFixed(0)} MB (${(peaks.students / users / MB).toFixed(0)} MB each); ${os.cpus().length} cores`,
    );
    const out = path.join(root, 'dist', 'bench', 'hub-load.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(
      out,
      `${JSON.stringify({ users, finished, wallSeconds: wall, peakBytes: { hub: peaks.hub, proxy: peaks.proxy, students: peaks.students }, cores: os.cpus().length, runs }, null, 2)}\n`,
    );
    if (finished < users) process.exitCode = 1;
  } finally {
    peaks.stop();
    await hub.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(`hub load: ${error.message}`);
  process.exit(1);
});
