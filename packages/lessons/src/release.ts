// The student edition: a complete checkout with the solutions replaced by stubs.
import * as fs from 'fs';
import * as path from 'path';
import { sourceText, toStudentNotebook } from '@attnlab/grader/notebook';

export interface ReleaseOptions {
  /** the instructor checkout */
  root: string;
  /** where the student edition is written (emptied first); default <root>/dist/release */
  outDir?: string;
}

export interface ReleaseSummary {
  outDir: string;
  notebooks: string[];
  /** exercise cells turned into stubs */
  stubs: number;
}

/** Root files copied as they are (package-lock.json is copied with its workspace entries synced). */
const ROOT_FILES = ['nx.json', 'tsconfig.base.json', '.gitignore', '.npmrc'];

/** Never copied anywhere: installs, builds, caches, editor droppings. */
const ALWAYS_SKIPPED = new Set(['node_modules', 'dist', '.nx', '.ipynb_checkpoints', '.vitest', '.DS_Store']);

/**
 * Instructor-only parts of each package. The grader's authoring folder holds the case
 * definitions, the known mistakes and the reference generator (which reads the instructor
 * notebooks); references/hidden.json holds the hidden cases. The tests need the solutions,
 * build this edition or check against reference sets kept outside the repository, so they
 * stay with the instructor.
 */
const INSTRUCTOR_ONLY: Record<string, string[]> = {
  core: ['test', 'vitest.config.mts'],
  grader: ['src/authoring', 'references/hidden.json', 'test'],
  lessons: ['test', 'vitest.config.mts', 'vitest.executed.config.mts'],
};

/** Scripts that only make sense in the instructor checkout (its solutions, tests and tool configs). */
const INSTRUCTOR_SCRIPTS: Record<string, string[]> = {
  root: ['release', 'site', 'bench', 'references', 'test:unit', 'test:lessons', 'lint', 'typecheck', 'format', 'format:check', 'hub', 'gradescope'],
  core: ['test', 'bench'],
  grader: ['test:unit', 'references', 'bench'],
  lessons: ['test', 'test:unit', 'test:lessons', 'release', 'site', 'bench'],
};

/** The parts of a package.json and of package-lock.json that the release rewrites. */
interface Manifest {
  name?: string;
  scripts?: Record<string, string>;
  bin?: unknown;
  [key: string]: unknown;
}
interface Lockfile {
  packages?: Record<string, { bin?: unknown }>;
  [key: string]: unknown;
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

function withoutScripts(manifest: Manifest, names: string[]): Manifest {
  const scripts = { ...(manifest.scripts ?? {}) };
  for (const name of names) delete scripts[name];
  return { ...manifest, scripts };
}

function copyTree(from: string, to: string, skip: (relative: string) => boolean, relative = ''): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const rel = relative ? `${relative}/${entry.name}` : entry.name;
    if (ALWAYS_SKIPPED.has(entry.name) || entry.name.endsWith('.tsbuildinfo') || skip(rel)) continue;
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      fs.mkdirSync(target, { recursive: true });
      copyTree(source, target, skip, rel);
    } else if (entry.isFile()) {
      fs.copyFileSync(source, target);
    }
  }
}

function copyPackage(root: string, outDir: string, name: string): void {
  const from = path.join(root, 'packages', name);
  const to = path.join(outDir, 'packages', name);
  const hidden = INSTRUCTOR_ONLY[name] ?? [];
  fs.mkdirSync(to, { recursive: true });
  copyTree(from, to, (rel) => rel === 'package.json' || hidden.some((h) => rel === h || rel.startsWith(`${h}/`)));
  writeJson(path.join(to, 'package.json'), withoutScripts(readJson<Manifest>(path.join(from, 'package.json')), INSTRUCTOR_SCRIPTS[name] ?? []));
}

/**
 * The lockfile, with each workspace package's "bin" taken from its package.json: npm links
 * commands from the lockfile's copy, and a stale entry leaves `npx attnlab-grade` unlinked.
 */
function syncedLockfile(root: string): Lockfile | undefined {
  const file = path.join(root, 'package-lock.json');
  if (!fs.existsSync(file)) return undefined;
  const lock = readJson<Lockfile>(file);
  for (const [key, entry] of Object.entries(lock.packages ?? {})) {
    const manifestFile = path.join(root, key, 'package.json');
    if (!key.startsWith('packages/') || !fs.existsSync(manifestFile)) continue;
    const { bin } = readJson<Manifest>(manifestFile);
    if (bin) entry.bin = bin;
    else delete entry.bin;
  }
  return lock;
}

function studentManifest(root: string): Manifest {
  const manifest = withoutScripts(readJson<Manifest>(path.join(root, 'package.json')), INSTRUCTOR_SCRIPTS.root);
  return {
    ...manifest,
    name: `${manifest.name}-student`,
    scripts: {
      ...manifest.scripts,
      // for students, "the tests" are their exercises
      test: 'npm run build && nx run grader:test --outputStyle=stream',
    },
  };
}

