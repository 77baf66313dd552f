// `npm run gradescope` end to end: the zip, unzipped into a temporary AUTOGRADER_ROOT and run the way
// Gradescope runs it (setup.sh once, then run_autograder per submission), on what students upload.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exercises } from '@attnlab/grader';
import { toStudentNotebook, type Notebook } from '@attnlab/grader/notebook';
import { repoRoot } from '../src/project';
import { buildRelease } from '../src/release';

const run = promisify(execFile);
const root = repoRoot(__dirname);
/** The exercises of the lessons the course has (the grader's catalogue may run ahead of the notebooks). */
const lessons = new Set(fs.readdirSync(path.join(root, 'notebooks')).map((name) => name.slice(0, 2)));
const graded = exercises.filter((e) => lessons.has(e.lesson));
const totalPoints = graded.reduce((sum, e) => sum + e.points, 0);

interface GradescopeTest {
  name: string;
  score: number;
  max_score: number;
  output?: string;
  visibility?: string;
}
interface GradescopeResults {
  score: number;
  output?: string;
  tests?: GradescopeTest[];
}

async function sh(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }) {
  try {
    const r = await run(cmd, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, maxBuffer: 64 << 20 });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

let tmp: string;
let zip: string;
let autograder: string;

/** Runs run_autograder on `submission` (a folder laid out by `fill`) as Gradescope does, and reads results.json. */
async function grade(fill: (submission: string) => void, env: NodeJS.ProcessEnv = {}) {
  fs.rmSync(path.join(autograder, 'submission'), { recursive: true, force: true });
  fs.rmSync(path.join(autograder, 'results'), { recursive: true, force: true });
  fill(path.join(autograder, 'submission'));
  const r = await sh(path.join(autograder, 'run_autograder'), [], { cwd: autograder, env: { AUTOGRADER_ROOT: autograder, ...env } });
  expect(r.code, r.out).toBe(0);
  const results = JSON.parse(fs.readFileSync(path.join(autograder, 'results', 'results.json'), 'utf8')) as GradescopeResults;
  return { results, log: r.out };
}

function instructorNotebook(name: string): Notebook {
  return JSON.parse(fs.readFileSync(path.join(root, 'notebooks', name), 'utf8')) as Notebook;
}

function writeNotebook(file: string, nb: Notebook): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(nb));
}

