/**
 * Which operating-system isolation the sandboxes get here, and the command that starts one.
 *
 * - Linux with bubblewrap (`bwrap`): new namespaces (no network, own PIDs, IPC, UTS, user),
 *   a read-only view of only the system's programs and libraries (/usr), the installed
 *   packages and the compiled grader without its authoring code, a private empty /tmp, a new
 *   session, and death with the grader. Node's permission model is used inside it as well.
 * - Elsewhere (or with ATTNLAB_SANDBOX=permission): Node's permission model alone (reads
 *   limited to the same files, no writes, no processes, no workers, no native addons, no
 *   inspector). It does not stop network access.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type ProcessProbe, processProbe } from './process-probe';
import { sandboxReadPaths, type SandboxView } from './permissions';

export interface Isolation {
  kind: 'bwrap' | 'permission';
  /** the permission-model flag this Node knows: `--permission` (Node 22.13+/23.5+) or `--experimental-permission` (20, 21) */
  permissionFlag: string;
  probe: ProcessProbe | undefined;
  /** one line for people: what is isolated and how, and what is not */
  summary: string;
}

function bwrapWorks(): boolean {
  if (process.platform !== 'linux') return false;
  const probe = spawnSync('bwrap', ['--unshare-all', '--die-with-parent', '--ro-bind', '/', '/', 'true'], { stdio: 'ignore', timeout: 10_000 });
  return probe.status === 0;
}

let detected: Isolation | undefined;

/** The one line for people about a sandbox of `kind`. */
export function describeIsolation(kind: Isolation['kind'], permissionFlag: string, probe: ProcessProbe | undefined): string {
  const cap = probe ? `memory capped and time counted in CPU seconds (${probe.how})` : 'memory NOT capped';
  return kind === 'bwrap'
    ? `sandbox: bubblewrap (no network, read-only view of the libraries only, private /tmp) + Node ${permissionFlag}; ${cap}`
    : `sandbox: Node ${permissionFlag} only — network is NOT isolated (install bubblewrap on Linux for that); ${cap}`;
}

export function detectIsolation(): Isolation {
  if (detected) return detected;
  const permissionFlag = process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
  const probe = processProbe();
  const kind = process.env.ATTNLAB_SANDBOX !== 'permission' && bwrapWorks() ? 'bwrap' : 'permission';
  detected = { kind, permissionFlag, probe, summary: describeIsolation(kind, permissionFlag, probe) };
  return detected;
}

/** System folders node and its libraries come from, as they are on this machine (merged /usr or not). */
function systemBinds(): string[] {
  const args = ['--ro-bind', '/usr', '/usr'];
  for (const dir of ['/bin', '/lib', '/lib64', '/lib32']) {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(dir);
    } catch {
      continue;
    }
    if (stat.isSymbolicLink()) args.push('--symlink', fs.readlinkSync(dir), dir);
    else if (stat.isDirectory()) args.push('--ro-bind', dir, dir);
  }
  const nodeDir = path.dirname(fs.realpathSync(process.execPath));
  if (!nodeDir.startsWith('/usr/')) args.push('--ro-bind', nodeDir, nodeDir);
  return args;
}

/** bubblewrap's arguments for `view`: later mounts cover earlier ones, so what is hidden comes after what holds it. */
function bwrapArgs(view: SandboxView, infoFd: number): string[] {
  const args = ['--unshare-all', '--die-with-parent', '--new-session', '--cap-drop', 'ALL', '--as-pid-1', '--info-fd', String(infoFd), ...systemBinds()];
  args.push('--dev', '/dev', '--tmpfs', '/tmp', '--chdir', '/tmp');
  // the grader package may sit below a folder bound here (a global install in /usr): all of it is hidden but dist
  const graderRoot = path.dirname(view.graderDist);
  const inGrader = (p: string) => p.startsWith(`${graderRoot}${path.sep}`);
  for (const nm of view.nodeModules) if (!inGrader(nm)) args.push('--ro-bind', nm, nm);
  for (const scope of view.attnlabScopes) args.push('--tmpfs', scope);
  if (view.core) args.push('--ro-bind', view.core.real, view.core.installed);
  args.push('--tmpfs', graderRoot);
  for (const nm of view.nodeModules) if (inGrader(nm)) args.push('--ro-bind', nm, nm);
  args.push('--ro-bind', view.graderDist, view.graderDist);
  for (const hidden of view.hiddenInDist) if (fs.existsSync(hidden)) args.push('--tmpfs', hidden);
  return args;
}

export interface SandboxCommand {
  command: string;
  args: string[];
}

/**
 * Every sandbox's Node runs with the JavaScript built-ins frozen and no code made from strings
 * (what keeps one exercise's cell from the next, cell-realm.ts); warnings (the first flag is
 * experimental) would only be noise.
 */
const NODE_FLAGS = ['--frozen-intrinsics', '--disallow-code-generation-from-strings', '--no-warnings'];

/**
 * The command that runs `node <nodeArgs…> <script…>` in a sandbox. With bwrap, the sandbox's
 * PID outside its namespace is written as JSON (`child-pid`) to `infoFd`.
 */
export function sandboxCommand(isolation: Isolation, view: SandboxView, nodeArgs: string[], script: string[], infoFd: number): SandboxCommand {
  const permission = [isolation.permissionFlag, ...sandboxReadPaths(view).map((p) => `--allow-fs-read=${p}`)];
  const node = [...permission, ...NODE_FLAGS, ...nodeArgs, ...script];
  if (isolation.kind === 'bwrap') return { command: 'bwrap', args: [...bwrapArgs(view, infoFd), '--', process.execPath, ...node] };
  return { command: process.execPath, args: node };
}
