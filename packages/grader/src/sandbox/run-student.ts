/**
 * Runs one student's exercise cells in a sandbox process (child.ts) and returns what each
 * produced, whatever the cells do. One process serves the student: each cell gets a fresh
 * global in it (cell-realm.ts), so nothing carries over from one exercise to the next. Every
 * exercise's public cases run before any hidden input enters the process. A request that
 * overruns its time, a process over its memory, a crash or an invalid reply fails only the
 * exercise it happened in; the exercises after it go on in a new process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { ExerciseSpec } from '../exercises/spec';
import type { CaseRun } from '../invoke';
import { encodeFrame, FrameReader } from './frames';
import { detectIsolation, type Isolation, sandboxCommand } from './isolation';
import { WALL_FACTOR } from './process-probe';
import { sandboxView, type SandboxView } from './permissions';
import { startupError } from './startup-error';
import { checkReply, type CheckedReply, InvalidReply, MAX_REPLY_BYTES, READY, type Request, SECRET_LENGTH, type WireCase } from './protocol';

export interface SandboxLimits {
  /** for each request, loading a cell and running its public cases, or running its hidden cases: CPU time where it can be read, else wall time */
  timeoutMs: number;
  /** resident memory of the sandbox process */
  memoryMb: number;
  /** run without a memory cap where this system has no way to measure one */
  unsafeNoMemoryLimit?: boolean;
}

export interface ExerciseJob {
  spec: ExerciseSpec;
  js: string;
  publicCases: WireCase[];
  hiddenCases: WireCase[];
}

/** The runs of the public cases then the hidden ones; or why the exercise failed as a whole. */
export type SandboxOutcome = { runs: CaseRun[]; shortcuts: string[] } | { failure: string };

export const INVALID_REPLY = 'the sandbox sent an invalid reply (did the cell write to the grader’s channel, or change what the grader runs?)';
/** What a hidden case gets when the process stops while running the hidden cases: nothing the cell chose (an exit code, its output) is shown. */
const HIDDEN_STOPPED = 'the grading process stopped while running the hidden cases (it crashed, ran out of memory or time); what it printed is not shown for hidden cases';

/** The compiled grader (also when this file runs from src/ under vitest): the sandbox runs dist/sandbox/child.js. */
const graderDist = path.resolve(__dirname, '..', '..', 'dist');
const childScript = path.join(graderDist, 'sandbox', 'child.js');
const REPLY_FD = 3;
const INFO_FD = 4;
/** The tail of the sandbox's stderr that is kept (only to recognise a V8 out-of-memory crash; never shown). */
const STDERR_KEPT = 64 * 1024;
const POLL_MS = 50;
const EXIT_GRACE_MS = 2000;

let view: SandboxView | undefined;

type Answer = { reply: CheckedReply } | { stopped: string };

/** One sandbox process, answering one request at a time. */
class Session {
  readonly loaded = new Set<string>();
  dead = false;
  private readonly child: ChildProcess;
  private readonly secret = Buffer.from(randomBytes(SECRET_LENGTH / 2).toString('hex'), 'latin1');
  private readonly reader = new FrameReader({ maxFrame: MAX_REPLY_BYTES, maxTotal: Number.MAX_SAFE_INTEGER });
  private readonly bwrap: boolean;
  private sandboxPid: number | undefined;
  private stderr = '';
  private infoText = '';
  private exited = false;
  /** why the process stopped, for a request that finds it stopped */
  private closedWhy: string | undefined;
  private startError: string | undefined;
  /** settles when the sandbox has loaded TF.js (true) or stopped before (false): a busy machine's start-up does not count against the first request's time */
  private readonly ready: Promise<boolean>;
  private onReady: ((ready: boolean) => void) | undefined;
  /** the request being answered: settles it */
  private pending: ((answer: Answer) => void) | undefined;
  private spec: ExerciseSpec | undefined;
  private expected = 0;

