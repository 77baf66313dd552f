/**
 * The sandbox process. It receives a compiled exercise cell and the cases' inputs over
 * IPC and sends back the outputs; it never receives expected outputs, runs with Node's
 * permission model (read access only to the libraries it needs, no writes, no child
 * processes) and is killed by the parent when it overruns its time or memory.
 */
import * as tf from '@tensorflow/tfjs';
import { runCellModule } from '../cell-module';
import { errorMessage } from '../errors';
import { exerciseById } from '../exercises/catalog';
import { runCase } from '../invoke';
import type { ChildMessage, RunRequest } from './protocol';

function send(message: ChildMessage): void {
  process.send!(message);
}

function cellRequire(name: string): unknown {
  if (name === '@tensorflow/tfjs') return tf;
  // loaded on first use: most of a sandbox's start-up time is spent loading libraries
  if (name === '@attnlab/core') return require('@attnlab/core');
  throw new Error(`exercise cells may import only @tensorflow/tfjs and @attnlab/core, not "${name}"`);
}

/** Signals to other processes are the one thing the permission model does not stop. */
function denySignals(): void {
  const denied = () => {
    throw new Error('exercise cells may not send signals to processes');
  };
  process.kill = denied as typeof process.kill;
  (process as unknown as { _kill: unknown })._kill = denied;
}

async function handle(request: RunRequest): Promise<void> {
  const spec = exerciseById(request.exercise);
  if (!spec) {
    send({ type: 'load-error', token: request.token, error: `unknown exercise "${request.exercise}"` });
    return;
  }
  let fn: unknown;
  try {
    fn = runCellModule(request.js, cellRequire);
  } catch (error) {
    send({ type: 'load-error', token: request.token, error: `the cell threw while it was loaded: ${errorMessage(error)}` });
    return;
  }
  const runs = [];
  for (const c of request.cases) runs.push(await runCase(spec, fn, c.inputs));
  send({ type: 'done', token: request.token, runs });
}

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  tf.env().set('PROD', true);
  denySignals();
  process.on('message', (message: RunRequest) => {
    if (message?.type === 'run') void handle(message);
  });
  send({ type: 'ready' });
}

void main();
