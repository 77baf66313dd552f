import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exercises } from '@attnlab/grader';
import { sourceText, type Notebook } from '@attnlab/grader/notebook';
import { repoRoot } from '../src/project';
import { buildRelease, type ReleaseSummary } from '../src/release';

const run = promisify(execFile);
const root = repoRoot(__dirname);

/** The environment of this test without the outer Nx run's variables (which would point the inner Nx at this checkout). */
const env = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NX_'))),
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  CI: 'true',
};

async function sh(cmd: string, args: string[], cwd: string) {
  try {
    const r = await run(cmd, args, { cwd, env, maxBuffer: 64 << 20 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function readNotebook(file: string): Notebook {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Notebook;
}

const SOLUTION = /\/\/ BEGIN SOLUTION\n([\s\S]*?)\n[ \t]*\/\/ END SOLUTION/g;

/** Lines that occur only inside the instructor's solutions (not elsewhere in the notebook), long enough to be distinctive. */
function solutionLines(nb: Notebook): string[] {
  const sources = nb.cells.map((c) => sourceText(c.source));
  const outside = sources.map((s) => s.replace(SOLUTION, '')).join('\n');
  return sources
    .flatMap((s) => [...s.matchAll(SOLUTION)].flatMap((m) => m[1].split('\n')))
    .map((l) => l.trim())
    .filter((l) => l.length >= 25 && !outside.includes(l));
}

let out: string;
let summary: ReleaseSummary;

beforeAll(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'attnlab-release-'));
  summary = buildRelease({ root, outDir: path.join(out, 'release') });
});

afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe('the student edition', () => {
  it('is a complete checkout without builds, installs, hidden cases or reference solutions', () => {
    const rel = summary.outDir;
    for (const file of [
      'package.json',
      'package-lock.json',
      'nx.json',
      'tsconfig.base.json',
      'README.md',
      'packages/core/package.json',
      'packages/grader/package.json',
      'packages/lessons/package.json',
      'packages/grader/references/public.json',
    ]) {
      expect(fs.existsSync(path.join(rel, file)), file).toBe(true);
    }
    for (const file of [
      'packages/grader/references/hidden.json',
      'packages/grader/src/authoring',
      'packages/grader/test',
      'packages/core/test',
      'packages/core/vitest.config.mts',
      'packages/lessons/test',
      'packages/lessons/vitest.config.mts',
      'packages/lessons/vitest.executed.config.mts',
      'vitest.config.mts',
      'node_modules',
      'packages/core/dist',
      'packages/grader/dist',
      'packages/lessons/dist',
    ]) {
      expect(fs.existsSync(path.join(rel, file)), file).toBe(false);
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(rel, 'package.json'), 'utf8'));
    expect(manifest.workspaces).toEqual(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).workspaces);
    expect(Object.keys(manifest.scripts)).not.toContain('release');
    expect(manifest.scripts.start).toBeDefined();
    const grader = JSON.parse(fs.readFileSync(path.join(rel, 'packages/grader/package.json'), 'utf8'));
    expect(Object.keys(grader.scripts)).not.toContain('references');
    const lessons = JSON.parse(fs.readFileSync(path.join(rel, 'packages/lessons/package.json'), 'utf8'));
    expect(Object.keys(lessons.scripts)).not.toContain('test:unit');
    const publicCases = JSON.parse(fs.readFileSync(path.join(rel, 'packages/grader/references/public.json'), 'utf8')).cases as { visibility: string }[];
    expect(publicCases.length).toBeGreaterThan(0);
    expect(publicCases.every((c) => c.visibility === 'public')).toBe(true);
  });

  it('tells students how to work', () => {
    const readme = fs.readFileSync(path.join(summary.outDir, 'README.md'), 'utf8');
    for (const step of ['npm install', 'npm start', "await check('softmax', softmax);", 'npx nx test grader']) expect(readme).toContain(step);
  });

  it('has every lesson notebook, with stubs instead of solutions and no outputs', () => {
    const lessons = fs
      .readdirSync(path.join(root, 'notebooks'))
      .filter((n) => n.endsWith('.ipynb'))
      .sort();
    expect(summary.notebooks).toEqual(lessons);
    let stubs = 0;
    for (const name of lessons) {
      const instructor = readNotebook(path.join(root, 'notebooks', name));
      const student = readNotebook(path.join(summary.outDir, 'notebooks', name));
      expect(student.cells.map((c) => c.id)).toEqual(instructor.cells.map((c) => c.id));
      const text = student.cells.map((c) => sourceText(c.source)).join('\n');
      const hasExercises = instructor.cells.some((c) => c.metadata?.attnlab?.exercise);
      if (hasExercises) expect(solutionLines(instructor).length, name).toBeGreaterThan(0);
      for (const line of solutionLines(instructor)) expect(text, `${name} leaks "${line}"`).not.toContain(line);
      for (const cell of student.cells) {
        if (cell.cell_type !== 'code') continue;
        expect(cell.outputs ?? []).toEqual([]);
        expect(cell.execution_count ?? null).toBeNull();
        expect(sourceText(cell.source)).not.toMatch(/\/\/ (BEGIN|END) SOLUTION/);
        const id = cell.metadata?.attnlab?.exercise;
        if (id) {
          expect(sourceText(cell.source)).toContain(`throw new Error("not implemented: ${id}");`);
          stubs++;
        }
      }
    }
    expect(summary.stubs).toBe(stubs);
    expect(stubs).toBe(exercises.length);
  });

  it('installs (its lockfile resolving to the packages the checkout installed), builds, and its grader gives 0 with "not implemented" for every exercise', async () => {
    const rel = summary.outDir;
    // Start from hard links to the checkout's installed tree, where the file system allows them: npm install then
    // checks that tree against the edition's package.json and lockfile and fetches or prunes only what differs, in
    // seconds, where extracting some 600 packages again costs half a minute of CPU. Elsewhere it installs in full.
    const modules = path.join(rel, 'node_modules');
    const linked = await sh('cp', ['-al', path.join(root, 'node_modules'), modules], rel);
    if (linked.code === 0) fs.rmSync(path.join(modules, '.package-lock.json'), { force: true });
    else fs.rmSync(modules, { recursive: true, force: true });
    const install = await sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], rel);
    expect(install.code, install.stderr).toBe(0);
    const graded = await sh('npx', ['nx', 'test', 'grader', '--outputStyle=static'], rel);
    expect(graded.code).not.toBe(0); // nothing is implemented yet
    const points = exercises.reduce((sum, e) => sum + e.points, 0);
    expect(graded.stdout).toMatch(new RegExp(`^total\\s+0/${points}\\s+public cases only`, 'm'));
    const stubs = graded.stdout.match(/^… \w+: 0\/\d+ points — not implemented yet\./gm) ?? [];
    expect(stubs).toHaveLength(exercises.length);
    expect(graded.stdout + graded.stderr).not.toMatch(/crashed|timed out|TypeError|attnlab-grade: /);
    const help = await sh(path.join(rel, 'node_modules', '.bin', 'attnlab-grade'), ['--help'], rel);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^usage: attnlab-grade PATH/);
    const lessons = await sh(process.execPath, [path.join(rel, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'packages/lessons'], rel);
    expect(lessons.code, lessons.stdout).toBe(0);
  });

  it('refers to nothing outside itself: no ../shared, and the PyTorch reference files lesson 04 reads ship inside it', () => {
    const rel = summary.outDir;
    const walk = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) => (e.name === 'node_modules' || e.name === 'dist' ? [] : e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    const outside = walk(rel).filter((f) => /\.\.\/shared|shared\/fixtures/.test(fs.readFileSync(f, 'utf8')));
    expect(outside.map((f) => path.relative(rel, f))).toEqual([]);
    const lesson04 = readNotebook(path.join(rel, 'notebooks', '04-multi-head.ipynb'));
    const loader = lesson04.cells.find((c) => sourceText(c.source).includes('fixtureNames'));
    const names = [...sourceText(loader?.source).matchAll(/'(mha_torch_\w+)'/g)].map((m) => m[1]);
    expect(names.length, 'lesson 04 names the PyTorch files it compares with').toBeGreaterThan(0);
    for (const name of names) expect(fs.existsSync(path.join(rel, 'packages/core/fixtures/pytorch', `${name}.json`)), name).toBe(true);
  });
});
