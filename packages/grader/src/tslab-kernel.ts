// The course's Jupyter kernel: this checkout's tslab, started with its compiler mended twice and its sockets once.
// It lives with the grader because the grader's tests run the notebook check in a real tslab kernel, and need the
// same mends.
//
// 1. tslab compiles each cell with a TypeScript watch program whose timers it replaces by a single slot: after
// telling TypeScript that the cell's source changed it runs the pending timer itself, and it throws
// "Unexpected pending rebuildTimer" when TypeScript asks for a second timer while one is pending.
// TypeScript does ask for a second one when a file it watches changes between two cells: a package.json it
// resolved a module through schedules "invalidate failed lookups", and the next cell then schedules "update
// program". From then on every cell of that kernel fails until it is restarted. Changing the file's attributes is
// enough: `cp -al node_modules …` (as the release test does) changes every file's link count, and an
// `npm install` while a notebook is open rewrites manifests. The mend: TypeScript's timers wait in a queue behind
// the one timer tslab holds, and when tslab fires it they all run, in the order TypeScript asked for them.
//
// 2. Each cell builds a new program twice (once to learn the cell's names, once to export them), and TypeScript's
// default builder then maps the imports of every file in it, some 840 with @types/node and TF.js, to know
// what depends on what; tslab only asks for the cell's own source dependencies (local modules it must compile
// too). The mend builds the plain program and follows the imports from the cell alone. The compiled cells,
// their declarations and their diagnostics are the same (tslab-kernel.test.ts compares them).
//
// 3. tslab starts binding its five ZeroMQ sockets at once and handles a request as soon as one arrives on shell,
// publishing "busy" on iopub first. zeromq.js throws when a socket is sent on while its bind is in progress, and
// tslab neither awaits nor catches its sends, so a request that arrives before the iopub socket is bound is dropped
// (test/fixtures/tslab/socket-probe.cjs shows it). The notebook server sends its first kernel_info_request once,
// while the kernel starts; if that one is dropped, the server waits its kernel_info_timeout (60 s) before it
// connects the page to the kernel. The mend: a socket holds the sends made while it binds, and sends them in order
// once bound.
import * as path from 'path';

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

/** The parts of a TypeScript program this file reads (TypeScript's own types are internal to tslab). */
interface SourceFile {
  fileName: string;
  isDeclarationFile: boolean;
  /** the module names this file imports (internal to TypeScript, set when it is parsed) */
  imports?: readonly unknown[];
}
interface Program {
  getTypeChecker(): { getSymbolAtLocation(node: unknown): { declarations?: { getSourceFile(): SourceFile }[] } | undefined };
}
interface BuilderProgram {
  getProgram(): Program;
  getAllDependencies(sourceFile: SourceFile): readonly string[];
}
type CreateProgram = (...args: unknown[]) => BuilderProgram;
type TypeScriptModule = Record<string, unknown> & {
  createWatchCompilerHost: (...args: unknown[]) => TimerHost;
  createAbstractBuilder: CreateProgram;
};

/**
 * The file and the source files (not declaration files) it imports, transitively: what tslab compiles and
 * checks with a cell. Declaration files are not followed: what they import is declarations too.
 */
function sourceDependencies(program: Program, file: SourceFile): string[] {
  const checker = program.getTypeChecker();
  const seen = new Map([[file.fileName, file]]);
  for (const queue = [file]; queue.length > 0;) {
    const next = queue.pop()!;
    if (next.isDeclarationFile) continue;
    for (const name of next.imports ?? []) {
      for (const declaration of checker.getSymbolAtLocation(name)?.declarations ?? []) {
        const dependency = declaration.getSourceFile();
        if (seen.has(dependency.fileName)) continue;
        seen.set(dependency.fileName, dependency);
        queue.push(dependency);
      }
    }
  }
  return [...seen.keys()];
}

