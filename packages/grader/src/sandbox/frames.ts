/**
 * Length-prefixed frames on a byte stream (a 4-byte big-endian length, then that many
 * bytes): how the grader talks to its compile workers and sandboxes, instead of Node's IPC,
 * whose deserializer a process can crash by writing raw bytes to the channel.
 */
import * as fs from 'node:fs';

const HEADER = 4;

export interface FrameLimits {
  /** the largest frame accepted */
  maxFrame: number;
  /** the most bytes accepted over the stream's life */
  maxTotal: number;
}

export function encodeFrame(...parts: Uint8Array[]): Buffer {
  const length = parts.reduce((a, p) => a + p.length, 0);
  const frame = Buffer.alloc(HEADER + length);
  frame.writeUInt32BE(length, 0);
  let at = HEADER;
  for (const part of parts) {
    frame.set(part, at);
    at += part.length;
  }
  return frame;
}

/**
 * Splits a stream into frames. Past a limit it refuses for good (`error` says why) and keeps
 * nothing more, so a process that floods its pipe costs the grader no memory.
 */
export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private total = 0;
  error: string | undefined;

  constructor(private readonly limits: FrameLimits) {}

  /** The frames completed by `chunk`. */
  push(chunk: Buffer): Buffer[] {
    if (this.error) return [];
    this.total += chunk.length;
    if (this.total > this.limits.maxTotal) return this.fail(`sent more than ${this.limits.maxTotal} bytes`);
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Buffer[] = [];
    while (this.buffered >= HEADER) {
      const head = this.chunks[0].length >= HEADER ? this.chunks[0] : this.flatten();
      const length = head.readUInt32BE(0);
      if (length > this.limits.maxFrame) return this.fail(`sent a message of ${length} bytes (at most ${this.limits.maxFrame})`);
      if (this.buffered < HEADER + length) break;
      const all = this.flatten();
      frames.push(Buffer.from(all.subarray(HEADER, HEADER + length)));
      const rest = all.subarray(HEADER + length);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.buffered = rest.length;
    }
    return frames;
  }

  private flatten(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0];
  }

  private fail(error: string): [] {
    this.error = error;
    this.chunks = [];
    this.buffered = 0;
    return [];
  }
}

/** Sleep without the event loop (for a descriptor that is not ready). */
function pause(): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
}

function isAgain(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'EAGAIN';
}

/** Read exactly `length` bytes from `fd`, blocking; undefined at end of stream. */
function readExactSync(fd: number, length: number): Buffer | undefined {
  const buffer = Buffer.alloc(length);
  let at = 0;
  while (at < length) {
    let n: number;
    try {
      n = fs.readSync(fd, buffer, at, length - at, null);
    } catch (error) {
      if (!isAgain(error)) throw error;
      pause();
      continue;
    }
    if (n === 0) return undefined;
    at += n;
  }
  return buffer;
}

/** The next frame on `fd`, blocking (for a process that must not run other code meanwhile); undefined at end of stream. */
export function readFrameSync(fd: number, maxFrame: number): Buffer | undefined {
  const head = readExactSync(fd, HEADER);
  if (!head) return undefined;
  const length = head.readUInt32BE(0);
  if (length > maxFrame) throw new Error(`a message of ${length} bytes is more than ${maxFrame}`);
  return length === 0 ? Buffer.alloc(0) : readExactSync(fd, length);
}

/** Write all of `data` to `fd`, blocking. `write` is passed in so a caller can use a reference taken before untrusted code ran. */
export function writeAllSync(fd: number, data: Uint8Array, write: typeof fs.writeSync = fs.writeSync): void {
  let at = 0;
  while (at < data.length) {
    try {
      at += write(fd, data, at, data.length - at);
    } catch (error) {
      if (!isAgain(error)) throw error;
      pause();
    }
  }
}