  constructor(
    private readonly isolation: Isolation,
    private readonly limits: SandboxLimits,
  ) {
    this.ready = new Promise((resolve) => (this.onReady = resolve));
    view ??= sandboxView(graderDist);
    const heapMb = Math.max(64, Math.floor(limits.memoryMb / 2));
    const { command, args } = sandboxCommand(isolation, view, [`--max-old-space-size=${heapMb}`], [childScript], INFO_FD);
    this.bwrap = isolation.kind === 'bwrap';
    this.child = spawn(command, args, {
      cwd: os.tmpdir(),
      env: { NODE_ENV: 'production' }, // none of the grader's environment
      stdio: ['pipe', 'pipe', 'pipe', 'pipe', ...(this.bwrap ? ['pipe' as const] : [])],
    });
    if (!this.bwrap) this.sandboxPid = this.child.pid;
    const replies = this.child.stdio[REPLY_FD] as Readable;
    replies.on('data', (chunk: Buffer) => this.onData(chunk));
    const info = this.bwrap ? (this.child.stdio[INFO_FD] as Readable) : undefined;
    info?.on('data', (chunk: Buffer) => {
      if (this.sandboxPid !== undefined || this.infoText.length > 4096) return;
      this.infoText += chunk.toString();
      const pid = /"child-pid"\s*:\s*(\d+)/.exec(this.infoText)?.[1];
      if (pid) this.sandboxPid = Number(pid);
    });
    this.child.stdout!.on('data', () => undefined); // drained, never kept: what a cell prints is not shown
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-STDERR_KEPT);
    });
    for (const stream of this.streams()) stream?.on('error', () => undefined); // a pipe to a process that just died
    this.child.on('error', (error) => {
      this.startError = `could not start the grading sandbox (${command}): ${error.message}`;
      this.stop(this.startError);
    });
    // 'close' comes after the last of its output was read (unlike 'exit')
    this.child.on('close', (code, signal) => {
      this.exited = true;
      this.stop(this.whyClosed(code, signal));
    });
    this.child.stdin!.write(encodeFrame(this.secret));
  }

  /** Sends `request` and waits for its reply (`cases` runs), at most the time limit. */
  async request(request: Request, spec: ExerciseSpec, cases: number): Promise<Answer> {
    if (!(await this.ready) || this.dead) return { stopped: this.startError ?? this.closedWhy ?? `the grading process had stopped before ${spec.id}` };
    this.spec = spec;
    this.expected = cases;
    const probe = this.isolation.probe;
    const pid = this.sandboxPid;
    const cpuAtStart = probe && pid !== undefined ? await probe.cpuSeconds(pid) : undefined;
    const limitSec = this.limits.timeoutMs / 1000;
    return new Promise<Answer>((resolve) => {
      // CPU time is the limit where it can be read (a busy machine does not stop honest work); wall time is the backstop (a cell that sleeps)
      const cpuCounted = cpuAtStart !== undefined;
      const wallMs = cpuCounted ? this.limits.timeoutMs * WALL_FACTOR : this.limits.timeoutMs;
      /** stops the process for this request only: a probe that answers after the reply does nothing */
      const stopThis = (why: string) => {
        if (this.pending === mine) this.stop(why);
      };
      const timer = setTimeout(() => stopThis(`took longer than ${wallMs / 1000} s (waiting, an infinite loop, or far too much work?) and was stopped`), wallMs);
      const watchdog = setInterval(() => {
        if (!probe || pid === undefined) return;
        void probe.residentMb(pid).then((mb) => {
          if (mb !== undefined && mb > this.limits.memoryMb) stopThis(`used more than ${this.limits.memoryMb} MB of memory and was stopped`);
        });
        if (cpuCounted)
          void probe.cpuSeconds(pid).then((cpu) => {
            if (cpu !== undefined && cpu - cpuAtStart > limitSec)
              stopThis(`timed out after ${limitSec} s of CPU time (an infinite loop, or far too much work?); the cell was stopped`);
          });
      }, POLL_MS);
      const mine = (answer: Answer) => {
        clearTimeout(timer);
        clearInterval(watchdog);
        this.pending = undefined;
        if ('reply' in answer && request.type === 'load' && answer.reply.type === 'runs') this.loaded.add(request.exercise);
        resolve(answer);
      };
      this.pending = mine;
      this.child.stdin!.write(encodeFrame(Buffer.from(JSON.stringify(request))));
    });
  }

  /** Ends the process once it has answered everything: it exits at the end of its input, and is killed if it does not. */
  close(): void {
    if (this.dead) return;
    this.dead = true;
    this.child.stdin!.end();
    if (!this.exited) setTimeout(() => this.kill(), EXIT_GRACE_MS).unref();
  }

  private onData(chunk: Buffer): void {
    for (const frame of this.reader.push(chunk)) {
      const signed = frame.length >= SECRET_LENGTH && timingSafeEqual(frame.subarray(0, SECRET_LENGTH), this.secret);
      if (this.onReady) {
        const ready = signed && frame.toString('utf8', SECRET_LENGTH) === READY;
        if (!ready) return this.stop(INVALID_REPLY);
        this.onReady(true);
        this.onReady = undefined;
        continue;
      }
      if (!this.pending || !this.spec) return this.stop(INVALID_REPLY);
      try {
        if (!signed) throw new InvalidReply('a reply without the run secret');
        this.pending({ reply: checkReply(frame.toString('utf8', SECRET_LENGTH), this.spec, this.expected) });
      } catch (error) {
        if (!(error instanceof InvalidReply)) throw error;
        return this.stop(INVALID_REPLY);
      }
    }
    if (this.reader.error) this.stop(INVALID_REPLY);
  }

  private whyClosed(code: number | null, signal: NodeJS.Signals | null): string {
    // bubblewrap reports the sandbox's PID once it is set up: without it, the sandbox never ran
    if (this.bwrap && this.sandboxPid === undefined) return `could not start the grading sandbox (bubblewrap): ${startupError(this.stderr)}`;
    const running = this.spec ? ` while running ${this.spec.id}` : '';
    if (/heap limit|out of memory/i.test(this.stderr)) return `the grading process ran out of memory (limit ${this.limits.memoryMb} MB)${running}`;
    return `the grading process crashed (${signal ? `signal ${signal}` : `exit code ${code}`})${running}`;
  }

  /** The process is done for: the request being answered (if any) gets `why`. */
  private stop(why: string): void {
    const pending = this.pending;
    this.closedWhy ??= why;
    this.onReady?.(false);
    this.onReady = undefined;
    if (!this.dead) {
      this.dead = true;
      this.kill();
    }
    pending?.({ stopped: why });
  }

  private kill(): void {
    this.child.kill('SIGKILL');
    if (this.bwrap && this.sandboxPid !== undefined) {
      try {
        process.kill(this.sandboxPid, 'SIGKILL'); // also dies with bwrap (--die-with-parent); this is sooner
      } catch {
        // already gone
      }
    }
    for (const stream of this.streams()) stream?.destroy();
  }

  private streams(): (Readable | Writable | null | undefined)[] {
    return [this.child.stdin, this.child.stdout, this.child.stderr, this.child.stdio[REPLY_FD] as Readable, this.child.stdio[INFO_FD] as Readable | undefined];
  }
}

