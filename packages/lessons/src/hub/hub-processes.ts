// The processes of one local hub (Linux): JupyterHub, its proxy, the students' servers and their kernels all
// carry ATTNLAB_HUB_STATE in their environment (the hub is started with it and passes it on to each server).
import * as fs from 'fs';

/** Process ids whose environment names the hub state folder `state`. */
export function hubProcesses(state: string): number[] {
  const marker = `ATTNLAB_HUB_STATE=${state}\0`;
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/environ`, 'latin1').includes(marker);
      } catch {
        return false; // exited meanwhile, or not ours to read
      }
    })
    .map(Number);
}

/** A process's resident memory in bytes, or 0 once it has exited. */
export function residentBytes(pid: number): number {
  try {
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}
