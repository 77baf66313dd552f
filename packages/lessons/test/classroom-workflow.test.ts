// The student edition's GitHub Classroom workflow trusts nothing in the student's repository: the grader
// and its hidden references come from the instructor's release asset, checked against a pinned SHA-256.
import { execFile } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildAutograder } from '../src/gradescope/autograder';
import { repoRoot } from '../src/project';
import { buildRelease } from '../src/release';

const run = promisify(execFile);
const root = repoRoot(__dirname);

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  'working-directory'?: string;
}
interface Workflow {
  env?: Record<string, string>;
  permissions?: Record<string, string>;
  jobs: Record<string, { env?: Record<string, string>; defaults?: unknown; steps: Step[] }>;
}

let tmp: string;
let text: string;
let workflow: Workflow;
let steps: Step[];
let zip: string;

const stepRunning = (pattern: RegExp): Step => {
  const found = steps.find((s) => s.run && pattern.test(s.run));
  if (!found) throw new Error(`no step runs ${pattern}`);
  return found;
};

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'attnlab-classroom-'));
  const release = buildRelease({ root, outDir: path.join(tmp, 'release') });
  text = fs.readFileSync(path.join(release.outDir, '.github', 'workflows', 'classroom.yml'), 'utf8');
  workflow = parse(text) as Workflow;
  const jobs = Object.values(workflow.jobs);
  expect(jobs).toHaveLength(1);
  steps = jobs[0].steps;
  zip = buildAutograder(root, path.join(tmp, 'autograder.zip')).out;
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs the workflow's fetch step as the runner would, with a `gh` that hands out `asset` as the release's zip. */
async function fetchStep(asset: string, env: Record<string, string>) {
  const bin = fs.mkdtempSync(path.join(tmp, 'bin-'));
  const runnerTemp = fs.mkdtempSync(path.join(tmp, 'runner-'));
  // gh release download TAG --repo REPO --pattern autograder.zip --dir DIR
  fs.writeFileSync(path.join(bin, 'gh'), `#!/bin/sh\necho "$@" > "${runnerTemp}/gh-args"\ncp "${asset}" "$9/autograder.zip"\n`, { mode: 0o755 });
  const script = stepRunning(/gh release download/).run ?? '';
  try {
    const r = await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      env: { PATH: `${bin}:${process.env.PATH}`, RUNNER_TEMP: runnerTemp, ...workflow.env, ...env },
    });
    return { code: 0, out: r.stdout + r.stderr, runnerTemp };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr, runnerTemp };
  }
}

describe("the student edition's GitHub Classroom workflow", () => {
  it("checks the student's work out into a folder of its own, without credentials, and runs nothing from it", () => {
    const checkout = steps.filter((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout).toHaveLength(1);
    expect(checkout[0].with).toMatchObject({ path: 'submission', 'persist-credentials': false });
    for (const step of steps) {
      expect(step.uses ?? '', 'no action from the repository itself').not.toMatch(/^\.\//);
      expect(step['working-directory'], 'no step works inside the student repository').toBeUndefined();
      // no install or build from the student's package.json, and no script of theirs
      expect(step.run ?? '').not.toMatch(/\b(npm|npx|yarn|pnpm)\b|submission\/|cd submission/);
    }
    expect(Object.values(workflow.jobs)[0].defaults).toBeUndefined();
    expect(workflow.permissions?.contents).toBe('read');
    // the student's folder is only ever an argument of the instructor's grader
    expect(stepRunning(/\bsubmission\b/).run).toMatch(/"\$RUNNER_TEMP\/autograder\/source\/packages\/grader\/bin\/attnlab-grade\.js" submission --classroom/);
  });

  it("runs the grader of the instructor's autograder.zip, whose layout it names", async () => {
    const listing = await run('unzip', ['-Z1', zip]);
    for (const file of ['packages/grader/bin/attnlab-grade.js', 'packages/grader/references/hidden.json', 'setup.sh']) {
      expect(listing.stdout.split('\n')).toContain(file);
    }
    expect(stepRunning(/setup\.sh/).run).toContain('"$RUNNER_TEMP/autograder/source/setup.sh"');
  });

  it('gives the token for the private release to the download step only, not to the step that runs student code', () => {
    const withSecrets = steps.filter((s) => JSON.stringify(s).includes('secrets.'));
    expect(withSecrets).toEqual([stepRunning(/gh release download/)]);
    expect(JSON.stringify(workflow.env ?? {}) + JSON.stringify(Object.values(workflow.jobs)[0].env ?? {})).not.toContain('secrets.');
  });

  it('unpacks the release asset only when its SHA-256 is the pinned one', async () => {
    const sha256 = createHash('sha256').update(fs.readFileSync(zip)).digest('hex');
    const pinned = await fetchStep(zip, { GH_TOKEN: 'token', ATTNLAB_GRADER_SHA256: sha256, ATTNLAB_GRADER_TAG: 'autograder-1', ATTNLAB_GRADER_REPO: 'teacher/grader' });
    expect(pinned.code, pinned.out).toBe(0);
    expect(fs.readFileSync(path.join(pinned.runnerTemp, 'gh-args'), 'utf8')).toMatch(/^release download autograder-1 --repo teacher\/grader --pattern autograder\.zip --dir /);
    expect(fs.existsSync(path.join(pinned.runnerTemp, 'autograder', 'source', 'packages', 'grader', 'references', 'hidden.json'))).toBe(true);

    const tampered = path.join(tmp, 'tampered.zip');
    fs.writeFileSync(tampered, Buffer.concat([fs.readFileSync(zip), Buffer.from('x')]));
    const refused = await fetchStep(tampered, { GH_TOKEN: 'token', ATTNLAB_GRADER_SHA256: sha256 });
    expect(refused.code).not.toBe(0);
    expect(fs.existsSync(path.join(refused.runnerTemp, 'autograder', 'source', 'setup.sh'))).toBe(false);
  });

  it('fails saying what to do until the instructor has set it up', async () => {
    const unset = await fetchStep(zip, { GH_TOKEN: '' });
    expect(unset.code).not.toBe(0);
    expect(unset.out).toMatch(/::error::Grading is not set up yet/);
  });

  it("reports the grader's --classroom result through GitHub Classroom's reporter", () => {
    const reporter = steps.find((s) => s.uses?.startsWith('classroom-resources/autograding-grading-reporter@'));
    const runner = String(reporter?.with?.runners);
    const grade = steps.find((s) => s.id === runner);
    expect(grade?.run).toContain('--classroom');
    expect(reporter?.env?.[`${runner.toUpperCase()}_RESULTS`]).toBe(`\${{ steps.${runner}.outputs.result }}`);
  });
});
