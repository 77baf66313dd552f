// Executed lessons, kept by what determines their outputs (jupyter-cache's rule): the code cells, the
// built packages they run against, and the run mode. A markdown edit re-uses the outputs.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadNotebook, type Notebook, type Output, sourceText } from '@attnlab/grader/notebook';
import { executeNotebook, type ExecutedNotebook } from './execute';
import { isQuick } from './run-mode';

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
 * A hash of everything a notebook runs against besides its own code: the built JavaScript and type
 * declarations of every workspace package (tslab type-checks cells against the .d.ts files), the grader's
 * reference data, the reference files and trained weights the packages ship (a lesson reads them), and the lockfile (tfjs,
 * tslab and other dependency versions). The site generator's own code (lessons' dist/site and dist/cli)
 * is left out, so changing how pages look keeps the cache.
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
    const skip = (rel: string): boolean => rel.endsWith('.map') || rel.endsWith('.tsbuildinfo') || (pkg === 'lessons' && (rel === 'site' || rel === 'cli'));
    for (const sub of ['dist', 'references', 'fixtures', 'weights']) {
      for (const rel of walk(path.join(dir, sub), skip)) add(path.join(dir, sub, rel), `${pkg}/${sub}/${rel}`);
    }
  }
  return hash.digest('hex');
}

/** What a run leaves on each code cell, in order. */
interface StoredRun {
  cells: { outputs: Output[]; execution_count: number | null }[];
}

const codeCells = (nb: Notebook) => nb.cells.filter((c) => c.cell_type === 'code');

/** The part of a notebook that decides its outputs: its code cells, in order. */
export function codeKey(nb: Notebook): string {
  return JSON.stringify(codeCells(nb).map((c) => sourceText(c.source)));
}

/** `nb` with the outputs of a run of the same code put back on its code cells. */
function withOutputs(nb: Notebook, run: StoredRun): ExecutedNotebook {
  const copy = JSON.parse(JSON.stringify(nb)) as Notebook;
  codeCells(copy).forEach((cell, i) => {
    cell.outputs = run.cells[i].outputs;
    cell.execution_count = run.cells[i].execution_count;
  });
  return copy;
}

/**
 * Executed notebooks on disk, keyed by a hash of the environment fingerprint, the run mode and the
 * notebook's code cells, so a notebook is executed again only when its code or what it runs against
 * changed.
 */
export class ExecutionCache {
  constructor(
    private readonly dir: string,
    private readonly fingerprint: string,
  ) {}

  private file(name: string, nb: Notebook, quick: boolean): string {
    const key = createHash('sha256')
      .update(this.fingerprint)
      .update(quick ? '\0quick\0' : '\0full\0')
      .update(codeKey(nb))
      .digest('hex')
      .slice(0, 32);
    return path.join(this.dir, `${name}.${key}.json`);
  }

  /** `nb` with the outputs stored for its exact code, or null. `name` is the notebook's file stem. */
  get(name: string, nb: Notebook, quick = isQuick()): ExecutedNotebook | null {
    const file = this.file(name, nb, quick);
    if (!fs.existsSync(file)) return null;
    try {
      const run = JSON.parse(fs.readFileSync(file, 'utf8')) as StoredRun;
      return run.cells.length === codeCells(nb).length ? withOutputs(nb, run) : null;
    } catch {
      // A half-written or corrupt entry is treated as a miss and overwritten by the next set().
      return null;
    }
  }

  /** Stores the outputs of an executed notebook and drops older entries for the same notebook. */
  set(name: string, executed: Notebook, quick = isQuick()): void {
    fs.mkdirSync(this.dir, { recursive: true });
    const file = this.file(name, executed, quick);
    const run: StoredRun = { cells: codeCells(executed).map((c) => ({ outputs: c.outputs ?? [], execution_count: c.execution_count ?? null })) };
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(run));
    fs.renameSync(tmp, file);
    const prefix = `${name}.`;
    for (const entry of fs.readdirSync(this.dir)) {
      const stale = entry.startsWith(prefix) && /^[0-9a-f]{32}\.json$/.test(entry.slice(prefix.length));
      if (stale && path.join(this.dir, entry) !== file) fs.rmSync(path.join(this.dir, entry), { force: true });
    }
  }
}

export interface CachedRunOptions {
  cache: ExecutionCache | null;
  /** Per-cell limit, in seconds. */
  timeoutSec?: number;
  /** One line when the run starts and one when it ends. */
  log?: (line: string) => void;
}

/** A lesson run, from the cache or from Jupyter. `text` is the notebook as read, before running. */
export interface LessonRun {
  source: 'cache' | 'executed';
  notebook: Notebook;
  executed: ExecutedNotebook;
  seconds: number;
}

/** Run a lesson notebook (in the current run mode), or take its outputs from the cache. */
export async function runLesson(file: string, { cache, timeoutSec = 300, log = () => undefined }: CachedRunOptions): Promise<LessonRun> {
  const name = path.basename(file, '.ipynb');
  // The notebook as read before execution, so a notebook saved mid-run cannot mix two versions.
  const notebook = loadNotebook(file);
  const hit = cache?.get(name, notebook);
  if (hit) {
    log(`${name}: outputs from cache`);
    return { source: 'cache', notebook, executed: hit, seconds: 0 };
  }
  log(`${name}: executing in Jupyter (tslab${isQuick() ? ', quick mode' : ''})…`);
  const start = performance.now();
  const executed = await executeNotebook(file, { timeoutSec });
  const seconds = (performance.now() - start) / 1000;
  if (!executed.executionError) cache?.set(name, executed);
  log(`${name}: executed in ${seconds.toFixed(1)} s${executed.executionError ? ` — stopped: ${executed.executionError}` : ''}`);
  return { source: 'executed', notebook, executed, seconds };
}
