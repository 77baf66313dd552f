// The course's Jupyter kernel: this checkout's tslab, started with one defect of its compiler mended.
//
// tslab compiles each cell with a TypeScript watch program whose timers it replaces by a single slot: after
// telling TypeScript that the cell's source changed it runs the pending timer itself, and it throws
// "Unexpected pending rebuildTimer" when TypeScript asks for a second timer while one is pending.
// TypeScript does ask for a second one when a file it watches changes between two cells: a package.json or
// declaration file under node_modules/@types schedules "invalidate failed lookups", and the next cell then
// schedules "update program". From then on every cell of that kernel fails until it is restarted. An
// `npm install` while a notebook is open is enough, and so was one test suite writing beside another in CI.
//
// The mend: TypeScript's timers wait in a queue behind the one timer tslab holds, and when tslab fires it
// they all run, in the order TypeScript asked for them.
import * as path from 'path';
import { repoRoot } from './project';

type Callback = (...args: unknown[]) => void;

/** The part of a TypeScript watch host that schedules work. */
export interface TimerHost {
  setTimeout?(callback: Callback, ms: number, ...args: unknown[]): unknown;
  clearTimeout?(timeoutId: unknown): void;
}

interface QueuedTimer {
  run(): void;
}

/** Puts every timer the host is asked for into one queue that the host's own single timer drains. */
export function queueTimers<H extends TimerHost>(host: H): H {
  const setOuter = host.setTimeout?.bind(host);
  const clearOuter = host.clearTimeout?.bind(host);
  if (!setOuter || !clearOuter) return host;
  const queue: QueuedTimer[] = [];
  let outer: unknown = null;
  // A timer that runs while the queue drains (TypeScript schedules the program update from inside the
  // failed-lookup invalidation) joins the same drain rather than asking tslab for another slot.
  const drain = (): void => {
    try {
      for (let timer = queue.shift(); timer; timer = queue.shift()) timer.run();
    } finally {
      outer = null;
    }
  };
  host.setTimeout = (callback, _ms, ...args) => {
    const timer: QueuedTimer = { run: () => callback(...args) };
    queue.push(timer);
    if (outer === null) outer = setOuter(drain, 0);
    return timer;
  };
  host.clearTimeout = (timeoutId) => {
    const at = queue.indexOf(timeoutId as QueuedTimer);
    if (at >= 0) queue.splice(at, 1);
    if (queue.length === 0 && outer !== null) {
      clearOuter(outer);
      outer = null;
    }
  };
  return host;
}

type TypeScriptModule = Record<string, unknown> & { createWatchCompilerHost: (...args: unknown[]) => TimerHost };

/** The folder of the checkout's tslab. */
function tslabDir(root: string): string {
  return path.dirname(require.resolve('tslab/package.json', { paths: [root] }));
}

/**
 * Makes every later `require` of tslab's TypeScript in this process return a copy whose watch hosts queue
 * their timers. Its exports are getters over TypeScript's (which cannot be reassigned), so tslab's
 * changes to `ts.sys` still reach the one shared object. Returns tslab's folder.
 */
export function mendTslab(root: string = repoRoot()): string {
  const dir = tslabDir(root);
  const id = require.resolve('@tslab/typescript-for-tslab', { paths: [dir] });
  const ts = require(id) as TypeScriptModule;
  if ('mended' in ts) return dir;
  const mended: Record<string, unknown> = {};
  for (const key of Object.keys(ts)) {
    if (key === 'createWatchCompilerHost') continue;
    Object.defineProperty(mended, key, { enumerable: true, get: () => ts[key] });
  }
  Object.defineProperty(mended, 'createWatchCompilerHost', {
    enumerable: true,
    value: (...args: unknown[]) => queueTimers(ts.createWatchCompilerHost(...args)),
  });
  Object.defineProperty(mended, 'mended', { value: true });
  require.cache[id]!.exports = mended;
  return dir;
}

/** Starts the kernel as `tslab kernel …` would (it reads the same arguments), mended. */
export function startKernel(root: string = repoRoot()): void {
  const dir = mendTslab(root);
  (require(path.join(dir, 'dist', 'main.js')) as { main(): void }).main();
}
