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
import { type MemoryProbe, memoryProbe } from './memory';
import { sandboxReadPaths, type SandboxView } from './permissions';

export interface Isolation {
  kind: 'bwrap' | 'permission';
  /** the permission-model flag this Node knows: `--permission` (Node 22.13+/23.5+) or `--experimental-permission` (20, 21) */
  permissionFlag: string;
  memory: MemoryProbe | undefined;
  /** one line for people: what is isolated and how, and what is not */
  summary: string;
}

function bwrapWorks(): boolean {
  if (process.platform !== 'linux') return false;
  const probe = spawnSync('bwrap', ['--unshare-all', '--die-with-parent', '--ro-bind', '/', '/', 'true'], { stdio: 'ignore', timeout: 10_000 });
  return probe.status === 0;
}

let detected: Isolation | undefined;

export function detectIsolation(): Isolation {
  if (detected) return detected;
  const permissionFlag = process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
  const memory = memoryProbe();
  const useBwrap = process.env.ATTNLAB_SANDBOX !== 'permission' && bwrapWorks();
  const cap = memory ? `memory capped (${memory.how})` : 'memory NOT capped';
  const summary = useBwrap
    ? `sandbox: bubblewrap (no network, read-only view of the libraries only, private /tmp) + Node ${permissionFlag}; ${cap}`
    : `sandbox: Node ${permissionFlag} only — network is NOT isolated (install bubblewrap on Linux for that); ${cap}`;
  detected = { kind: useBwrap ? 'bwrap' : 'permission', permissionFlag, memory, summary };
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
 * The command that runs `node <nodeArgs…> <script>` in a sandbox. With bwrap, the sandbox's
 * PID outside its namespace is written as JSON (`child-pid`) to `infoFd`.
 */
export function sandboxCommand(isolation: Isolation, view: SandboxView, nodeArgs: string[], script: string, infoFd: number): SandboxCommand {
  const permission = [isolation.permissionFlag, ...sandboxReadPaths(view).map((p) => `--allow-fs-read=${p}`)];
  const node = [...permission, ...nodeArgs, script];
  if (isolation.kind === 'bwrap') return { command: 'bwrap', args: [...bwrapArgs(view, infoFd), '--', process.execPath, ...node] };
  return { command: process.execPath, args: node };
}