/** A watch program's `createProgram`: the plain program, with the dependencies tslab asks for. */
function plainProgram(ts: TypeScriptModule): CreateProgram {
  return (...args) => {
    const builder = ts.createAbstractBuilder(...args);
    builder.getAllDependencies = (file) => sourceDependencies(builder.getProgram(), file);
    // tslab reads the cell's names from its bound source file; the default builder bound every file when it
    // mapped the imports, and creating the checker does the same here.
    builder.getProgram().getTypeChecker();
    return builder;
  };
}

/** The part of a zeromq.js socket class the mend wraps. */
export interface SocketClass {
  prototype: {
    bind(address: string): Promise<void>;
    send(message: unknown): Promise<void>;
  };
}

/**
 * Makes the sockets of a class hold the sends made while they bind, and send them in order once bound. A socket
 * with nothing waiting sends at once, as zeromq.js does (tslab closes a socket right after its last reply).
 */
export function queueSends(socketClass: SocketClass): void {
  const { bind, send } = socketClass.prototype;
  // What a socket's next send waits for: its bind, then the sends queued behind it. Gone once all have settled.
  const waiting = new WeakMap<object, Promise<unknown>>();
  const waitFor = (socket: object, work: Promise<unknown>): void => {
    const settled = work.then(
      () => undefined,
      () => undefined, // the caller of that bind or send has the error
    );
    waiting.set(socket, settled);
    void settled.then(() => {
      if (waiting.get(socket) === settled) waiting.delete(socket);
    });
  };
  Object.defineProperties(socketClass.prototype, {
    bind: {
      configurable: true,
      writable: true,
      value(this: object, address: string): Promise<void> {
        const bound = bind.call(this, address);
        waitFor(this, bound);
        return bound;
      },
    },
    send: {
      configurable: true,
      writable: true,
      value(this: object, message: unknown): Promise<void> {
        const before = waiting.get(this);
        if (!before) return send.call(this, message);
        const sent = before.then(() => send.call(this, message));
        waitFor(this, sent);
        return sent;
      },
    },
  });
}

/** The folder of the checkout's tslab. */
function tslabDir(root: string): string {
  return path.dirname(require.resolve('tslab/package.json', { paths: [root] }));
}

/** The zeromq.js modules whose socket classes queue their sends. */
const mendedSockets = new WeakSet<object>();

/** The socket classes tslab uses (it loads zeromq.js itself, later, from its own folder), made to queue their sends. */
function mendSockets(dir: string): void {
  const zmq = require(require.resolve('zeromq', { paths: [dir] })) as Record<'Publisher' | 'Router' | 'Reply', SocketClass>;
  if (mendedSockets.has(zmq)) return;
  for (const socketClass of [zmq.Publisher, zmq.Router, zmq.Reply]) queueSends(socketClass);
  mendedSockets.add(zmq);
}

/**
 * Makes every later `require` of tslab's TypeScript in this process return a copy whose watch hosts queue
 * their timers and build plain programs. Its exports are getters over TypeScript's (which cannot be
 * reassigned), so tslab's changes to `ts.sys` still reach the one shared object. Mends tslab's sockets too.
 * `root` is the checkout whose tslab is mended. Returns tslab's folder.
 */
export function mendTslab(root: string): string {
  const dir = tslabDir(root);
  mendSockets(dir);
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
    // (rootFiles, options, system, createProgram, …): tslab passes no createProgram, which means the default builder.
    value: (rootFiles: unknown, options: unknown, system: unknown, _createProgram: unknown, ...rest: unknown[]) =>
      queueTimers(ts.createWatchCompilerHost(rootFiles, options, system, plainProgram(ts), ...rest)),
  });
  Object.defineProperty(mended, 'mended', { value: true });
  require.cache[id]!.exports = mended;
  return dir;
}

/** Starts the kernel as `tslab kernel …` would (it reads the same arguments), mended. */
export function startKernel(root: string): void {
  const dir = mendTslab(root);
  (require(path.join(dir, 'dist', 'main.js')) as { main(): void }).main();
}
