// Runs a notebook top to bottom in a real Jupyter kernel (nbclient + tslab), as a student's Jupyter would.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { INSTALL_JUPYTER_HINT, findJupyterPython, jupyterEnv, kernelSpecFile } from './jupyter';
import type { Notebook } from '@attnlab/grader/notebook';
import { repoRoot } from './project';

export interface ExecuteOptions {
  /** Limit for each cell, in seconds. */
  timeoutSec?: number;
  /** The kernel's working directory; defaults to the notebook's folder, as in Jupyter. */
  cwd?: string;
  /** The checkout whose kernel runs it; defaults to the one holding the notebook. */
  root?: string;
}

export interface ExecutedNotebook extends Notebook {
  /** Set when the run stopped early (a cell timed out, the kernel died); the cells run so far keep their outputs. */
  executionError?: string;
}

// Errors inside cells are kept as error outputs (allow_errors) so the caller sees every cell; only a
// failure of the run itself (timeout, dead kernel) is reported separately, with the partial notebook.
const RUNNER = `
import json, sys, nbformat
from nbclient import NotebookClient
path, timeout, cwd = sys.argv[1], int(sys.argv[2]), sys.argv[3]
nb = nbformat.read(path, as_version=4)
client = NotebookClient(nb, timeout=timeout, kernel_name='tslab', allow_errors=True,
                        resources={'metadata': {'path': cwd}})
error = None
try:
    client.execute()
except Exception as e:
    error = '%s: %s' % (type(e).__name__, str(e).strip().splitlines()[0] if str(e).strip() else '')
json.dump({'notebook': nb, 'error': error}, sys.stdout)
`;

export async function executeNotebook(file: string, opts: ExecuteOptions = {}): Promise<ExecutedNotebook> {
  const python = findJupyterPython();
  if (!python) throw new Error(`cannot execute ${file}: ${INSTALL_JUPYTER_HINT}`);
  const root = opts.root ?? repoRoot(path.dirname(path.resolve(file)));
  if (!fs.existsSync(kernelSpecFile(root))) {
    throw new Error(`cannot execute ${file}: the tslab kernel is not registered for ${root}; run \`npm install\` (or \`node packages/lessons/dist/cli/setup-kernel.js\`) there`);
  }
  const cwd = opts.cwd ?? path.dirname(path.resolve(file));
  const child = spawn(python, ['-c', RUNNER, path.resolve(file), String(opts.timeoutSec ?? 120), cwd], {
    env: jupyterEnv(root),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const stdout = Buffer.concat(out).toString('utf8');
  if (code !== 0 || !stdout) {
    throw new Error(`executing ${file} failed (exit ${code}):\n${Buffer.concat(err).toString('utf8').slice(-4000)}`);
  }
  const { notebook, error } = JSON.parse(stdout) as { notebook: Notebook; error: string | null };
  return error ? { ...notebook, executionError: error } : notebook;
}
