// The one line a report gives for a worker or sandbox that died while starting.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startupError } from '../src/sandbox/startup-error';

describe('startupError', () => {
  it("names Node's error, not the source location it prints first (a grader whose build lacks the compile worker)", () => {
    const node = spawnSync(process.execPath, ['/nonexistent/dist/sandbox/compile-worker.js'], { encoding: 'utf8' });
    expect(node.stderr.trim().split('\n')[0]).toMatch(/^node:internal\/modules/);
    expect(startupError(node.stderr)).toBe("Error: Cannot find module '/nonexistent/dist/sandbox/compile-worker.js'");
  });

  it("keeps bubblewrap's own first line, and says when nothing was printed", () => {
    expect(startupError('bwrap: Creating new namespace failed: Operation not permitted\n')).toBe('bwrap: Creating new namespace failed: Operation not permitted');
    expect(startupError('\n  \n')).toBe('it printed nothing');
  });

  it('finds a named error type too (a worker that threw while loading TypeScript)', () => {
    const node = spawnSync(process.execPath, ['-e', 'throw new RangeError("Maximum call stack size exceeded")'], { encoding: 'utf8' });
    expect(startupError(node.stderr)).toBe('RangeError: Maximum call stack size exceeded');
  });
});
