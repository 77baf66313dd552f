// Finding the Jupyter installation and registering the tslab kernel for this checkout.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { jupyterDataDir, repoRoot } from './project';

export const INSTALL_JUPYTER_HINT = [
  'Jupyter was not found. attnlab needs a Python 3 with Jupyter (Notebook or Lab) and nbclient:',
  '  Debian/Ubuntu: sudo apt-get install jupyter-notebook python3-nbclient python3-nbconvert',
  '  anywhere else: python3 -m pip install jupyterlab nbclient nbconvert',
  'If it is installed under a Python that is not first on PATH, point attnlab at it:',
  '  ATTNLAB_PYTHON=/path/to/python3 npm install',
].join('\n');

function canImport(python: string, modules: string): boolean {
  // Generous: on a busy machine a cold Python can take many seconds to import Jupyter.
  const r = spawnSync(python, ['-c', `import ${modules}`], { stdio: 'ignore', timeout: 60_000 });
  return r.status === 0;
}

/** What findPython found, by modules, ATTNLAB_PYTHON and PATH: each search starts up to five Pythons. */
const found = new Map<string, string | null>();

/**
 * The first Python that can `import modules` (comma-separated). ATTNLAB_PYTHON wins; then the PATH's python3 and
 * python; then /usr/bin/python3, because a pyenv or venv python3 first on PATH often lacks a Debian-installed Jupyter.
 */
export function findPython(modules: string): string | null {
  const key = `${modules}\0${process.env.ATTNLAB_PYTHON ?? ''}\0${process.env.PATH ?? ''}`;
  if (!found.has(key)) {
    const candidates = [process.env.ATTNLAB_PYTHON, 'python3', 'python', '/usr/bin/python3', '/usr/local/bin/python3'];
    found.set(key, candidates.find((python): python is string => !!python && canImport(python, modules)) ?? null);
  }
  return found.get(key)!;
}

/** The Python that executes notebooks: the first that can `import nbclient`. */
export function findJupyterPython(): string | null {
  return findPython('nbclient');
}

/** The Jupyter front end to open: Lab where it is installed, else the classic Notebook. */
export function jupyterApp(python: string): 'jupyterlab' | 'notebook' | null {
  if (canImport(python, 'jupyterlab')) return 'jupyterlab';
  if (canImport(python, 'notebook')) return 'notebook';
  return null;
}

/** The environment every Jupyter process of this checkout runs with (it finds the project-local kernel). */
export function jupyterEnv(root: string = repoRoot()): NodeJS.ProcessEnv {
  const dataDir = jupyterDataDir(root);
  const inherited = process.env.JUPYTER_PATH;
  return { ...process.env, JUPYTER_PATH: inherited ? `${dataDir}${path.delimiter}${inherited}` : dataDir };
}

export function kernelSpecFile(root: string = repoRoot()): string {
  return path.join(jupyterDataDir(root), 'kernels', 'tslab', 'kernel.json');
}

/**
 * Registers the course's kernel in the checkout's own Jupyter data dir: this checkout's launcher (tslab,
 * mended: see @attnlab/grader/tslab-kernel), run by the Node.js running this, so the kernel always loads this
 * checkout's packages. `tslab install` writes the kernelspec and its logos; the command line is then
 * replaced, since a launcher run through its shebang would need an executable bit that a rebuild drops.
 * Only the TypeScript kernel is registered.
 */
export function installKernel(python: string, root: string = repoRoot()): string {
  const tslabBin = path.join(root, 'node_modules', '.bin', 'tslab');
  if (!fs.existsSync(tslabBin)) {
    throw new Error(`tslab is not installed at ${tslabBin}; run npm install in ${root} first`);
  }
  const launcher = path.join(root, 'packages', 'lessons', 'dist', 'cli', 'kernel.js');
  if (!fs.existsSync(launcher)) {
    throw new Error(`the kernel launcher ${launcher} is not built; run npm run build in ${root} first`);
  }
  const r = spawnSync(tslabBin, ['install', `--python=${python}`, `--prefix=${path.join(root, '.jupyter')}`], { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`tslab install failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  }
  const specFile = kernelSpecFile(root);
  const spec = JSON.parse(fs.readFileSync(specFile, 'utf8')) as { argv: string[] };
  spec.argv = [process.execPath, launcher, 'kernel', '--config-path', '{connection_file}'];
  fs.writeFileSync(specFile, JSON.stringify(spec, null, 2));
  // tslab install also registers its JavaScript kernel (jslab); the course uses only the TypeScript one.
  fs.rmSync(path.join(jupyterDataDir(root), 'kernels', 'jslab'), { recursive: true, force: true });
  return specFile;
}
