// The single-user image (deploy/jupyterhub/Dockerfile) and the Zero to JupyterHub values that use it start
// each student's server the way `npm run hub` does. Checked statically; built only where docker can.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { jupyterDataDir, repoRoot } from '../src/project';
import { buildRelease } from '../src/release';

const root = repoRoot(__dirname);
const deploy = path.join(root, 'deploy', 'jupyterhub');

interface Dockerfile {
  env: Record<string, string>;
  copies: { from: string; to: string }[];
  user: string;
  workdir: string;
  cmd: string[];
}

/** The instructions of a Dockerfile that these checks compare (continuation lines joined). */
function readDockerfile(file: string): Dockerfile {
  const lines = fs
    .readFileSync(file, 'utf8')
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'));
  const image: Dockerfile = { env: {}, copies: [], user: '', workdir: '', cmd: [] };
  for (const line of lines) {
    const [instruction, ...rest] = line.trim().split(/\s+/);
    if (instruction === 'ENV') for (const pair of rest) image.env[pair.split('=')[0]] = pair.split('=').slice(1).join('=');
    if (instruction === 'COPY') image.copies.push({ from: rest[0], to: rest[1] });
    if (instruction === 'USER') image.user = rest[0];
    if (instruction === 'WORKDIR') image.workdir = rest[0];
    if (instruction === 'CMD') image.cmd = JSON.parse(rest.join(' ')) as string[];
  }
  return image;
}

/** A string setting of the hub's jupyterhub_config.py, e.g. `c.Spawner.notebook_dir`. */
function hubSetting(name: string): string {
  const config = fs.readFileSync(path.join(deploy, 'jupyterhub_config.py'), 'utf8');
  const match = new RegExp(`^\\s*${name.replace(/\./g, '\\.')}\\s*=\\s*"([^"]*)"`, 'm').exec(config) ?? new RegExp(`"${name}":\\s*"([^"]*)"`).exec(config);
  if (!match) throw new Error(`jupyterhub_config.py does not set ${name}`);
  return match[1];
}

const image = readDockerfile(path.join(deploy, 'Dockerfile'));
const values = parse(fs.readFileSync(path.join(deploy, 'helm-values.yaml'), 'utf8')) as {
  hub: { config: { KubeSpawner: { notebook_dir: string } } };
  singleuser: { cmd: string[]; defaultUrl: string; uid: number; storage: { homeMountPath: string } };
};

describe('the single-user image and the Zero to JupyterHub values', () => {
  it("start each student's server with attnlab-user-start, as the hub on one machine does", () => {
    expect(values.singleuser.cmd).toEqual(image.cmd);
    expect(image.cmd[0]).toBe('attnlab-user-start');
    expect(image.copies).toContainEqual({ from: 'deploy/jupyterhub/attnlab-user-start', to: `/usr/local/bin/${image.cmd[0]}` });
    expect(hubSetting('c.Spawner.notebook_dir')).toBe(values.hub.config.KubeSpawner.notebook_dir);
    expect(hubSetting('c.Spawner.default_url')).toBe(values.singleuser.defaultUrl);
    expect(image.env.JUPYTERHUB_SINGLEUSER_APP).toBe(hubSetting('JUPYTERHUB_SINGLEUSER_APP'));
  });

  it('install the student edition as the course, with its kernel where Jupyter looks', () => {
    const course = image.copies.find((c) => c.from === 'dist/release')?.to;
    expect(course).toBeDefined();
    expect(image.env.ATTNLAB_COURSE).toBe(course);
    expect(image.env.JUPYTER_PATH).toBe(jupyterDataDir(course ?? ''));
    // attnlab-user-start runs the course's build of this file: the student edition keeps its source
    const start = fs.readFileSync(path.join(deploy, 'attnlab-user-start'), 'utf8');
    expect(start).toContain('node "$ATTNLAB_COURSE/packages/lessons/dist/cli/student-copy.js"');
    expect(fs.existsSync(path.join(root, 'packages', 'lessons', 'src', 'cli', 'student-copy.ts'))).toBe(true);
  });

  it("run as the uid whose home holds each student's volume", () => {
    expect(String(values.singleuser.uid)).toBe(image.user);
    expect(values.singleuser.storage.homeMountPath).toBe(image.workdir);
  });

  const docker = spawnSync('docker', ['image', 'inspect', 'node:20-bookworm'], { stdio: 'ignore' }).status === 0;
  it.skipIf(!docker)(
    'builds, where docker has the base image',
    () => {
      // the build context the README gives (the repository root after `npm run release`), made in a temporary folder
      const context = fs.mkdtempSync(path.join(os.tmpdir(), 'attnlab-image-'));
      try {
        buildRelease({ root, outDir: path.join(context, 'dist', 'release') });
        fs.mkdirSync(path.join(context, 'deploy', 'jupyterhub'), { recursive: true });
        fs.copyFileSync(path.join(deploy, 'attnlab-user-start'), path.join(context, 'deploy', 'jupyterhub', 'attnlab-user-start'));
        const built = spawnSync('docker', ['build', '-f', path.join(deploy, 'Dockerfile'), '-t', 'attnlab-singleuser:test', context], { encoding: 'utf8' });
        expect(built.status, built.stderr).toBe(0);
      } finally {
        fs.rmSync(context, { recursive: true, force: true });
      }
    },
    1_800_000,
  );
});
