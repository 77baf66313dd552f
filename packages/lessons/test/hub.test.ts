// `npm run hub` end to end: JupyterHub on a free loopback port, two students created through the REST API,
// each with their own server, their own copy of the lessons and a tslab kernel that runs attention code.
import { spawn, type ChildProcess } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLessonFile, sourceText, type Notebook } from '@attnlab/grader/notebook';
import { HubClient } from '../src/hub/hub-client';
import { freePort } from '../src/free-port';
import { findHubPython, INSTALL_HUB_HINT } from '../src/hub/hub-process';
import { hubProcesses } from '../src/hub/hub-processes';
import { KernelSession } from '../src/hub/kernel-session';
import { notebooksDir, repoRoot } from '../src/project';

const root = repoRoot(__dirname);
const lessons = fs.readdirSync(notebooksDir(root)).filter(isLessonFile).sort();
const students = ['ada', 'grace'];
const LESSON = 'notebooks/01-scaled-dot-product.ipynb';

/** Softmax(q kᵀ / √d) v for one query, computed here in plain numbers. */
function attentionRow(q: number[], keys: number[][], values: number[][]): { weights: number[]; output: number[] } {
  const scores = keys.map((k) => k.reduce((s, kj, j) => s + kj * q[j], 0) / Math.sqrt(q.length));
  const top = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - top));
  const weights = exp.map((e) => e / exp.reduce((a, b) => a + b, 0));
  return { weights, output: values[0].map((_, j) => weights.reduce((s, w, i) => s + w * values[i][j], 0)) };
}

const hasHub = findHubPython() !== null;
if (!hasHub && process.env.CI === 'true') throw new Error(INSTALL_HUB_HINT);

