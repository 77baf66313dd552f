import * as fs from 'node:fs';
import * as path from 'node:path';

/** node_modules folders a file in `from` resolves packages from, nearest first. */
function nodeModulesChain(from: string): string[] {
  const dirs: string[] = [];
  for (let dir = from; ; dir = path.dirname(dir)) {
    const nm = path.join(dir, 'node_modules');
    if (fs.existsSync(nm)) dirs.push(nm);
    if (path.dirname(dir) === dir) return dirs;
  }
}

/** The compiled grader folders the sandbox must not see: the authoring code holds the case definitions and loads the solutions. */
const HIDDEN_IN_DIST = ['authoring'];

/**
 * What a sandbox may read: the compiled grader (without its authoring code), and every
 * installed package except the course's own, other than @attnlab/core (@attnlab/grader links
 * to the package that holds the reference outputs; @attnlab/lessons to the notebooks).
 */
export interface SandboxView {
  graderDist: string;
  /** folders inside graderDist to hide */
  hiddenInDist: string[];
  nodeModules: string[];
  /** node_modules/@attnlab folders, where only core may be seen */
  attnlabScopes: string[];
  /** @attnlab/core as installed (a link into the workspace) and where it really is */
  core: { installed: string; real: string } | undefined;
}

export function sandboxView(graderDist: string): SandboxView {
  const nodeModules = nodeModulesChain(path.dirname(graderDist));
  const attnlabScopes = nodeModules.map((nm) => path.join(nm, '@attnlab')).filter((d) => fs.existsSync(d));
  const installed = attnlabScopes.map((d) => path.join(d, 'core')).find((d) => fs.existsSync(d));
  return {
    graderDist,
    hiddenInDist: HIDDEN_IN_DIST.map((d) => path.join(graderDist, d)),
    nodeModules,
    attnlabScopes,
    core: installed ? { installed, real: fs.realpathSync(installed) } : undefined,
  };
}

/** The same view as paths for Node's permission model (`--allow-fs-read`, a folder allowing all below it). */
export function sandboxReadPaths(view: SandboxView): string[] {
  const allowed = new Set<string>();
  for (const entry of fs.readdirSync(view.graderDist)) {
    const full = path.join(view.graderDist, entry);
    if (!view.hiddenInDist.includes(full)) allowed.add(full);
  }
  for (const nm of view.nodeModules) {
    // a whole folder where nothing in it is hidden: newer Node refuses even to look for a package in a folder it may not read
    if (!fs.existsSync(path.join(nm, '@attnlab'))) allowed.add(nm);
    else for (const entry of fs.readdirSync(nm)) if (entry !== '@attnlab' && !entry.startsWith('.')) allowed.add(path.join(nm, entry));
  }
  if (view.core) {
    allowed.add(view.core.installed);
    allowed.add(view.core.real);
  }
  return [...allowed];
}
