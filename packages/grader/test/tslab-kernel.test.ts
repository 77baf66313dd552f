// The course's kernel compiler (src/tslab-kernel.ts) survives a watched file changing between two cells, which
// stops every later cell of a plain tslab kernel with "Unexpected pending rebuildTimer", and compiles cells exactly
// as tslab does; its sockets answer a request that arrives while they bind. The kernel the course registers is
// tested in the lessons (test/course-kernel.test.ts).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { queueSends, queueTimers, type SocketClass, type TimerHost } from '../src/tslab-kernel';

const root = path.resolve(__dirname, '..', '..', '..');

/** tslab's timer host: one slot, run by hand, that refuses a second timer while one is pending. */
function singleSlot(): { host: TimerHost; fire(): void; pending(): boolean } {
  let slot: { callback(): void } | null = null;
  const host: TimerHost = {
    setTimeout(callback) {
      if (slot) throw new Error('Unexpected pending rebuildTimer');
      slot = {
        callback: () => {
          callback();
          slot = null;
        },
      };
      return slot;
    },
    clearTimeout(timeoutId) {
      if (slot !== timeoutId) throw new Error('clearing unexpected timer');
      slot = null;
    },
  };
  return { host, fire: () => slot!.callback(), pending: () => slot !== null };
}

describe('queueTimers', () => {
  it('lets a second timer wait behind the first, and runs both in order, with their arguments, when the slot fires', () => {
    const plain = singleSlot();
    plain.host.setTimeout!(() => {}, 250);
    expect(() => plain.host.setTimeout!(() => {}, 250)).toThrow('Unexpected pending rebuildTimer');

    const { host, fire, pending } = singleSlot();
    queueTimers(host);
    const ran: string[] = [];
    host.setTimeout!((what) => ran.push(`invalidate ${String(what)}`), 250, 'lookups');
    host.setTimeout!(() => ran.push('update program'), 250);
    fire();
    expect(ran).toEqual(['invalidate lookups', 'update program']);
    expect(pending()).toBe(false);
  });

  it('drops a cleared timer, and frees the slot when the last one is cleared', () => {
    const { host, fire, pending } = singleSlot();
    queueTimers(host);
    const ran: string[] = [];
    const first = host.setTimeout!(() => ran.push('first'), 250);
    const second = host.setTimeout!(() => ran.push('second'), 250);
    host.clearTimeout!(first);
    expect(pending()).toBe(true);
    host.clearTimeout!(second);
    expect(pending()).toBe(false);
    host.setTimeout!(() => ran.push('third'), 250);
    fire();
    expect(ran).toEqual(['third']);
  });

  it('runs a timer scheduled by a running one in the same firing, as TypeScript updates the program after invalidating', () => {
    const { host, fire, pending } = singleSlot();
    queueTimers(host);
    const ran: string[] = [];
    host.setTimeout!(() => {
      ran.push('invalidate');
      host.setTimeout!(() => ran.push('update'), 250);
    }, 250);
    fire();
    expect(ran).toEqual(['invalidate', 'update']);
    expect(pending()).toBe(false);
  });
});

/** A folder with node_modules/probe, whose manifest names a.d.ts (type A) and can be pointed at b.d.ts (type B). */
function probeFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attnlab-tslab-'));
  const probe = path.join(dir, 'node_modules', 'probe');
  fs.mkdirSync(probe, { recursive: true });
  fs.writeFileSync(path.join(probe, 'package.json'), JSON.stringify({ name: 'probe', version: '1.0.0', types: 'a.d.ts' }));
  fs.writeFileSync(path.join(probe, 'a.d.ts'), 'export type A = number;\n');
  fs.writeFileSync(path.join(probe, 'b.d.ts'), 'export type B = string;\n');
  return dir;
}

interface Compiled {
  diagnostics?: string[];
  error?: string;
}