const test = (results: GradescopeResults, name: string): GradescopeTest => {
  const found = results.tests?.find((t) => t.name.startsWith(name));
  if (!found) throw new Error(`no test named ${name}…: ${results.tests?.map((t) => t.name).join(', ')}`);
  return found;
};

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'attnlab-gradescope-'));
  zip = path.join(tmp, 'autograder.zip');
  const built = await sh(process.execPath, [path.join(root, 'packages/lessons/dist/cli/gradescope.js'), '--out', zip], { cwd: root });
  expect(built.code, built.out).toBe(0);
  autograder = path.join(tmp, 'autograder');
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('npm run gradescope', () => {
  it('writes a zip with setup.sh and run_autograder, executable, at its root, and the hidden references', async () => {
    const listing = await sh('unzip', ['-Z', zip], { cwd: tmp });
    expect(listing.code, listing.out).toBe(0);
    expect(listing.out).toMatch(/^-rwxr-xr-x .* setup\.sh$/m);
    expect(listing.out).toMatch(/^-rwxr-xr-x .* run_autograder$/m);
    expect(listing.out).toMatch(/ packages\/grader\/references\/hidden\.json$/m);
    expect(listing.out).toMatch(/ package-lock\.json$/m);
    // the notebooks, and with them the reference solutions, stay with the instructor
    expect(listing.out).not.toMatch(/\.ipynb$|packages\/lessons\//m);
  });

  it('installs with setup.sh as Gradescope runs it, and skips what is present the second time', async () => {
    fs.mkdirSync(path.join(autograder, 'source'), { recursive: true });
    const unzipped = await sh('unzip', ['-q', zip, '-d', path.join(autograder, 'source')], { cwd: tmp });
    expect(unzipped.code, unzipped.out).toBe(0);
    // the CI machine has the packages in its npm cache; Gradescope downloads them
    const env = { AUTOGRADER_ROOT: autograder, npm_config_prefer_offline: 'true' };
    const first = await sh('bash', ['./setup.sh'], { cwd: path.join(autograder, 'source'), env });
    expect(first.code, first.out).toBe(0);
    expect(first.out).toContain('the grader is ready');
    const again = await sh('bash', ['./setup.sh'], { cwd: path.join(autograder, 'source'), env });
    expect(again.code, again.out).toBe(0);
    expect(again.out).toContain("the grader's dependencies are already installed");
    // Gradescope copies run_autograder beside source/ and runs it from there
    fs.copyFileSync(path.join(autograder, 'source', 'run_autograder'), path.join(autograder, 'run_autograder'));
  });

  it("grades a student's whole repository, uploaded as GitHub's zip of it, with honest solutions to full marks", async () => {
    const { results, log } = await grade((submission) => {
      const repository = path.join(submission, 'attnlab-main');
      buildRelease({ root, outDir: repository });
      for (const name of fs.readdirSync(path.join(repository, 'notebooks')).filter((n) => n.endsWith('.ipynb'))) {
        writeNotebook(path.join(repository, 'notebooks', name), instructorNotebook(name));
      }
    });
    expect(results.score, log).toBe(totalPoints);
    expect(results.tests?.every((t) => t.score === t.max_score)).toBe(true);
    const hidden = results.tests?.filter((t) => t.visibility === 'after_published') ?? [];
    expect(hidden.length).toBe(graded.length);
  });

  it('grades a few broken notebooks to a clear message per test, also where bubblewrap cannot run', async () => {
    const { results, log } = await grade(
      (submission) => {
        const lesson01 = instructorNotebook('01-scaled-dot-product.ipynb');
        const attention = lesson01.cells.find((c) => c.metadata?.attnlab?.exercise === 'scaledDotProductAttention');
        if (!attention) throw new Error('lesson 01 has no scaledDotProductAttention exercise');
        // the classic mistake: the scores are not divided by √d_k
        attention.source = [
          'function scaledDotProductAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor): { output: tf.Tensor; weights: tf.Tensor } {',
          '  return tf.tidy(() => {',
          '    const weights = tf.softmax(tf.matMul(q, k, false, true));',
          '    return { output: tf.matMul(weights, v), weights };',
          '  });',
          '}',
        ].join('\n');
        writeNotebook(path.join(submission, '01-scaled-dot-product.ipynb'), lesson01);
        writeNotebook(path.join(submission, '03-masked.ipynb'), toStudentNotebook(instructorNotebook('03-masked.ipynb')));
      },
      { ATTNLAB_SANDBOX: 'permission' },
    );
    expect(log).toMatch(/sandbox: Node --(experimental-)?permission only/);
    expect(results.score).toBeGreaterThan(0);
    expect(results.score).toBeLessThan(totalPoints);
    expect(test(results, 'softmax: public').score).toBe(test(results, 'softmax: public').max_score);
    const unscaled = test(results, 'scaledDotProductAttention: public');
    expect(unscaled.score).toBeLessThan(unscaled.max_score);
    expect(unscaled.output).toMatch(/√d|sqrt|scal/i);
    expect(test(results, 'maskedSoftmax: public').output).toMatch(/not implemented/i);
    expect(test(results, 'additiveAttention: public').output).toMatch(/02-\S*\.ipynb is missing/);
    for (const t of results.tests ?? []) if (t.score < t.max_score) expect(t.output?.trim(), t.name).toBeTruthy();
  });

  it("runs the GitHub Classroom workflow's grade step on the same autograder, giving the reporter its result", async () => {
    const workflow = parse(fs.readFileSync(path.join(root, 'deploy', 'classroom', 'classroom.yml'), 'utf8')) as {
      jobs: Record<string, { steps: { id?: string; run?: string }[] }>;
    };
    const script = Object.values(workflow.jobs)[0].steps.find((s) => s.id === 'attnlab')?.run ?? '';
    const workspace = fs.mkdtempSync(path.join(tmp, 'workspace-'));
    writeNotebook(path.join(workspace, 'submission', 'notebooks', '01-scaled-dot-product.ipynb'), instructorNotebook('01-scaled-dot-product.ipynb'));
    const output = path.join(workspace, 'github-output');
    // as the runner runs a `run:` step; the workflow unzips the autograder to $RUNNER_TEMP/autograder/source
    const r = await sh('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      cwd: workspace,
      env: { RUNNER_TEMP: path.dirname(autograder), GITHUB_OUTPUT: output },
    });
    expect(r.code, r.out).toBe(0);
    const encoded = /^result=(.+)$/m.exec(fs.readFileSync(output, 'utf8'))?.[1] ?? '';
    const reported = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as { max_score: number; tests: { name: string; status: string; score: number }[] };
    expect(reported.max_score).toBe(totalPoints);
    const lesson01 = reported.tests.filter((t) => /^(softmax|scaledDotProductAttention)\b/.test(t.name));
    expect(lesson01.length).toBeGreaterThan(0);
    expect(lesson01.every((t) => t.status === 'pass')).toBe(true);
    expect(reported.tests.some((t) => t.status !== 'pass')).toBe(true);
  });

  it('still writes results.json, scoring 0 and saying why, when the grader cannot grade at all', async () => {
    const { results } = await grade(() => undefined);
    expect(results.score).toBe(0);
    expect(results.output).toMatch(/could not grade this submission/);
  });
});
