/**
 * Compile worker processes (compile-worker.ts), one submission at a time each, with a time
 * limit per submission and a V8 heap cap. A worker that dies or overruns fails only the
 * submission it was compiling, and is replaced.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import type { DependencyCell } from '../dependencies';
import { encodeFrame, FrameReader } from './frames';
import { processProbe, WALL_FACTOR } from './process-probe';
import { startupError } from './startup-error';

export type CellCompile = { ok: true; js: string; dependencies: string[] } | { ok: false; error: string };

export interface CompileRequest {
  /** every exercise cell found in the submission (for the dependencies a cell calls) */
  cells: Record<string, DependencyCell>;
  /** the exercises to compile */
  exercises: string[];
}

export type CompileReply = { results: Record<string, CellCompile> } | { error: string };

/** Each exercise's compiled cell; or why the submission could not be compiled at all. */
export type CompileOutcome = { results: Map<string, CellCompile> } | { failure: string };

export interface CompileLimits {
  /** per submission */
  timeoutMs: number;
  /** V8 heap of a worker */
  heapMb: number;
}

const workerScript = path.resolve(__dirname, '..', '..', 'dist', 'sandbox', 'compile-worker.js');
const MAX_REPLY = 256 * 1024 * 1024;
const STDERR_KEPT = 16 * 1024;
const POLL_MS = 100;

function isCellCompile(value: unknown): value is CellCompile {
  const v = value as Record<string, unknown> | null;
  if (typeof v !== 'object' || v === null) return false;
  return v.ok === true ? typeof v.js === 'string' && Array.isArray(v.dependencies) : v.ok === false && typeof v.error === 'string';
}

class Worker {
  readonly process: ChildProcess;
  /**
   * Settles once the worker has compiled a cell of its own (false if it died first): loading
   * TypeScript and the library declarations takes seconds on a busy machine, which must not
   * count against the first submission's time limit.
   */
  private readonly ready: Promise<boolean>;
  private readonly reader = new FrameReader({ maxFrame: MAX_REPLY, maxTotal: Number.MAX_SAFE_INTEGER });
  private stderr = '';
  dead = false;

  constructor(heapMb: number) {
    this.process = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, workerScript], { stdio: ['pipe', 'ignore', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk: Buffer) => {
      if (this.stderr.length < STDERR_KEPT) this.stderr += chunk.toString();
    });
    this.process.on('exit', () => (this.dead = true));
    this.process.stdin!.on('error', () => undefined);
    const replies = this.process.stdio[3] as Readable;
    this.ready = new Promise((resolve) => {
      const settle = (ready: boolean) => {
        replies.off('data', onData);
        this.process.off('close', onClose);
        resolve(ready);
      };
      const onData = (chunk: Buffer) => {
        if (this.reader.push(chunk).length > 0) settle(true);
      };
      const onClose = () => settle(false);
      replies.on('data', onData);
      this.process.once('close', onClose);
    });
  }

  async compile(request: CompileRequest, limits: CompileLimits): Promise<CompileOutcome> {
    if (!(await this.ready)) return { failure: `the compile worker could not start: ${startupError(this.stderr)}` };
    const replies = this.process.stdio[3] as Readable;
    const probe = processProbe();
    const pid = this.process.pid;
    const cpuAtStart = probe && pid !== undefined ? await probe.cpuSeconds(pid) : undefined;
    const limitSec = limits.timeoutMs / 1000;
    const tooLong = `type-checking its cells took longer than ${limitSec} s (a type that keeps the checker working?) and was stopped`;
    return new Promise((resolve) => {
      let settled = false;
      const done = (outcome: CompileOutcome, kill: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearInterval(watchdog);
        replies.off('data', onData);
        this.process.off('close', onClose);
        if (kill) this.kill();
        resolve(outcome);
      };
      // CPU seconds where they can be read, so a busy machine does not fail honest work; wall time as the backstop
      const cpuCounted = cpuAtStart !== undefined;
      const timer = setTimeout(() => done({ failure: tooLong }, true), cpuCounted ? limits.timeoutMs * WALL_FACTOR : limits.timeoutMs);
      const watchdog = setInterval(() => {
        if (cpuCounted)
          void probe!.cpuSeconds(pid!).then((cpu) => {
            if (cpu !== undefined && cpu - cpuAtStart > limitSec) done({ failure: tooLong }, true);
          });
      }, POLL_MS);
      const onData = (chunk: Buffer) => {
        const [frame] = this.reader.push(chunk);
        if (!frame) return;
        let reply: CompileReply;
        try {
          reply = JSON.parse(frame.toString('utf8')) as CompileReply;
        } catch {
          return done({ failure: 'the compile worker sent an unreadable reply' }, true);
        }
        if ('error' in reply) return done({ failure: `the TypeScript compiler failed on its cells: ${String(reply.error)}` }, false);
        const results = new Map(Object.entries(reply.results ?? {}).filter(([, v]) => isCellCompile(v)));
        done({ results }, false);
      };
      const onClose = (code: number | null, signal: string | null) => {
        const outOfMemory = /heap limit|out of memory/i.test(this.stderr);
        const overflow = /stack size|call stack/i.test(this.stderr);
        const why = outOfMemory
          ? `the type checker ran out of memory (limit ${limits.heapMb} MB) on its cells`
          : overflow
            ? 'the TypeScript parser or checker overflowed its stack on its cells (nesting far too deep?)'
            : `the compile worker crashed (${signal ? `signal ${signal}` : `exit code ${code}`})`;
        done({ failure: why }, false);
      };
      replies.on('data', onData);
      this.process.once('close', onClose);
      this.process.stdin!.write(encodeFrame(Buffer.from(JSON.stringify(request))));
    });
  }

  kill(): void {
    this.dead = true;
    this.process.kill('SIGKILL');
  }
}

export class CompilePool {
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  private readonly queue: ((w: Worker) => void)[] = [];
  private started = 0;

  constructor(
    private readonly size: number,
    private readonly limits: CompileLimits,
  ) {}

  private acquire(): Promise<Worker> {
    for (let ready = this.idle.pop(); ready; ready = this.idle.pop()) {
      if (!ready.dead) return Promise.resolve(ready);
      this.all.delete(ready);
      this.started--;
    }
    if (this.started < this.size) {
      this.started++;
      const w = new Worker(this.limits.heapMb);
      this.all.add(w);
      return Promise.resolve(w);
    }
    return new Promise((resolve) => this.queue.push(resolve));
  }

  private release(w: Worker): void {
    if (w.dead) {
      // replaced: the next submission gets a new worker
      this.all.delete(w);
      this.started--;
      const next = this.queue.shift();
      if (next) void this.acquire().then(next);
      return;
    }
    const next = this.queue.shift();
    if (next) next(w);
    else this.idle.push(w);
  }

  async compile(request: CompileRequest): Promise<CompileOutcome> {
    const w = await this.acquire();
    try {
      return await w.compile(request, this.limits);
    } finally {
      this.release(w);
    }
  }

  /** Ends every worker and waits until they have exited. */
  async close(): Promise<void> {
    const exits = [...this.all].map((w) => (w.process.exitCode !== null || w.process.signalCode !== null ? Promise.resolve() : new Promise((r) => w.process.once('exit', r))));
    for (const w of this.all) w.process.stdin!.end();
    await Promise.all(exits);
  }
}
