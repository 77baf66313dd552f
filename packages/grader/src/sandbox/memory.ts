import { execFile } from 'node:child_process';
import * as fs from 'node:fs';

/** How a process's resident memory is read on this system. */
export interface MemoryProbe {
  how: string;
  residentMb(pid: number): Promise<number | undefined>;
}

function fromProc(pid: number): Promise<number | undefined> {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Promise.resolve(kb ? Number(kb) / 1024 : undefined);
  } catch {
    return Promise.resolve(undefined); // it has exited
  }
}

function fromPs(pid: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    execFile('ps', ['-o', 'rss=', '-p', String(pid)], (error, stdout) => {
      const kb = Number(stdout.trim());
      resolve(error || !Number.isFinite(kb) || stdout.trim() === '' ? undefined : kb / 1024);
    });
  });
}

/** Linux reads /proc, macOS asks `ps`; elsewhere there is no probe and the grader refuses to run without --unsafe-no-memory-limit. */
export function memoryProbe(): MemoryProbe | undefined {
  if (process.platform === 'linux' && fs.existsSync('/proc/self/status')) return { how: '/proc', residentMb: fromProc };
  if (process.platform === 'darwin') return { how: 'ps', residentMb: fromPs };
  return undefined;
}