function compileAcrossChange(mode: 'tslab' | 'mended'): { first: Compiled; second: Compiled } {
  const cwd = probeFolder();
  try {
    const r = spawnSync(process.execPath, [path.join(__dirname, 'fixtures', 'tslab', 'converter-probe.cjs'), mode, root, cwd], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as { first: Compiled; second: Compiled };
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}

describe("tslab's converter, when a package's manifest changes between two cells", () => {
  it('plain, stops the next cell with "Unexpected pending rebuildTimer" (the defect the course kernel mends)', () => {
    const { first, second } = compileAcrossChange('tslab');
    expect(first).toEqual({ diagnostics: [] });
    expect(second.error).toBe('Unexpected pending rebuildTimer');
  });

  it('mended, compiles the next cell against the changed manifest (the queued invalidation ran)', () => {
    const { first, second } = compileAcrossChange('mended');
    expect(first).toEqual({ diagnostics: [] });
    expect(second).toEqual({ diagnostics: [] });
  });
});

interface CompiledCell {
  output?: string;
  declOutput?: string;
  diagnostics: { code: number; messageText: string }[];
  sideOutputs: { path: string; data: string }[];
}

function compileCells(mode: 'tslab' | 'mended', cwd: string): CompiledCell[] {
  const r = spawnSync(process.execPath, [path.join(__dirname, 'fixtures', 'tslab', 'converter-cells.cjs'), mode, root, cwd], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as CompiledCell[];
}

describe("tslab's converter, mended to build plain programs", () => {
  it('compiles every cell to the same JavaScript, declarations, diagnostics and local modules as tslab itself', () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'attnlab-tslab-cells-'));
    try {
      fs.writeFileSync(path.join(cwd, 'helper.ts'), "import { twice } from './util';\nexport function double(x: number): number {\n  return twice(x);\n}\n");
      fs.writeFileSync(path.join(cwd, 'util.ts'), 'export const twice = (x: number): number => 2 * x;\n');
      const plain = compileCells('tslab', cwd);
      // What the comparison covers: the local modules compiled with the first cell, and the type error of the second.
      expect(plain[0].sideOutputs.map((o) => o.path)).toEqual(['helper.js', 'util.js']);
      expect(plain[1].diagnostics.map((d) => d.messageText)).toEqual(["Type 'number' is not assignable to type 'string'."]);
      expect(plain.filter((c) => c.output?.includes('exports.')).length).toBeGreaterThan(3);
      expect(compileCells('mended', cwd)).toEqual(plain);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });
});

/** A socket class that records its sends, and throws as zeromq.js does on a send during a bind. */
function recordingSocket(): { Socket: SocketClass & (new () => SocketClass['prototype']); sent: unknown[]; finishBind(): void; failNext(): void } {
  const sent: unknown[] = [];
  let finishBind = (): void => undefined;
  let fail = false;
  class Socket {
    private busy = false;
    bind(): Promise<void> {
      this.busy = true;
      return new Promise((resolve) => {
        finishBind = () => {
          this.busy = false;
          resolve();
        };
      });
    }
    send(message: unknown): Promise<void> {
      if (this.busy) throw new Error('Socket is blocked by a bind or unbind operation');
      if (fail) {
        fail = false;
        return Promise.reject(new Error('send failed'));
      }
      sent.push(message);
      return Promise.resolve();
    }
  }
  return { Socket, sent, finishBind: () => finishBind(), failNext: () => (fail = true) };
}

describe('queueSends', () => {
  it('holds the sends made during a bind until it finishes, then sends them in order', async () => {
    const { Socket, sent, finishBind } = recordingSocket();
    queueSends(Socket);
    const socket = new Socket();
    const bound = socket.bind('tcp://127.0.0.1:1');
    const sends = [socket.send('busy'), socket.send('reply'), socket.send('idle')];
    await Promise.resolve();
    expect(sent).toEqual([]);
    finishBind();
    await bound;
    await Promise.all(sends);
    expect(sent).toEqual(['busy', 'reply', 'idle']);
  });

  it('gives a failed send to its caller and still sends the next', async () => {
    const { Socket, sent, finishBind, failNext } = recordingSocket();
    queueSends(Socket);
    const socket = new Socket();
    void socket.bind('tcp://127.0.0.1:1');
    const failed = socket.send('lost');
    const next = socket.send('next');
    failNext();
    finishBind();
    await expect(failed).rejects.toThrow('send failed');
    await next;
    expect(sent).toEqual(['next']);
  });

  it('sends at once when nothing waits: before any bind, and once the bind and the sends behind it are done', async () => {
    const { Socket, sent, finishBind } = recordingSocket();
    queueSends(Socket);
    const socket = new Socket();
    void socket.send('first');
    expect(sent).toEqual(['first']);
    const bound = socket.bind('tcp://127.0.0.1:1');
    const queued = socket.send('queued');
    finishBind();
    await bound;
    await queued;
    await new Promise((resolve) => setTimeout(resolve, 0));
    void socket.send('last');
    expect(sent).toEqual(['first', 'queued', 'last']);
  });
});

function sendDuringBind(mode: 'tslab' | 'mended'): { replies: string[]; errors: string[] } {
  const r = spawnSync(process.execPath, [path.join(__dirname, 'fixtures', 'tslab', 'socket-probe.cjs'), mode, root], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { replies: string[]; errors: string[] };
}

describe("tslab's sockets, when a request arrives while they bind", () => {
  it('plain, drop the request: publishing "busy" throws (the defect the course kernel mends)', () => {
    expect(sendDuringBind('tslab')).toEqual({ replies: [], errors: ['Socket is blocked by a bind or unbind operation'] });
  });

  it('mended, answer it once the sockets are bound', () => {
    expect(sendDuringBind('mended')).toEqual({ replies: ['kernel_info_reply'], errors: [] });
  });
});
