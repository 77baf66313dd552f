// Where things live in an attnlab checkout (the instructor repo or a student release).
import * as fs from 'fs';
import * as path from 'path';

/** The checkout's root: the nearest folder upwards whose package.json declares npm workspaces. */
export function repoRoot(from: string = __dirname): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).workspaces) return dir;
    if (path.dirname(dir) === dir) {
      throw new Error(`attnlab: no package.json with "workspaces" above ${from}; run this from inside an attnlab checkout`);
    }
  }
}

/** The project-local Jupyter data dir: one per checkout, so two checkouts never fight over one kernelspec. */
export function jupyterDataDir(root: string = repoRoot()): string {
  return path.join(root, '.jupyter', 'share', 'jupyter');
}

export function notebooksDir(root: string = repoRoot()): string {
  return path.join(root, 'notebooks');
}
