// `npm start`: opens Jupyter (Lab where installed, else Notebook) on notebooks/ with this checkout's kernel.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import { INSTALL_JUPYTER_HINT, findJupyterPython, installKernel, jupyterApp, jupyterEnv, kernelSpecFile } from '../jupyter';
import { notebooksDir, repoRoot } from '../project';

function fail(message: string): never {
  console.error(`attnlab: ${message}`);
  process.exit(1);
}

const root = repoRoot();
const python = findJupyterPython() ?? fail(INSTALL_JUPYTER_HINT);
const app = jupyterApp(python) ?? fail(`${python} has nbclient but neither JupyterLab nor Notebook.\n${INSTALL_JUPYTER_HINT}`);
if (!fs.existsSync(kernelSpecFile(root))) installKernel(python, root);

// Extra arguments pass through: `npm start -- --no-browser --port 8899`.
// Jupyter refuses to run as root without --allow-root; containers and CI machines often are root.
const asRoot = process.getuid?.() === 0 ? ['--allow-root'] : [];
const args = ['-m', app, `--notebook-dir=${notebooksDir(root)}`, ...asRoot, ...process.argv.slice(2)];
console.log(`attnlab: starting ${app === 'jupyterlab' ? 'JupyterLab' : 'Jupyter Notebook'} on notebooks/ (${python} ${args.join(' ')})`);
const child = spawn(python, args, { env: jupyterEnv(root), stdio: 'inherit' });
// Stopping this command stops Jupyter: signals are passed on (a closed terminal's SIGHUP as SIGTERM).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal === 'SIGHUP' ? 'SIGTERM' : signal));
// npm runs this under `sh -c` and passes a SIGTERM on to that shell only, which exits and leaves this
// process behind, re-parented. A new parent therefore means whoever started `npm start` stopped it.
const parent = process.ppid;
const orphaned = setInterval(() => {
  if (process.ppid !== parent) child.kill('SIGTERM');
}, 500);
child.on('exit', (code, signal) => {
  clearInterval(orphaned);
  process.exit(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 0));
});
