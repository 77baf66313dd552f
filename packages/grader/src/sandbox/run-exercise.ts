/**
 * Runs one student's exercise cell in a fresh sandbox process (child.ts) and returns what it
 * produced, whatever the cell does: a new process per exercise, so nothing (a patched tf,
 * timers, a floating rejection) carries over to the next one.
 */
import { spawn } from 'node:child_process';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { ExerciseSpec } from '../exercises/spec';
import type { CaseRun } from '../invoke';
import { encodeFrame, FrameReader } from './frames';
import { detectIsolation, sandboxCommand } from './isolation';
import { sandboxView, type SandboxView } from './permissions';
import { checkReply, type CheckedReply, InvalidReply, MAX_REPLY_BYTES, type RunRequest, SECRET_LENGTH, type WireCase } from './protocol';

export interface SandboxLimits {
  /** for the whole run of the exercise, from the start of its process */
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
/** What is kept of the sandbox's stderr (only to recognise a V8 out-of-memory crash; never shown). */
const STDERR_KEPT = 64 * 1024;
const MEMORY_POLL_MS = 50;
const EXIT_GRACE_MS = 2000;

let view: SandboxView | undefined;

function secretMatches(frame: Buffer, secret: Buffer): boolean {
  return frame.length >= SECRET_LENGTH && timingSafeEqual(frame.subarray(0, SECRET_LENGTH), secret);
}

export function runExercise(job: ExerciseJob, limits: SandboxLimits): Promise<SandboxOutcome> {
  const isolation = detectIsolation();
  if (!isolation.memory && !limits.unsafeNoMemoryLimit) {
    return Promise.resolve({ failure: `the grader cannot measure memory on ${process.platform}, so it will not run cells; pass --unsafe-no-memory-limit to grade anyway` });
  }
  view ??= sandboxView(graderDist);
  const secret = randomBytes(SECRET_LENGTH / 2).toString('hex');
  const secretBytes = Buffer.from(secret, 'latin1');
  const heapMb = Math.max(64, Math.floor(limits.memoryMb / 2));
  const { command, args } = sandboxCommand(isolation, view, [`--max-old-space-size=${heapMb}`, '--no-warnings'], childScript, INFO_FD);
  const bwrap = isolation.kind === 'bwrap';
  const child = spawn(command, args, {
    cwd: os.tmpdir(),
    env: { NODE_ENV: 'production' }, // none of the grader's environment
    stdio: ['pipe', 'pipe', 'pipe', 'pipe', ...(bwrap ? ['pipe' as const] : [])],
  });
  const stdin = child.stdin!;
  const replies = child.stdio[REPLY_FD] as Readable;
  const info = bwrap ? (child.stdio[INFO_FD] as Readable) : undefined;
  const reader = new FrameReader({ maxFrame: MAX_REPLY_BYTES, maxTotal: MAX_REPLY_BYTES });
  const request: RunRequest = { exercise: job.spec.id, js: job.js, cases: job.publicCases, hidden: job.hiddenCases.length };

  return new Promise<SandboxOutcome>((resolve) => {
    let phase: 'public' | 'hidden' = 'public';
    let publicRuns: CaseRun[] = [];
    let shortcuts: string[] = [];
    let stderr = '';
    let infoText = '';
    let sandboxPid: number | undefined = bwrap ? undefined : child.pid;
    let settled = false;
    let exited = false;

    const stop = () => {
      child.kill('SIGKILL');
      if (bwrap && sandboxPid !== undefined) {
        try {
          process.kill(sandboxPid, 'SIGKILL'); // also dies with bwrap (--die-with-parent); this is sooner
        } catch {
          // already gone
        }
      }
      for (const stream of [stdin, child.stdout, child.stderr, replies, info] as (Readable | Writable | null | undefined)[]) stream?.destroy();
    };
    /** A sandbox that replied exits by itself; it is stopped if it does not, or at once when it failed. */
    const finish = (outcome: SandboxOutcome, replied = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watchdog);
      if (!replied) stop();
      else if (!exited) setTimeout(stop, EXIT_GRACE_MS).unref();
      resolve(outcome);
    };
    /** The process stopped early: in the public phase say why; in the hidden phase the public results stand. */
    const stopped = (why: string) => {
      if (phase === 'public') finish({ failure: why });
      else finish({ runs: [...publicRuns, ...job.hiddenCases.map(() => ({ error: HIDDEN_STOPPED }))], shortcuts });
    };

    const timer = setTimeout(() => stopped(`timed out after ${limits.timeoutMs / 1000} s (an infinite loop, or far too much work?); the cell was stopped`), limits.timeoutMs);
    const watchdog = setInterval(() => {
      if (sandboxPid === undefined || !isolation.memory) return;
      void isolation.memory.residentMb(sandboxPid).then((mb) => {
        if (mb !== undefined && mb > limits.memoryMb) stopped(`used more than ${limits.memoryMb} MB of memory and was stopped`);
      });
    }, MEMORY_POLL_MS);

    const onReply = (reply: CheckedReply) => {
      if (reply.type === 'load-error') {
        if (phase === 'public') finish({ failure: reply.error });
        else finish({ failure: INVALID_REPLY });
        return;
      }
      shortcuts = [...new Set([...shortcuts, ...reply.shortcuts])];
      if (phase === 'hidden') {
        finish({ runs: [...publicRuns, ...reply.runs], shortcuts }, true);
        return;
      }
      publicRuns = reply.runs;
      if (job.hiddenCases.length === 0) finish({ runs: publicRuns, shortcuts }, true);
      else {
        phase = 'hidden';
        stdin.write(encodeFrame(Buffer.from(JSON.stringify({ cases: job.hiddenCases }))));
      }
    };

    replies.on('data', (chunk: Buffer) => {
      for (const frame of reader.push(chunk)) {
        if (settled) return;
        try {
          if (!secretMatches(frame, secretBytes)) throw new InvalidReply('a reply without the run secret');
          const expected = phase === 'public' ? job.publicCases.length : job.hiddenCases.length;
          onReply(checkReply(frame.toString('utf8', SECRET_LENGTH), job.spec, expected));
        } catch (error) {
          if (!(error instanceof InvalidReply)) throw error;
          finish({ failure: INVALID_REPLY });
        }
      }
      if (reader.error) finish({ failure: INVALID_REPLY });
    });
    info?.on('data', (chunk: Buffer) => {
      if (sandboxPid !== undefined || infoText.length > 4096) return;
      infoText += chunk.toString();
      const pid = /"child-pid"\s*:\s*(\d+)/.exec(infoText)?.[1];
      if (pid) sandboxPid = Number(pid);
    });
    child.stdout!.on('data', () => undefined); // drained, never kept: what a cell prints is not shown
    child.stderr!.on('data', (chunk: Buffer) => {
      if (stderr.length < STDERR_KEPT) stderr += chunk.toString('utf8', 0, Math.min(chunk.length, STDERR_KEPT - stderr.length));
    });
    for (const stream of [stdin, replies, info, child.stdout, child.stderr]) stream?.on('error', () => undefined); // a pipe to a process that just died
    child.on('error', (error) => finish({ failure: `could not start the grading sandbox (${command}): ${error.message}` }));
    // 'close' comes after the last of its output was read (unlike 'exit')
    child.on('close', (code, signal) => {
      exited = true;
      if (settled) return;
      if (bwrap && sandboxPid === undefined) {
        // bubblewrap reports the sandbox's PID once it is set up: without it, the sandbox never ran
        finish({ failure: `could not start the grading sandbox (bubblewrap): ${stderr.trim().split('\n')[0] ?? ''}` });
        return;
      }
      const outOfMemory = /heap limit|out of memory/i.test(stderr);
      stopped(
        outOfMemory
          ? `the grading process ran out of memory (limit ${limits.memoryMb} MB) while running ${job.spec.id}`
          : `the grading process crashed (${signal ? `signal ${signal}` : `exit code ${code}`}) while running ${job.spec.id}`,
      );
    });

    stdin.write(encodeFrame(secretBytes, Buffer.from(JSON.stringify(request))));
  });
}
