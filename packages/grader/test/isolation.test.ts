// One class run with an honest student and three saboteurs, each attack aimed at one of the
// grader's isolation guarantees. The run must finish, every student gets a row and a report,
// the honest student keeps full marks, a saboteur loses only the cells it broke, and nothing
// a cell printed or read from a hidden case reaches any output.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exercises } from '../src/exercises/catalog';
import { defaultReferenceDir, loadReferences } from '../src/references';
import type { GradescopeResults } from '../src/reports/gradescope';
import { detectIsolation } from '../src/sandbox/isolation';
import { type CliRun, runCli } from './helpers/cli';
import { fullMarks, getProcess, pointsOf, tempDir, withCell, writeSubmission } from './helpers/submissions';

const PRINTED = 'PRINTED_BY_THE_CELL';
const LEAK = 'LEAKED_HIDDEN_INPUT';
const MEMORY_MB = 400;

const refs = loadReferences(defaultReferenceDir, { hidden: true });
const publicCount = (id: string) => refs.cases.filter((c) => c.exercise === id && c.visibility === 'public').length;
const caseCount = (id: string) => refs.cases.filter((c) => c.exercise === id).length;
const points = (id: string) => exercises.find((e) => e.id === id)!.points;

/** Raw bytes on the sandbox's reply channel, where Node's IPC deserializer once crashed the grader. */
const rawBytes = `function softmax(x: tf.Tensor): tf.Tensor {
  const fs = ${getProcess}.getBuiltinModule('fs');
  fs.writeSync(3, Buffer.from([0xde, 0xad, 0xbe, 0xef, 0xff, 0xff, 0xff, 0x7f, 0, 1, 2]));
  fs.writeSync(3, '{"type":"runs","runs":[],"shortcuts":[]}\\n');
  return x;
}
`;

/**
 * Forges the hidden phase's reply with the run secret, if it can get it: by patching what the
 * sandbox might send through (fs.writeSync, JSON.stringify, Buffer.from, Buffer.concat) and
 * looking for 64 hex characters. Accepted, the forgery would grade as wrong zeros; refused,
 * the exercise fails with an invalid reply.
 */
const forger = (publicCases: number) => `const proc = ${getProcess};
const fsm = proc.getBuiltinModule('fs');
const seen: string[] = [];
const look = (v: any) => { try { const m = /[0-9a-f]{64}/.exec(String(v)); if (m) seen.push(m[0]); } catch { /* not text */ } };
const realWrite = fsm.writeSync;
fsm.writeSync = (...a: any[]) => { look(a[1]); return realWrite(...a); };
const realStringify = JSON.stringify;
JSON.stringify = (...a: any[]) => { const t = (realStringify as any)(...a); look(t); return t; };
const realFrom = Buffer.from;
(Buffer as any).from = (...a: any[]) => { look(a[0]); return (realFrom as any)(...a); };
let calls = 0;
function additiveAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, Wq: tf.Tensor, Wk: tf.Tensor, wv: tf.Tensor): { output: tf.Tensor; weights: tf.Tensor } {
  calls++;
  const output = tf.zeros([...q.shape.slice(0, -1), v.shape[v.shape.length - 1]]);
  const weights = tf.zeros([...q.shape.slice(0, -1), k.shape[k.shape.length - 2]]);
  if (calls > ${publicCases}) {
    const secret = seen[seen.length - 1] ?? '0'.repeat(64);
    const tensor = (t: tf.Tensor) => ({ shape: t.shape, f32: realFrom(new Float32Array(t.size).buffer).toString('base64') });
    const payload = realFrom(secret + realStringify({ type: 'runs', runs: [{ outputs: { output: tensor(output), weights: tensor(weights) } }], shortcuts: [] }));
    const head = realFrom([0, 0, 0, 0]);
    head.writeUInt32BE(payload.length, 0);
    realWrite(3, head);
    realWrite(3, payload);
  }
  return { output, weights };
}
`;

