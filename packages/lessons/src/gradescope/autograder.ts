// The Gradescope autograder: the grader, @attnlab/core and every reference output (hidden cases among
// them), with setup.sh and run_autograder (deploy/gradescope/) at the root of a zip.
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { zipFolder } from './zip';

export interface AutograderSummary {
  out: string;
  files: string[];
  sha256: string;
  bytes: number;
}

/** The packages the grader runs on, by folder: their files as `npm pack` would publish them. */
const PACKAGES = ['core', 'grader'];
/** Manifest fields of a bundled package that matter to an install; scripts and dev tooling do not ship. */
const KEPT_FIELDS = ['name', 'version', 'description', 'license', 'main', 'types', 'exports', 'typesVersions', 'bin', 'engines', 'dependencies', 'optionalDependencies'];

interface Manifest {
  files?: string[];
  engines?: Record<string, string>;
  [field: string]: unknown;
}

function readManifest(dir: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
}

function copyPackage(root: string, staging: string, folder: string): void {
  const from = path.join(root, 'packages', folder);
  const to = path.join(staging, 'packages', folder);
  const manifest = readManifest(from);
  for (const entry of manifest.files ?? []) {
    if (!fs.existsSync(path.join(from, entry))) throw new Error(`packages/${folder}/${entry} is missing; run npm run build`);
    fs.cpSync(path.join(from, entry), path.join(to, entry), { recursive: true, filter: (f) => !f.endsWith('.tsbuildinfo') });
  }
  const kept = Object.fromEntries(KEPT_FIELDS.filter((f) => f in manifest).map((f) => [f, manifest[f]]));
  fs.writeFileSync(path.join(to, 'package.json'), `${JSON.stringify(kept, null, 2)}\n`);
}

/**
 * The bundle's lockfile: the checkout's, cut down by npm itself to what the two packages need, so
 * Gradescope installs exactly the versions the course was tested with.
 */
function writeLockfile(root: string, staging: string): void {
  fs.copyFileSync(path.join(root, 'package-lock.json'), path.join(staging, 'package-lock.json'));
  const npm = spawnSync('npm', ['install', '--package-lock-only', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], {
    cwd: staging,
    encoding: 'utf8',
  });
  if (npm.status !== 0) throw new Error(`npm could not write the autograder's lockfile:\n${npm.stdout}${npm.stderr}`);
}

/** Writes the autograder zip for the checkout at `root` to `out`. */
export function buildAutograder(root: string, out: string): AutograderSummary {
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'attnlab-autograder-'));
  try {
    for (const folder of PACKAGES) copyPackage(root, staging, folder);
    if (!fs.existsSync(path.join(staging, 'packages', 'grader', 'references', 'hidden.json'))) {
      throw new Error('packages/grader/references/hidden.json is missing: the autograder grades the hidden cases; run npm run references');
    }
    const manifest = {
      name: 'attnlab-autograder',
      private: true,
      description: 'The attnlab grader for Gradescope: setup.sh installs it, run_autograder grades /autograder/submission.',
      workspaces: PACKAGES.map((folder) => `packages/${folder}`),
      engines: readManifest(path.join(root, 'packages', 'grader')).engines,
    };
    fs.writeFileSync(path.join(staging, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    writeLockfile(root, staging);
    for (const script of ['setup.sh', 'run_autograder']) {
      fs.copyFileSync(path.join(root, 'deploy', 'gradescope', script), path.join(staging, script));
      fs.chmodSync(path.join(staging, script), 0o755);
    }
    fs.rmSync(out, { force: true });
    const files = zipFolder(staging, out);
    const zip = fs.readFileSync(out);
    return { out, files, sha256: createHash('sha256').update(zip).digest('hex'), bytes: zip.length };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
