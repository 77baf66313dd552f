import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Notebook } from '../notebook';

function walk(dir: string, skip: (rel: string) => boolean, rel = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (skip(r)) continue;
    if (entry.isDirectory()) files.push(...walk(path.join(dir, entry.name), skip, r));
    else if (entry.isFile()) files.push(r);
  }
  return files;
}

/**
 * A hash of everything a notebook runs against besides its own text: the built JavaScript and type
 * declarations of every workspace package (tslab type-checks cells against the .d.ts files), the grader's
 * reference data, the PyTorch reference files beside the project (a lesson reads them), and the lockfile
 * (tfjs, tslab and other dependency versions). The site generator's own code (lessons' dist/site and
 * dist/cli) is left out, so changing how pages look keeps the cache.
 */
export function environmentFingerprint(root: string): string {
  const hash = createHash('sha256');
  const add = (file: string, label: string): void => {
    hash.update(`${label}\0`);
    hash.update(fs.readFileSync(file));
    hash.update('\0');
  };
  const lock = path.join(root, 'package-lock.json');
  if (fs.existsSync(lock)) add(lock, 'package-lock.json');
  const packagesDir = path.join(root, 'packages');
  const packages = fs.existsSync(packagesDir) ? fs.readdirSync(packagesDir).sort() : [];
  for (const pkg of packages) {
    const dir = path.join(packagesDir, pkg);
    if (!fs.existsSync(path.join(dir, 'package.json'))) continue;
    add(path.join(dir, 'package.json'), `${pkg}/package.json`);
    const skip = (rel: string): boolean =>
      rel.endsWith('.map') || rel.endsWith('.tsbuildinfo') || (pkg === 'lessons' && (rel === 'site' || rel === 'cli'));
    for (const sub of ['dist', 'references']) {
      for (const rel of walk(path.join(dir, sub), skip)) add(path.join(dir, sub, rel), `${pkg}/${sub}/${rel}`);
    }
  }
  const pytorch = path.join(root, '..', 'shared', 'fixtures', 'pytorch');
  for (const rel of walk(pytorch, () => false)) add(path.join(pytorch, rel), `shared/fixtures/pytorch/${rel}`);
  return hash.digest('hex');
}

/**
 * Executed notebooks on disk, keyed by a hash of the notebook's text and the environment fingerprint,
 * so a notebook is executed again only when it or the code it runs against changed.
 */
export class ExecutionCache {
  constructor(
    private readonly dir: string,
    private readonly fingerprint: string,
  ) {}

  private file(name: string, notebookText: string): string {
    const key = createHash('sha256').update(this.fingerprint).update('\0').update(notebookText).digest('hex').slice(0, 32);
    return path.join(this.dir, `${name}.${key}.ipynb`);
  }

  /** The executed notebook stored for this exact source text, or null. `name` is the notebook's file stem. */
  get(name: string, notebookText: string): Notebook | null {
    const file = this.file(name, notebookText);
    if (!fs.existsSync(file)) return null;
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as Notebook;
    } catch {
      // A half-written or corrupt entry is treated as a miss and overwritten by the next set().
      return null;
    }
  }

  /** Stores an executed notebook and drops older entries for the same notebook. */
  set(name: string, notebookText: string, executed: Notebook): void {
    fs.mkdirSync(this.dir, { recursive: true });
    const file = this.file(name, notebookText);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(executed));
    fs.renameSync(tmp, file);
    const prefix = `${name}.`;
    for (const entry of fs.readdirSync(this.dir)) {
      const stale = entry.startsWith(prefix) && /^[0-9a-f]{32}\.ipynb$/.test(entry.slice(prefix.length));
      if (stale && path.join(this.dir, entry) !== file) fs.rmSync(path.join(this.dir, entry), { force: true });
    }
  }
}