describe.skipIf(!hasHub)('npm run hub', () => {
  const token = randomBytes(24).toString('hex');
  let tmp: string;
  let state: string;
  let hub: ChildProcess;
  let log = '';
  let client: HubClient;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'attnlab-hub-'));
    state = path.join(tmp, 'state');
    const port = await freePort();
    hub = spawn(process.execPath, [path.join(root, 'packages/lessons/dist/cli/hub.js'), '--port', String(port), '--state', state], {
      env: { ...process.env, ATTNLAB_HUB_TOKEN: token, ATTNLAB_HUB_PASSWORD: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      const collect = (chunk: Buffer) => {
        log += chunk.toString();
        const ready = /^attnlab hub: (http:\S+) /m.exec(log);
        if (ready) resolve(ready[1]);
      };
      hub.stdout?.on('data', collect);
      hub.stderr?.on('data', collect);
      hub.once('exit', (code) => reject(new Error(`npm run hub exited (${code}):\n${log}`)));
    });
    expect(url).toBe(`http://127.0.0.1:${port}/`);
    client = new HubClient(url, token);
  });

  afterAll(async () => {
    if (hub && hub.exitCode === null) {
      hub.kill('SIGTERM');
      await new Promise((r) => hub.once('exit', r));
    }
    // Only if a test failed half-way: whatever this hub left running must not outlive the test.
    for (const pid of hubProcesses(state)) process.kill(pid, 'SIGKILL');
    // The log of the hub, its proxy and the students' servers, for a person to read after the run.
    if (process.env.ATTNLAB_ARTIFACTS) {
      fs.mkdirSync(process.env.ATTNLAB_ARTIFACTS, { recursive: true });
      fs.writeFileSync(path.join(process.env.ATTNLAB_ARTIFACTS, 'hub.log'), log);
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('refuses a request without the admin token', async () => {
    const response = await fetch(`${client.url}hub/api/users`);
    expect(response.status).toBe(403);
  });

  it('gives each student created through the REST API a server with their own copy of every lesson and a tslab kernel', async () => {
    const created = await client.createUsers(students);
    expect(created.map((u) => u.name).sort()).toEqual(students);
    await Promise.all(students.map((name) => client.startServer(name)));
    for (const name of students) {
      const listing = await client.server<{ content: { name: string }[] }>(name, 'GET', '/contents/notebooks');
      expect(
        listing.content
          .map((f) => f.name)
          .filter(isLessonFile)
          .sort(),
      ).toEqual(lessons);
      const specs = await client.server<{ kernelspecs: Record<string, unknown> }>(name, 'GET', '/kernelspecs');
      expect(Object.keys(specs.kernelspecs)).toContain('tslab');
      // their own files, on disk, in the student edition (exercises are stubs)
      const own = path.join(state, 'users', name, 'attnlab', LESSON);
      expect(fs.readFileSync(own, 'utf8')).toContain('not implemented: softmax');
    }
  });

  it("runs attention code in each student's tslab kernel over the kernel websocket, loading the course's packages", async () => {
    const q = [1, 0, 2];
    const keys = [
      [1, 0, 0],
      [0, 1, 1],
      [2, 1, 0],
      [0, 0, 3],
    ];
    const values = [
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
    ];
    const code = [
      "import * as tf from '@tensorflow/tfjs';",
      "import * as core from '@attnlab/core';",
      `const { output, weights } = core.scaledDotProductAttention(tf.tensor3d([[${JSON.stringify(q)}]]), tf.tensor3d([${JSON.stringify(keys)}]), tf.tensor3d([${JSON.stringify(values)}]));`,
      "console.log(JSON.stringify({ output: output.arraySync(), weights: weights.arraySync(), cwd: process.cwd(), core: require.resolve('@attnlab/core') }));",
    ].join('\n');
    const expected = attentionRow(q, keys, values);
    await Promise.all(
      students.map(async (name) => {
        const session = await KernelSession.open(client, name, LESSON);
        try {
          const run = await session.execute(code);
          expect(run.error, run.stderr).toBeUndefined();
          const printed = JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as { output: number[][][]; weights: number[][][]; cwd: string; core: string };
          printed.weights[0][0].forEach((w, i) => expect(w).toBeCloseTo(expected.weights[i], 5));
          printed.output[0][0].forEach((o, j) => expect(o).toBeCloseTo(expected.output[j], 5));
          expect(fs.realpathSync(printed.cwd)).toBe(fs.realpathSync(path.join(state, 'users', name, 'attnlab', 'notebooks')));
          // the course's build of the student edition, not the instructor checkout's packages
          expect(fs.realpathSync(printed.core).startsWith(path.join(state, 'course', 'packages', 'core') + path.sep)).toBe(true);
        } finally {
          await session.close();
        }
      }),
    );
  });

  it("keeps a student's work when their server starts again, and keeps it theirs", async () => {
    const [ada, grace] = students;
    const saved = await client.server<{ content: Notebook }>(ada, 'GET', `/contents/${LESSON}?type=notebook&content=1`);
    const cell = saved.content.cells.find((c) => sourceText(c.source).includes('not implemented: softmax'));
    expect(cell).toBeDefined();
    if (!cell) return;
    cell.source = "function softmax(x: tf.Tensor): tf.Tensor {\n  return tf.softmax(x); // ada's work\n}";
    await client.server(ada, 'PUT', `/contents/${LESSON}`, { type: 'notebook', format: 'json', content: saved.content });
    await client.stopServer(ada);
    await client.startServer(ada);
    const reopened = await client.server<{ content: Notebook }>(ada, 'GET', `/contents/${LESSON}?type=notebook&content=1`);
    expect(reopened.content.cells.map((c) => sourceText(c.source)).join('\n')).toContain("// ada's work");
    expect(fs.readFileSync(path.join(state, 'users', grace, 'attnlab', LESSON), 'utf8')).not.toContain("ada's work");
  });

  it('stops every process it started when it is stopped', async () => {
    expect(hubProcesses(state).length).toBeGreaterThan(3); // the hub, its proxy and two servers at least
    hub.kill('SIGTERM');
    const code = await new Promise((r) => hub.once('exit', r));
    expect(code).toBe(0);
    expect(hubProcesses(state)).toEqual([]);
  });
});
