// Starting and stopping JupyterHub for a class on this machine (deploy/jupyterhub/jupyterhub_config.py).
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { freePort } from '../free-port';
import { findPython } from '../jupyter';
import { prepareCourse } from './course';

export const INSTALL_HUB_HINT = [
  'JupyterHub was not found. `npm run hub` needs a Python 3 with JupyterHub 3 and the classic Notebook:',
  '  Debian/Ubuntu: sudo apt-get install jupyterhub',
  'If it is installed under a Python that is not first on PATH, point attnlab at it: ATTNLAB_PYTHON=/path/to/python3',
].join('\n');

export interface HubOptions {
  /** the instructor checkout */
  root: string;
  /** the port people and the REST API reach, on 127.0.0.1 */
  port: number;
  /** the hub's folder: database, secrets, the course, every student's copy */
  state: string;
  /** an admin API token the hub accepts (at least 8 characters) */
  token?: string;
  /** a shared password people log in with (any user name) */
  password?: string;
  /** a Python file of extra JupyterHub configuration (an authenticator), loaded last */
  extraConfig?: string;
  /** where the hub's log goes; default: a file in the state folder */
  output?: 'inherit' | 'file';
}

export interface RunningHub {
  /** the public URL, ending in `/` */
  url: string;
  process: ChildProcess;
  logFile: string | null;
  /** resolves when the hub has exited */
  exited: Promise<void>;
  /** stops the hub, which stops every student's server and the proxy first */
  stop(): Promise<void>;
}

/** The first Python with JupyterHub and the classic Notebook, searched as findPython does. */
export function findHubPython(): string | null {
  return findPython('jupyterhub, notebook');
}

async function waitUntilUp(url: string, child: ChildProcess, exited: Promise<void>, timeoutMs: number): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !gone) {
    try {
      if ((await fetch(`${url}hub/api/`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  if (!gone) child.kill('SIGTERM');
  throw new Error(gone ? `JupyterHub exited (code ${child.exitCode})` : `JupyterHub did not answer at ${url} within ${timeoutMs / 1000} s`);
}

/** Prepares the course and starts JupyterHub; resolves once its REST API answers. */
export async function startHub(opts: HubOptions): Promise<RunningHub> {
  if (opts.token !== undefined && opts.token.length < 8) throw new Error('ATTNLAB_HUB_TOKEN must be at least 8 characters (try `openssl rand -hex 32`)');
  const python = findHubPython();
  if (!python) throw new Error(INSTALL_HUB_HINT);
  const state = path.resolve(opts.state);
  fs.mkdirSync(state, { recursive: true, mode: 0o700 });
  const course = prepareCourse(opts.root, path.join(state, 'course'), python);
  const proxy = path.join(opts.root, 'node_modules', '.bin', 'configurable-http-proxy');
  if (!fs.existsSync(proxy)) throw new Error(`${proxy} is missing; run npm install`);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ATTNLAB_HUB_STATE: state,
    ATTNLAB_COURSE: course.dir,
    ATTNLAB_HUB_PORT: String(opts.port),
    ATTNLAB_HUB_API_PORT: String(await freePort()),
    ATTNLAB_PROXY_API_PORT: String(await freePort()),
    ATTNLAB_PROXY_COMMAND: proxy,
    ATTNLAB_USER_START: path.join(opts.root, 'deploy', 'jupyterhub', 'attnlab-user-start'),
  };
  for (const [name, value] of [
    ['ATTNLAB_HUB_TOKEN', opts.token],
    ['ATTNLAB_HUB_PASSWORD', opts.password],
    ['ATTNLAB_HUB_CONFIG', opts.extraConfig && path.resolve(opts.extraConfig)],
  ] as const) {
    if (value) env[name] = value;
    else delete env[name];
  }
  const logFile = opts.output === 'inherit' ? null : path.join(state, 'jupyterhub.log');
  const log = logFile ? fs.openSync(logFile, 'a') : null;
  const config = path.join(opts.root, 'deploy', 'jupyterhub', 'jupyterhub_config.py');
  // The hub's working folder is its state folder, so nothing it writes lands in the checkout.
  // Its own process group: a Ctrl-C in the terminal reaches only `npm run hub`, which stops the hub once.
  const child = spawn(python, ['-m', 'jupyterhub', '-f', config], { cwd: state, env, stdio: log === null ? 'inherit' : ['ignore', log, log], detached: true });
  if (log !== null) fs.closeSync(log); // the hub has its own copy
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${opts.port}/`;
  try {
    await waitUntilUp(url, child, exited, 180_000);
  } catch (error) {
    const tail = logFile && fs.existsSync(logFile) ? `\n${fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n')}` : '';
    throw new Error(`${(error as Error).message}${tail}`);
  }
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    await exited;
    clearTimeout(timer);
  };
  return { url, process: child, logFile, exited, stop };
}
