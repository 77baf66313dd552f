/**
 * The sandbox process: runs one student's exercise cells, each in a fresh global of its own
 * (cell-realm.ts), one request at a time (protocol.ts), then exits when its input ends. It
 * reads the run secret first, answers each request on fd 3 with the secret, and never
 * receives expected outputs. The parent starts it under bubblewrap and/or Node's permission
 * model (isolation.ts), and stops it when a request overruns its time or the process its
 * memory; the exercises left then go on in a new process.
 */
import './tf-ops';
import * as fs from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { runCellModule } from '../cell-module';
import { errorMessage } from '../errors';
import { exerciseById, exercises } from '../exercises/catalog';
import type { ExerciseSpec } from '../exercises/spec';
import { runCase } from '../invoke';
import { guardTensorMethods, restrictedModule } from '../restrictions';
import { cellRealm, sealShared, WITHHELD } from './cell-realm';
import { readFrameSync, writeAllSync } from './frames';
import { clip, MAX_REPLY_BYTES, READY, type Reply, type Request, SECRET_LENGTH, toWire, type WireCase, type WireRun } from './protocol';

const REQUEST_FD = 0;
const REPLY_FD = 3;

// Taken before any cell runs: should a cell ever reach the process's globals (cell-realm.ts keeps it from them), it cannot replace these.
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

/** Sends a reply (or READY) framed with the secret; the secret only ever goes to the captured writeSync, as one string. */
function replier(secret: string): (reply: Reply | typeof READY) => void {
  return (reply) => {
    const payload = bufferFrom(reply === READY ? READY : stringify(reply));
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

function readJson<T>(frame: Buffer): T {
  return JSON.parse(frame.toString('utf8')) as T;
}

/**
 * Lets what this request's cell left running (a promise it did not await, rejected at load or
 * after a case that threw) surface now, before the reply, so it cannot reach the next exercise.
 */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
}

async function main(): Promise<void> {
  const first = readFrameSync(REQUEST_FD, SECRET_LENGTH);
  if (!first) return reallyExit(2);
  const secret = first.toString('latin1', 0, SECRET_LENGTH);
  first.fill(0);
  const send = replier(secret);
  await tf.setBackend('cpu');
  tf.env().set('PROD', true);
  const core = require('@attnlab/core') as object;
  let current: { spec: ExerciseSpec; shortcuts: string[] } | undefined;
  const onUse = ({ call }: { call: string }) => void current?.shortcuts.push(call);
  guardTensorMethods(exercises, tf.Tensor.prototype, () => current?.spec, { onUse });
  sealShared({ tf, core });
  harden();
  // a rejection a cell left outside its cases (runCase blames the case it happens in) ends neither the session nor another exercise (settle)
  process.on('unhandledRejection', () => undefined);
  send(READY);
  const loaded = new Map<string, unknown>();
  for (;;) {
    const frame = readFrameSync(REQUEST_FD, MAX_REPLY_BYTES * 4);
    if (!frame) return reallyExit(0);
    const request = readJson<Request>(frame);
    const spec = exerciseById(request.exercise);
    if (!spec || (request.type === 'hidden' && !loaded.has(spec.id))) {
      send({ type: 'load-error', error: `no loaded exercise "${String(request.exercise).slice(0, 60)}"` });
      continue;
    }
    current = { spec, shortcuts: [] };
    if (request.type === 'load') {
      const cellRequire = (name: string): unknown => {
        if (name !== '@tensorflow/tfjs' && name !== '@attnlab/core') throw new Error(`exercise cells may import only @tensorflow/tfjs and @attnlab/core, not "${name}"`);
        // the cell's tf is TF.js's ops, tensor methods and cpu backend (tf-ops.ts): no tf.layers, tf.data or model loading
        return restrictedModule(spec, name, name === '@tensorflow/tfjs' ? tf : core, { onUse, withheld: WITHHELD });
      };
      try {
        loaded.set(spec.id, runCellModule(request.js, cellRequire, cellRealm()));
      } catch (error) {
        send({ type: 'load-error', error: clip(`the cell threw while it was loaded: ${shown(error)}`) });
        continue;
      }
    }
    const runs = await runAll(spec, loaded.get(spec.id), request.cases);
    await settle();
    send({ type: 'runs', runs, shortcuts: [...current.shortcuts] });
    current = undefined;
  }
}

void main();
