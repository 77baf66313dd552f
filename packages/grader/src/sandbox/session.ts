import { type ChildProcess, fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { errorMessage } from '../errors';
import type { CaseRun } from '../invoke';
import { sandboxReadPaths } from './permissions';
import type { ChildMessage, RunRequest } from './protocol';

export interface SandboxLimits {
  /** per exercise, from the moment its cell is sent */
  timeoutMs: number;
  /** resident memory of the sandbox process */
  memoryMb: number;
}

export type SandboxOutcome = { runs: CaseRun[] } | { failure: string };

/** The compiled grader (also when this file runs from src/ under vitest): the sandbox runs dist/sandbox/child.js. */
const graderDist = path.resolve(__dirname, '..', '..', 'dist');
const childScript = path.join(graderDist, 'sandbox', 'child.js');
let readPaths: string[] | undefined;

function residentMb(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One sandbox process that grades one submission's exercises in turn. If an exercise
 * hangs, crashes or uses too much memory, the process is killed, that exercise fails,
 * and the next exercise starts a fresh process.
 */
export class SandboxSession {
  private child: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private tail = '';
  private token = 0;
  private readonly cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'attnlab-sandbox-'));

  constructor(private readonly limits: SandboxLimits) {}

  private start(): Promise<void> {
    readPaths ??= sandboxReadPaths(graderDist);
    const heapMb = Math.max(64, Math.floor(this.limits.memoryMb / 2));
    const child = fork(childScript, [], {
      cwd: this.cwd,
      env: { NODE_ENV: 'production' }, // none of the grader's environment
      execArgv: [`--max-old-space-size=${heapMb}`, '--experimental-permission', ...readPaths.map((p) => `--allow-fs-read=${p}`), '--no-warnings'],
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child = child;
    this.tail = '';
    child.on('error', () => undefined); // a send to a process that just died; its exit is reported
    const keep = (chunk: Buffer) => {
      this.tail = (this.tail + chunk.toString()).slice(-2000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: ChildMessage) => {
        if (m?.type !== 'ready') return;
        child.off('exit', onExit);
        resolve();
      };
      const onExit = (code: number | null, signal: string | null) => {
        reject(new Error(`the grading sandbox did not start (exit ${code ?? signal}): ${this.tail.trim()}`));
      };
      child.once('message', onMessage);
      child.once('exit', onExit);
    });
    return this.ready;
  }

  private kill(): void {
    this.child?.kill('SIGKILL');
    this.child = undefined;
    this.ready = undefined;
  }

  async run(exercise: string, js: string, cases: RunRequest['cases']): Promise<SandboxOutcome> {
    try {
      if (!this.child) await this.start();
      else await this.ready;
    } catch (error) {
      this.kill();
      return { failure: errorMessage(error) };
    }
    const child = this.child!;
    const token = ++this.token;
    const { timeoutMs, memoryMb } = this.limits;
    return new Promise<SandboxOutcome>((resolve) => {
      let settled = false;
      const finish = (outcome: SandboxOutcome, killChild: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearInterval(watchdog);
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (killChild) this.kill();
        resolve(outcome);
      };
      const timer = setTimeout(() => {
        finish({ failure: `timed out after ${timeoutMs / 1000} s (an infinite loop, or far too much work?); the cell was stopped` }, true);
      }, timeoutMs);
      const watchdog = setInterval(() => {
        const rss = child.pid ? residentMb(child.pid) : undefined;
        if (rss !== undefined && rss > memoryMb) finish({ failure: `used more than ${memoryMb} MB of memory and was stopped` }, true);
      }, 100);
      const onMessage = (m: ChildMessage) => {
        if (m?.type === 'done' && m.token === token) finish({ runs: m.runs }, false);
        else if (m?.type === 'load-error' && m.token === token) finish({ failure: m.error }, false);
      };
      const onExit = (code: number | null, signal: string | null) => {
        const outOfMemory = /heap limit|out of memory/i.test(this.tail);
        const detail = outOfMemory ? '' : this.tail.trim().split('\n').filter(Boolean).slice(-3).join(' | ');
        const why = outOfMemory ? `ran out of memory (limit ${memoryMb} MB)` : `crashed (${signal ? `signal ${signal}` : `exit code ${code}`})`;
        this.child = undefined;
        finish({ failure: `the grading process ${why} while running ${exercise}${detail ? `: ${detail}` : ''}` }, false);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      const request: RunRequest = { type: 'run', token, exercise, js, cases };
      child.send(request);
    });
  }

  close(): void {
    this.kill();
    fs.rmSync(this.cwd, { recursive: true, force: true });
  }
}
