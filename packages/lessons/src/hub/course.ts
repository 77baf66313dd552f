// The course a local hub serves: the student edition, built, with the tslab kernel registered in its own
// Jupyter data dir. Every student's copy links to its node_modules (see student-copy.ts).
import * as fs from 'fs';
import * as path from 'path';
import { installKernel } from '../jupyter';
import { jupyterDataDir } from '../project';
import { buildRelease } from '../release';

export interface Course {
  dir: string;
  /** the Jupyter data dir holding the course's tslab kernelspec (JUPYTER_PATH for the students' servers) */
  jupyterPath: string;
}

/** The compiler's outputs for a source file `src/<stem>.ts`, by extension. */
const BUILT = ['.d.ts.map', '.d.ts', '.js.map', '.js'];

interface Manifest {
  name: string;
}

function coursePackages(dir: string): { folder: string; name: string }[] {
  const packages = path.join(dir, 'packages');
  return fs
    .readdirSync(packages)
    .filter((folder) => fs.existsSync(path.join(packages, folder, 'package.json')))
    .map((folder) => ({ folder, name: (JSON.parse(fs.readFileSync(path.join(packages, folder, 'package.json'), 'utf8')) as Manifest).name }));
}

/**
 * The course's node_modules: the checkout's installed dependencies, linked (the student edition has the
 * same lockfile, so the same versions, without a second install), and the course's own packages linked
 * the way npm links workspaces, so `@attnlab/grader` is the student edition's, without hidden cases.
 */
function linkDependencies(root: string, dir: string): void {
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(path.join(modules, '@attnlab'), { recursive: true });
  for (const entry of fs.readdirSync(path.join(root, 'node_modules'))) {
    if (entry !== '@attnlab') fs.symlinkSync(path.join(root, 'node_modules', entry), path.join(modules, entry));
  }
  for (const { folder, name } of coursePackages(dir)) {
    fs.symlinkSync(path.join('..', '..', 'packages', folder), path.join(modules, name));
  }
}

/**
 * The course's packages' builds: the checkout's compiled files whose sources the student edition kept
 * (what building the edition would give, since each file compiles on its own), never the compiled
 * instructor-only sources (the grader's authoring code).
 */
function copyBuilds(root: string, dir: string): void {
  for (const { folder } of coursePackages(dir)) {
    const from = path.join(root, 'packages', folder, 'dist');
    const pkg = path.join(dir, 'packages', folder);
    if (!fs.existsSync(from)) throw new Error(`packages/${folder} is not built; run npm run build`);
    for (const rel of fs.readdirSync(from, { recursive: true, encoding: 'utf8' })) {
      const ext = BUILT.find((e) => rel.endsWith(e));
      if (!ext || !fs.existsSync(path.join(pkg, 'src', `${rel.slice(0, -ext.length)}.ts`))) continue;
      fs.mkdirSync(path.dirname(path.join(pkg, 'dist', rel)), { recursive: true });
      fs.copyFileSync(path.join(from, rel), path.join(pkg, 'dist', rel));
    }
  }
}

/** Writes the course for the checkout at `root` into `dir` (emptied first), for the Jupyter of `python`. */
export function prepareCourse(root: string, dir: string, python: string): Course {
  buildRelease({ root, outDir: dir });
  linkDependencies(root, dir);
  copyBuilds(root, dir);
  installKernel(python, dir);
  return { dir, jupyterPath: jupyterDataDir(dir) };
}
