// The operating-system wall, attacked from inside. Exercise cells cannot reach the process
// (the realm wall, attacked in realm-wall.test.ts); this is the wall behind it. A script run
// exactly as the grader runs a sandbox (the same command, view and Node flags) does what a
// cell could do if it ever got to the process: read the references, the instructor's
// solutions and another student's work, write reports, start processes and workers, open the
// inspector, read /proc, signal the grader, and reach the network.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeIsolation, detectIsolation, type Isolation, sandboxCommand } from '../src/sandbox/isolation';
import { sandboxView } from '../src/sandbox/permissions';
import { graderDir, notebooksDir, repoRoot, tempDir } from './helpers/submissions';

const graderDist = path.join(graderDir, 'dist');

/** The probe: each attempt's outcome by name, as JSON on stdout: "ALLOWED", or the error code. */
const probe = (targets: Record<string, unknown>) => `
const fs = require('fs');
const t = ${JSON.stringify(targets)};
const results = {};
const attempt = (name, f) => { try { f(); results[name] = 'ALLOWED'; } catch (e) { results[name] = e.code ?? e.message; } };
for (const [name, file] of Object.entries(t.reads)) attempt('read ' + name, () => fs.readFileSync(file));
attempt('require the solutions', () => require(t.solutions));
attempt('write outside', () => fs.writeFileSync(t.forged, 'forged'));
attempt('start a process', () => require('child_process').spawnSync('true'));
attempt('start a worker', () => new (require('worker_threads').Worker)('0', { eval: true }));
attempt('open the inspector', () => require('inspector').open(0));
attempt('signal the grader', () => process.kill(t.graderPid, 0));
const net = require('net');
const connect = (name, opts) => new Promise((done) => {
  try {
    const s = net.connect(opts);
    s.on('connect', () => { results[name] = 'CONNECTED'; s.destroy(); done(); });
    s.on('error', (e) => { results[name] = e.code ?? e.message; done(); });
  } catch (e) { results[name] = e.code ?? e.message; done(); }
});
Promise.all([connect('tcp', { host: '127.0.0.1', port: t.port }), connect('unix socket', { path: t.socket })]).then(() => console.log(JSON.stringify(results)));
`;

/** Runs `code` in a sandbox of `isolation`'s kind, or, with none, as a plain Node process (the control). */
function runInSandbox(isolation: Isolation | undefined, code: string): Promise<{ stdout: string; stderr: string }> {
  const { command, args } = isolation ? sandboxCommand(isolation, sandboxView(graderDist), ['--eval', code], [], 4) : { command: process.execPath, args: ['--eval', code] };
  // fd 4 is bubblewrap's info fd (it writes the child's PID there): a pipe of our own, never whatever fd 4 this process inherited.
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe', 'ignore', 'pipe'], env: { NODE_ENV: 'production' } });
  (child.stdio[4] as Readable).resume();
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('close', () => resolve({ stdout, stderr })));
}

const kinds: [string, Isolation['kind'] | 'none'][] = [
  ['bubblewrap', 'bwrap'],
  ["Node's permission model alone", 'permission'],
  ['none: the control, where every attempt must succeed', 'none'],
];