/** Each job's outcome, by exercise id. */
export async function runStudent(jobs: ExerciseJob[], limits: SandboxLimits): Promise<Map<string, SandboxOutcome>> {
  const outcomes = new Map<string, SandboxOutcome>();
  const isolation = detectIsolation();
  if (!isolation.probe && !limits.unsafeNoMemoryLimit) {
    const failure = `the grader cannot measure memory on ${process.platform}, so it will not run cells; pass --unsafe-no-memory-limit to grade anyway`;
    for (const job of jobs) outcomes.set(job.spec.id, { failure });
    return outcomes;
  }
  let session: Session | undefined;
  const open = () => (session && !session.dead ? session : (session = new Session(isolation, limits)));
  try {
    const publicDone = new Map<string, { runs: CaseRun[]; shortcuts: string[] }>();
    for (const job of jobs) {
      const load: Request = { type: 'load', exercise: job.spec.id, js: job.js, cases: job.publicCases };
      const answer = await open().request(load, job.spec, job.publicCases.length);
      if ('stopped' in answer) outcomes.set(job.spec.id, { failure: answer.stopped });
      else if (answer.reply.type === 'load-error') outcomes.set(job.spec.id, { failure: answer.reply.error });
      else publicDone.set(job.spec.id, answer.reply);
    }
    for (const job of jobs) {
      const done = publicDone.get(job.spec.id);
      if (!done) continue;
      const hidden = job.hiddenCases.length > 0 ? await runHidden(open(), job) : { runs: [], shortcuts: [] };
      outcomes.set(job.spec.id, 'failure' in hidden ? hidden : { runs: [...done.runs, ...hidden.runs], shortcuts: [...new Set([...done.shortcuts, ...hidden.shortcuts])] });
    }
  } finally {
    (session as Session | undefined)?.close();
  }
  return outcomes;
}

/** The hidden cases' runs, in a process that has the cell loaded (a new process loads it again, running no case). */
async function runHidden(session: Session, job: ExerciseJob): Promise<SandboxOutcome> {
  const stopped = (answer: Answer): SandboxOutcome | undefined => {
    if ('stopped' in answer) return answer.stopped === INVALID_REPLY ? { failure: INVALID_REPLY } : { runs: job.hiddenCases.map(() => ({ error: HIDDEN_STOPPED })), shortcuts: [] };
    if (answer.reply.type === 'load-error') return { runs: job.hiddenCases.map(() => ({ error: HIDDEN_STOPPED })), shortcuts: [] };
    return undefined;
  };
  if (!session.loaded.has(job.spec.id)) {
    const reload = await session.request({ type: 'load', exercise: job.spec.id, js: job.js, cases: [] }, job.spec, 0);
    const failed = stopped(reload);
    if (failed) return failed;
  }
  const answer = await session.request({ type: 'hidden', exercise: job.spec.id, cases: job.hiddenCases }, job.spec, job.hiddenCases.length);
  const failed = stopped(answer);
  if (failed) return failed;
  const reply = (answer as { reply: Extract<CheckedReply, { type: 'runs' }> }).reply;
  return { runs: reply.runs, shortcuts: reply.shortcuts };
}