/**
 * Network from the sandbox: TCP to this machine and a Unix socket of the grader's machine. The
 * first case returns (the sandbox then lets the event loop turn, so the attempts finish); the
 * last public one reports them.
 */
const networker = (port: number, socketPath: string, publicCases: number) => `const status: Record<string, string> = {};
let calls = 0;
{
  const netm = ${getProcess}.getBuiltinModule('net');
  const probe = (name: string, opts: any) => {
    try {
      const s = netm.connect(opts);
      s.on('connect', () => { status[name] = 'CONNECTED'; s.end(); });
      s.on('error', (e: any) => { status[name] = e.code ?? e.message; });
    } catch (e) { status[name] = (e as any).code ?? (e as Error).message; }
  };
  probe('tcp', { host: '127.0.0.1', port: ${port} });
  probe('unix', { path: ${JSON.stringify(socketPath)} });
}
function paddingMask(validLens: number[], lk: number): tf.Tensor {
  if (++calls < ${publicCases}) return tf.zeros([1]);
  throw new Error('net: ' + JSON.stringify(status));
}
`;

/** Tries to show what it sees of the hidden cases: printed, thrown, and as an exit code. */
const leaker = (publicCases: number) => `let calls = 0;
function causalMask(l: number): tf.Tensor2D {
  calls++;
  const proc = ${getProcess};
  console.log('${PRINTED} ' + l);
  console.error('${PRINTED} ' + l);
  if (calls === ${publicCases} + 1) throw new Error('${LEAK} ' + l);
  if (calls > ${publicCases} + 1) proc.exit(77);
  const rows: number[][] = [];
  for (let i = 0; i < l; i++) rows.push(Array.from({ length: l }, (_, j) => (j <= i ? 1 : 0)));
  return tf.tensor2d(rows, [l, l]);
}
`;

/**
 * Leaves state behind for the exercises after it (patched tf and globals, a stash, timers, a
 * floating rejection, a timer writing to the reply channel) and probes for the run secret
 * (heap snapshot, inspector, /proc).
 */
const saboteur = `const proc = ${getProcess};
const fsm = proc.getBuiltinModule('fs');
const probes: string[] = [];
const attempt = (name: string, f: () => unknown) => { try { f(); probes.push(name + ': ALLOWED'); } catch (e) { probes.push(name + ': ' + ((e as any).code ?? (e as Error).message)); } };
attempt('heap snapshot', () => proc.getBuiltinModule('v8').getHeapSnapshot());
attempt('inspector', () => new (proc.getBuiltinModule('inspector').Session)().connect());
for (const f of ['/proc/self/mem', '/proc/self/environ', '/proc/1/cmdline']) attempt(f, () => fsm.readFileSync(f));
(tf.Tensor.prototype as any).reshape = () => { throw new Error('CARRIED_OVER'); };
(tf.Tensor.prototype as any).transpose = () => { throw new Error('CARRIED_OVER'); };
(Math as any).sqrt = () => NaN;
(Math as any).stash = tf.matMul;
setTimeout(() => { throw new Error('CARRIED_OVER late'); }, 300);
setInterval(() => { try { fsm.writeSync(3, 'garbage'); } catch { /* closed */ } }, 20);
Promise.reject(new Error('CARRIED_OVER floating'));
function maskedSoftmax(scores: tf.Tensor, mask?: tf.Tensor): tf.Tensor {
  throw new Error('probes: ' + probes.join(' | '));
}
`;

/** Memory: far more than the cap, in typed arrays outside V8's heap limit. */
const hog = `function multiHeadAttention(query: tf.Tensor, key: tf.Tensor, value: tf.Tensor, params: any, numHeads: number, mask?: tf.Tensor): { output: tf.Tensor; weights: tf.Tensor } {
  const kept: Float64Array[] = [];
  for (let i = 0; i < 40; i++) kept.push(new Float64Array(16 * 1024 * 1024).fill(i));
  throw new Error('kept ' + kept.length);
}
`;

