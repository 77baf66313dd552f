/**
 * The sandbox process: runs one exercise cell of one student, then exits. It reads the run
 * secret and the public cases' inputs from stdin, loads the cell, sends the public results on
 * fd 3, and only then reads the hidden cases' inputs, so nothing the student can see (the
 * public results, a load error) can depend on a hidden input. It never receives expected
 * outputs. The parent starts it under bubblewrap and/or Node's permission model (isolation.ts)
 * and kills it when it overruns its time or memory.
 */
import './tf-ops';
import * as fs from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { runCellModule } from '../cell-module';
import { errorMessage } from '../errors';
import { exerciseById } from '../exercises/catalog';
import type { ExerciseSpec } from '../exercises/spec';
import { runCase } from '../invoke';
import { restrictedModule, restrictTensorMethods } from '../restrictions';
import { readFrameSync, writeAllSync } from './frames';
import { clip, type HiddenRequest, MAX_REPLY_BYTES, type Reply, type RunRequest, SECRET_LENGTH, toWire, type WireCase, type WireRun } from './protocol';

const REQUEST_FD = 0;
const REPLY_FD = 3;

// Taken before the cell runs: a cell can replace globals and module functions, not these references.
const write = fs.writeSync;
const stringify = JSON.stringify;
const fromCharCode = String.fromCharCode;
const bufferFrom = Buffer.from;
const reallyExit = (process as unknown as { reallyExit: (code: number) => never }).reallyExit.bind(process);

function shown(error: unknown): string {
  try {
    return errorMessage(error);
  } catch {
    return 'a value that cannot be shown';
  }
}

/**
 * A heap snapshot would show every string in the process, the secret among them; the
 * inspector is already refused by the permission model. Signals are the one thing the
 * permission model does not stop.
 */
function harden(): void {
  const refuse = (what: string) => () => {
    throw new Error(`exercise cells may not ${what}`);
  };
  // the module object itself (an `import * as` would be a copy), as process.getBuiltinModule('v8') gives it to a cell
  const v8 = require('node:v8') as Record<string, unknown>;
  for (const name of ['getHeapSnapshot', 'writeHeapSnapshot']) Object.defineProperty(v8, name, { value: refuse('take heap snapshots'), writable: false, configurable: false });
  process.kill = refuse('send signals to processes') as typeof process.kill;
  (process as unknown as { _kill: unknown })._kill = refuse('send signals to processes');
}

/** Sends a reply framed with the secret; the secret only ever goes to the captured writeSync, as one string. */
function replier(secret: string): (reply: Reply) => void {
  return (reply) => {
    const payload = bufferFrom(stringify(reply));
    const n = SECRET_LENGTH + payload.length;
    const head = fromCharCode((n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255) + secret;
    for (;;) {
      try {
        if (write(REPLY_FD, head, null, 'latin1') !== 4 + SECRET_LENGTH) throw new Error('short write');
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException)?.code !== 'EAGAIN') throw error;
      }
    }
    writeAllSync(REPLY_FD, payload, write);
  };
}

async function runAll(spec: ExerciseSpec, fn: unknown, cases: WireCase[]): Promise<WireRun[]> {
  const runs: WireRun[] = [];
  for (const c of cases) {
    try {
      runs.push(toWire(await runCase(spec, fn, c.inputs)));
    } catch (error) {
      runs.push({ error: clip(`threw: ${shown(error)}`) });
    }
  }
  return runs;
}

function readJson<T>(frame: Buffer, from = 0): T {
  return JSON.parse(frame.toString('utf8', from)) as T;
}

async function main(): Promise<void> {
  const first = readFrameSync(REQUEST_FD, MAX_REPLY_BYTES * 4);
  if (!first) return reallyExit(2);
  const secret = first.toString('latin1', 0, SECRET_LENGTH);
  const request = readJson<RunRequest>(first, SECRET_LENGTH);
  first.fill(0);
  const send = replier(secret);
  await tf.setBackend('cpu');
  tf.env().set('PROD', true);
  const spec = exerciseById(request.exercise);
  if (!spec) {
    send({ type: 'load-error', error: `unknown exercise "${request.exercise}"` });
    return reallyExit(0);
  }
  const shortcuts: string[] = [];
  const onUse = ({ call }: { call: string }) => void shortcuts.push(call);
  restrictTensorMethods(spec, tf.Tensor.prototype, { onUse });
  const given = new Map<string, unknown>();
  const cellRequire = (name: string): unknown => {
    if (name !== '@tensorflow/tfjs' && name !== '@attnlab/core') throw new Error(`exercise cells may import only @tensorflow/tfjs and @attnlab/core, not "${name}"`);
    // the cell's tf is TF.js's ops, tensor methods and cpu backend (tf-ops.ts): no tf.layers, tf.data or model loading
    if (!given.has(name)) given.set(name, restrictedModule(spec, name, name === '@tensorflow/tfjs' ? tf : (require('@attnlab/core') as object), { onUse }));
    return given.get(name);
  };
  harden();
  let fn: unknown;
  try {
    fn = runCellModule(request.js, cellRequire);
  } catch (error) {
    send({ type: 'load-error', error: clip(`the cell threw while it was loaded: ${shown(error)}`) });
    return reallyExit(0);
  }
  send({ type: 'runs', runs: await runAll(spec, fn, request.cases), shortcuts: [...shortcuts] });
  if (request.hidden > 0) {
    const next = readFrameSync(REQUEST_FD, MAX_REPLY_BYTES * 4);
    if (!next) return reallyExit(2);
    const hidden = readJson<HiddenRequest>(next);
    send({ type: 'runs', runs: await runAll(spec, fn, hidden.cases), shortcuts: [...shortcuts] });
  }
  reallyExit(0);
}

void main();
