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

/** The compiled grader modules the sandbox loads (not the authoring code with the reference solutions). */
const SANDBOX_MODULES = ['sandbox', 'exercises', 'invoke.js', 'errors.js', 'cell-module.js', 'tensor-data.js'];

/**
 * Paths the sandbox may read: the grader modules it runs, and every installed package
 * except @attnlab/grader (a symlink to the package that holds the reference outputs and
 * solutions) and @attnlab/lessons. Everything else is unreadable.
 */
export function sandboxReadPaths(graderDist: string): string[] {
  const allowed = new Set<string>(SANDBOX_MODULES.map((m) => (m.endsWith('.js') ? path.join(graderDist, m) : `${path.join(graderDist, m)}${path.sep}*`)));
  for (const nm of nodeModulesChain(path.dirname(graderDist))) {
    for (const entry of fs.readdirSync(nm)) {
      if (entry.startsWith('.')) continue;
      if (entry === '@attnlab') {
        const core = path.join(nm, entry, 'core');
        if (!fs.existsSync(core)) continue;
        allowed.add(`${core}${path.sep}*`);
        allowed.add(`${fs.realpathSync(core)}${path.sep}*`);
        continue;
      }
      allowed.add(`${path.join(nm, entry)}${path.sep}*`);
    }
  }
  return [...allowed];
}