const STUDENT_README = `# attnlab — student edition

This is your copy of **attnlab**, a course on attention mechanisms that you run. Every lesson is a
Jupyter notebook written in TypeScript: it explains an idea, builds it out of TensorFlow.js operations
and draws the attention weights. In each lesson you complete a few **exercises**: functions whose body
is missing. The notebooks tell you what each function must do; the grader tells you whether it does.

## Set up (once)

You need Node.js 20 or newer and Jupyter (JupyterLab or the classic Notebook).

    npm install

This installs the packages, builds them and registers the TypeScript kernel for this folder only.

## Work on a lesson

    npm start

opens Jupyter on \`notebooks/\`. Start with \`00-getting-started.ipynb\`, then go through the lessons in
order and run the cells from top to bottom.

An exercise cell looks like this:

\`\`\`ts
function softmax(x: tf.Tensor): tf.Tensor {
  // YOUR CODE HERE
  throw new Error("not implemented: softmax");
}
\`\`\`

Replace those two lines with your code. Keep the function's name and its parameters: the grader finds the
cell by its metadata and calls the function by name. Only \`tf\` (TensorFlow.js) and \`core\`
(\`@attnlab/core\`) are available inside an exercise cell, so do not rely on variables defined in other
cells.

## Check your work

Right after each exercise there is a check cell:

\`\`\`ts
await check('softmax', softmax);
\`\`\`

Run it after you change the exercise. It runs your function on the exercise's public cases and prints
either a line with your points or what went wrong: which case failed, the shape it expected and the shape
you returned, the largest difference and where it is, and, when your output matches a common mistake
(a softmax over the wrong axis, a missing 1/√d scaling, a mask applied after the softmax, …), what that
mistake is and how to fix it.

To grade every exercise the way your instructor will (each cell compiled on its own, run in a separate
process with a time limit):

    npx nx test grader

Grade a single lesson, or a copy of your notebooks kept elsewhere:

    ATTNLAB_SUBMISSION=notebooks/03-masked.ipynb npx nx test grader

Your instructor also grades hidden cases (other shapes, fully masked rows, very large scores), so a
function that only works on the public cases can still lose points: write it for any batch shape.

## Hand in

Hand in the \`notebooks/\` folder, or the notebooks your instructor asks for. Do not rename the exercise
functions, and do not delete or duplicate exercise cells.
`;

/** Write the student edition of the checkout at `root`. */
export function buildRelease(opts: ReleaseOptions): ReleaseSummary {
  const root = path.resolve(opts.root);
  const outDir = path.resolve(opts.outDir ?? path.join(root, 'dist', 'release'));
  if (root === outDir || root.startsWith(`${outDir}${path.sep}`)) throw new Error(`the release folder ${outDir} must not contain the checkout ${root}`);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });

  for (const file of ROOT_FILES) {
    if (fs.existsSync(path.join(root, file))) fs.copyFileSync(path.join(root, file), path.join(outDir, file));
  }
  writeJson(path.join(outDir, 'package.json'), studentManifest(root));
  const lock = syncedLockfile(root);
  if (lock) writeJson(path.join(outDir, 'package-lock.json'), lock);
  fs.writeFileSync(path.join(outDir, 'README.md'), STUDENT_README);
  // GitHub Classroom autograding, with the instructor's pinned grader rather than the student's copy of it.
  fs.mkdirSync(path.join(outDir, '.github', 'workflows'), { recursive: true });
  fs.copyFileSync(path.join(root, 'deploy', 'classroom', 'classroom.yml'), path.join(outDir, '.github', 'workflows', 'classroom.yml'));

  for (const name of fs.readdirSync(path.join(root, 'packages')).sort()) {
    if (fs.existsSync(path.join(root, 'packages', name, 'package.json'))) copyPackage(root, outDir, name);
  }

  const notebooks: string[] = [];
  let stubs = 0;
  const from = path.join(root, 'notebooks');
  const to = path.join(outDir, 'notebooks');
  fs.mkdirSync(to, { recursive: true });
  copyTree(from, to, (rel) => rel.endsWith('.ipynb'));
  for (const name of fs
    .readdirSync(from)
    .filter((n) => n.endsWith('.ipynb'))
    .sort()) {
    const nb = JSON.parse(fs.readFileSync(path.join(from, name), 'utf8'));
    const student = toStudentNotebook(nb);
    stubs += student.cells.filter((c) => c.cell_type === 'code' && sourceText(c.source).includes('throw new Error("not implemented: ')).length;
    fs.writeFileSync(path.join(to, name), `${JSON.stringify(student, null, 1)}\n`);
    notebooks.push(name);
  }
  return { outDir, notebooks, stubs };
}