describe.each(kinds)('a process in the sandbox (%s)', (_name, kind) => {
  let root: string;
  let server: net.Server;
  let unixServer: net.Server;
  let connections = 0;
  let results: Record<string, string>;
  let reads: Record<string, string>;
  let forged: string;
  const detected = detectIsolation();
  const isolation: Isolation | undefined = kind === 'none' ? undefined : { ...detected, kind };
  const available = kind !== 'bwrap' || detected.kind === 'bwrap';
  const sandboxed = available && kind !== 'none';

  beforeAll(async () => {
    if (!available) return;
    root = tempDir('wall');
    const other = path.join(root, 'other-student', '01-scaled-dot-product.ipynb');
    fs.mkdirSync(path.dirname(other), { recursive: true });
    fs.writeFileSync(other, '{}');
    reads = {
      'the hidden references': path.join(graderDir, 'references', 'hidden.json'),
      'the public references': path.join(graderDir, 'references', 'public.json'),
      'the installed references': path.join(repoRoot, 'node_modules', '@attnlab', 'grader', 'references', 'hidden.json'),
      "the instructor's notebook": path.join(notebooksDir, '01-scaled-dot-product.ipynb'),
      "another student's notebook": other,
      'its environment': '/proc/self/environ',
      "the grader's command line": `/proc/${process.pid}/cmdline`,
    };
    forged = path.join(root, 'forged.txt');
    const count = (s: net.Socket) => {
      connections++;
      s.destroy();
    };
    server = net.createServer(count);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const socket = path.join(root, 'grader.sock');
    unixServer = net.createServer(count);
    await new Promise<void>((resolve) => unixServer.listen(socket, resolve));
    const targets = {
      reads,
      solutions: path.join(graderDist, 'authoring', 'notebook-solutions.js'),
      forged,
      graderPid: process.pid,
      port: (server.address() as net.AddressInfo).port,
      socket,
    };
    const run = await runInSandbox(isolation, probe(targets));
    expect(run.stdout, run.stderr).toMatch(/^\{/);
    results = JSON.parse(run.stdout) as Record<string, string>;
  });

  afterAll(async () => {
    if (!available) return;
    await new Promise((resolve) => server.close(resolve));
    await new Promise((resolve) => unixServer.close(resolve));
    fs.rmSync(root, { recursive: true, force: true });
  });

  it.skipIf(kind !== 'none')('(the control) reads, writes, starts and connects: so each refusal below is the wall at work', () => {
    for (const [name, file] of Object.entries(reads)) if (!file.startsWith('/proc')) expect(results[`read ${name}`], name).toBe('ALLOWED');
    for (const what of ['require the solutions', 'write outside', 'start a process', 'start a worker', 'signal the grader']) expect(results[what], what).toBe('ALLOWED');
    expect(results.tcp).toBe('CONNECTED');
    expect(results['unix socket']).toBe('CONNECTED');
  });

  it.skipIf(!sandboxed)('reads none of the references, solutions or other work, and writes nothing', () => {
    for (const [name, file] of Object.entries(reads)) {
      if (!file.startsWith('/proc')) expect(fs.existsSync(file), file).toBe(true); // else refusing it proves nothing
      // refused by the permission model, or not there at all in bubblewrap's view
      expect(results[`read ${name}`], name).toMatch(/^(ERR_ACCESS_DENIED|ENOENT)$/);
    }
    expect(results['require the solutions']).toMatch(/^(ERR_ACCESS_DENIED|MODULE_NOT_FOUND)$/);
    expect(results['write outside']).toMatch(/^(ERR_ACCESS_DENIED|ENOENT|EROFS)$/);
    expect(fs.existsSync(forged)).toBe(false);
  });

  it.skipIf(!sandboxed)('starts no process, worker or inspector', () => {
    for (const what of ['start a process', 'start a worker', 'open the inspector']) expect(results[what], what).toBe('ERR_ACCESS_DENIED');
  });

  it.skipIf(kind !== 'bwrap' || !available)('sees neither the grader nor the network (bubblewrap)', () => {
    expect(results['signal the grader']).toBe('ESRCH'); // its own PID namespace
    expect(results.tcp).not.toBe('CONNECTED');
    expect(results['unix socket']).not.toBe('CONNECTED');
    expect(connections).toBe(0);
  });

  it.skipIf(kind !== 'permission')('reaches the network, as its one-line summary warns (permission model alone)', () => {
    expect(describeIsolation('permission', detected.permissionFlag, detected.probe)).toMatch(/network is NOT isolated/);
    expect(results.tcp).toBe('CONNECTED');
    expect(connections).toBeGreaterThan(0);
  });
});