/** An error message of 280 MB. */
const shouter = `function positionalEncoding(length: number, dim: number): tf.Tensor2D {
  throw new Error('x'.repeat(280 * 1000 * 1000));
}
`;

/** 203 bytes of types that drive the type checker out of memory. */
const typeBomb = `type D = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';
type S = \`\${D}\${D}\${D}\${D}\`;
declare const big: { [K in S]: { [J in S]: [K, J] } };
const copy: { [K in S]: { [J in S]: [K, J] | 0 } } = big;
function softmax(x: tf.Tensor): tf.Tensor {
  return x;
}
`;

/** Brackets nested 1000 deep: a stack overflow in TypeScript's parser. */
const deepNest = `function causalMask(l: number): tf.Tensor2D {
  const x = ${'['.repeat(1000)}1${']'.repeat(1000)};
  return tf.zeros([l, l]) as tf.Tensor2D;
}
`;

const attacked = ['softmax', 'additiveAttention', 'paddingMask', 'causalMask', 'maskedSoftmax', 'multiHeadAttention', 'positionalEncoding'];

describe('one class run with saboteurs', () => {
  let root: string;
  let out: string;
  let run: CliRun;
  let server: net.Server;
  let unixServer: net.Server;
  let connections = 0;
  let mallory: GradescopeResults;
  const isolation = detectIsolation();

  const testsOf = (report: GradescopeResults, id: string) => report.tests.filter((t) => t.name.startsWith(`${id}:`));
  const scoreOf = (report: GradescopeResults, id: string) => testsOf(report, id).reduce((a, t) => a + t.score, 0);
  const outputOf = (report: GradescopeResults, id: string) =>
    testsOf(report, id)
      .map((t) => t.output ?? '')
      .join('\n');
  const everything = () => {
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(d, e.name));
        else files.push(path.join(d, e.name));
      }
    };
    walk(out);
    return [run.stdout, run.stderr, ...files.map((f) => fs.readFileSync(f, 'utf8'))].join('\n');
  };

  beforeAll(async () => {
    root = tempDir('isolation');
    out = path.join(root, 'out');
    const classDir = path.join(root, 'class');
    server = net.createServer((s) => {
      connections++;
      s.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const socketPath = path.join(root, 'grader.sock');
    unixServer = net.createServer((s) => {
      connections++;
      s.destroy();
    });
    await new Promise<void>((resolve) => unixServer.listen(socketPath, resolve));
    const port = (server.address() as net.AddressInfo).port;
    const cells: Record<string, string> = {
      softmax: rawBytes,
      additiveAttention: forger(publicCount('additiveAttention')),
      paddingMask: networker(port, socketPath, publicCount('paddingMask')),
      causalMask: leaker(publicCount('causalMask')),
      maskedSoftmax: saboteur,
      multiHeadAttention: hog,
      positionalEncoding: shouter,
    };
    writeSubmission(path.join(classDir, 'honest'), undefined, ['02']); // one lesson is enough to keep its marks
    writeSubmission(path.join(classDir, 'mallory'), (_f, nb) => Object.entries(cells).reduce((n, [id, source]) => withCell(n, id, source), nb));
    writeSubmission(path.join(classDir, 'typebomb'), (_f, nb) => withCell(nb, 'softmax', typeBomb));
    writeSubmission(path.join(classDir, 'deepnest'), (_f, nb) => withCell(nb, 'causalMask', deepNest));
    run = await runCli([classDir, '--out', out, '--jobs', '2', '--memory', String(MEMORY_MB)], { cwd: root });
    mallory = JSON.parse(fs.readFileSync(path.join(out, 'mallory', 'results.json'), 'utf8')) as GradescopeResults;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await new Promise((resolve) => unixServer.close(resolve));
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('finishes with a row and a report for every student; the honest one keeps its marks', () => {
    const gradebook = fs.readFileSync(path.join(out, 'gradebook.csv'), 'utf8').trim().split('\n');
    expect(gradebook).toHaveLength(5);
    const lesson02 = pointsOf((e) => e.lesson === '02');
    expect(gradebook.find((l) => l.startsWith('honest,'))).toMatch(new RegExp(`^honest,${lesson02},${fullMarks},`));
    for (const student of ['honest', 'mallory', 'typebomb', 'deepnest']) {
      const file = path.join(out, student, 'results.json');
      expect(fs.existsSync(file), file).toBe(true);
      expect(fs.statSync(file).size).toBeLessThan(1_000_000); // not the 280 MB message
    }
  });

  it('loses only the cells the saboteur broke: nothing it left behind reaches its other exercises', () => {
    for (const e of exercises.filter((x) => !attacked.includes(x.id))) expect(scoreOf(mallory, e.id), e.id).toBeCloseTo(e.points, 1);
    for (const id of attacked.filter((x) => x !== 'causalMask')) expect(scoreOf(mallory, id), id).toBe(0);
    expect(everything()).not.toMatch(/CARRIED_OVER/);
  });

  it('refuses raw bytes and forged replies on the reply channel, and keeps the run secret out of reach', () => {
    expect(outputOf(mallory, 'softmax')).toMatch(/the sandbox sent an invalid reply/);
    expect(outputOf(mallory, 'additiveAttention')).toMatch(/the sandbox sent an invalid reply/);
    const probes = outputOf(mallory, 'maskedSoftmax');
    expect(probes).toMatch(/probes: /);
    expect(probes).not.toMatch(/ALLOWED/);
    expect(probes).toMatch(/heap snapshot: exercise cells may not take heap snapshots/);
    expect(probes).toMatch(/inspector: ERR_ACCESS_DENIED/);
  });

  it.skipIf(isolation.kind !== 'bwrap')('gives the sandbox no network: TCP to this machine and Unix sockets fail (bubblewrap)', () => {
    const message = outputOf(mallory, 'paddingMask');
    // both attempts finished, and failed (the sandbox has its own empty loopback and /tmp)
    expect(message).toMatch(/net: .*"tcp":"[A-Z]+"/);
    expect(message).toMatch(/net: .*"unix":"[A-Z]+"/);
    expect(message).not.toMatch(/CONNECTED/);
    expect(connections).toBe(0);
  });

  it('shows nothing of the hidden cases: not what the cell printed, threw or exited with', () => {
    const causal = testsOf(mallory, 'causalMask');
    const publicShare = (points('causalMask') * publicCount('causalMask')) / caseCount('causalMask');
    expect(scoreOf(mallory, 'causalMask')).toBeCloseTo(publicShare, 1); // the public results stand
    expect(causal.find((t) => /hidden/.test(t.name))!.score).toBe(0);
    const all = everything();
    expect(all).not.toContain(PRINTED);
    expect(all).not.toContain(LEAK);
    expect(all).not.toMatch(/code 77/);
  });

  it('stops a cell that uses more memory than the cap, and one that throws a 280 MB message', () => {
    expect(outputOf(mallory, 'multiHeadAttention')).toMatch(new RegExp(`more than ${MEMORY_MB} MB|ran out of memory`));
    expect(outputOf(mallory, 'positionalEncoding').length).toBeLessThan(50_000);
  });

  it('fails only the submission whose cells overflow the parser or exhaust the type checker', () => {
    for (const student of ['typebomb', 'deepnest']) {
      const report = JSON.parse(fs.readFileSync(path.join(out, student, 'results.json'), 'utf8')) as GradescopeResults;
      expect(report.score, student).toBe(0);
      expect(report.tests.map((t) => t.output).join('\n'), student).toMatch(/could not be graded: /);
    }
    expect(mallory.tests.map((t) => t.output).join('\n')).not.toMatch(/could not be graded/);
  });
});
