// `npm run hub -- --port P [--state DIR]`: JupyterHub for a class on 127.0.0.1:P (deploy/jupyterhub/).
// ATTNLAB_HUB_TOKEN: an admin API token it accepts; ATTNLAB_HUB_PASSWORD: a shared password for people;
// ATTNLAB_HUB_CONFIG: a file of extra JupyterHub configuration (the institution's authenticator).
import * as path from 'path';
import { repoRoot } from '../project';
import { startHub } from '../hub/hub-process';

function fail(message: string): never {
  console.error(`attnlab hub: ${message}`);
  process.exit(2);
}

const args = process.argv.slice(2);
function option(name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  return args[i + 1] ?? fail(`${name} needs a value`);
}
const unknown = args.filter((a, i) => a.startsWith('--') && !['--port', '--state'].includes(a) && !['--port', '--state'].includes(args[i - 1]));
if (unknown.length) fail(`unknown option ${unknown[0]}; usage: npm run hub -- --port P [--state DIR]`);
const port = Number(option('--port') ?? 8000);
if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`--port must be a port number`);

const root = repoRoot();
// The state (the students' work among it) lives in .hub/, beside the checkout's other local folders.
const state = path.resolve(root, option('--state') ?? '.hub');

async function main(): Promise<void> {
  const hub = await startHub({
    root,
    port,
    state,
    token: process.env.ATTNLAB_HUB_TOKEN,
    password: process.env.ATTNLAB_HUB_PASSWORD,
    extraConfig: process.env.ATTNLAB_HUB_CONFIG,
    output: 'inherit',
  });
  console.log(`attnlab hub: ${hub.url} (state in ${state})`);
  if (process.env.ATTNLAB_HUB_PASSWORD) console.log('attnlab hub: people log in with any user name and the password in ATTNLAB_HUB_PASSWORD');
  else if (!process.env.ATTNLAB_HUB_CONFIG) console.log('attnlab hub: nobody can log in with a password (set ATTNLAB_HUB_PASSWORD, or an authenticator in ATTNLAB_HUB_CONFIG)');
  // Stopping this command stops the hub, which stops every student's server and the proxy.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void hub.stop().then(() => process.exit(0));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
  // npm runs this under `sh -c` and passes a SIGTERM to that shell only: a new parent means we were stopped.
  const parent = process.ppid;
  const orphaned = setInterval(() => process.ppid !== parent && stop(), 500);
  await hub.exited;
  clearInterval(orphaned);
  if (!stopping) fail(`JupyterHub exited (code ${hub.process.exitCode})`);
}

main().catch((error: Error) => fail(error.message));
