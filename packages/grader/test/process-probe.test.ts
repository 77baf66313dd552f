// The memory cap and the CPU-time limits need a way to read another process's resident memory
// and CPU time: /proc on Linux, ps on macOS, and none elsewhere (where grading refuses to run
// without --unsafe-no-memory-limit).
import { describe, expect, it } from 'vitest';
import { processProbe } from '../src/sandbox/process-probe';

const residentMb = () => process.memoryUsage().rss / (1024 * 1024);
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
/** A pid above Linux's largest (2^22): no process has it. */
const GONE = 2 ** 22 + 12345;

describe('process probes', () => {
  it.each([
    ['linux', '/proc'],
    ['darwin', 'ps'],
  ] as const)("%s's (%s) reads a live process's resident memory and CPU time, and nothing for one that has exited", async (platform, how) => {
    const probe = processProbe(platform)!;
    expect(probe.how).toBe(how);
    const mb = await probe.residentMb(process.pid);
    // ps and /proc count the same pages as Node's own figure, read a moment apart
    expect(mb).toBeGreaterThan(residentMb() * 0.5);
    expect(mb).toBeLessThan(residentMb() * 2);
    const before = (await probe.cpuSeconds(process.pid))!;
    const spinUntil = cpuSeconds() + 2.5;
    while (cpuSeconds() < spinUntil) Math.sqrt(Math.random());
    const after = (await probe.cpuSeconds(process.pid))!;
    // 2.5 s of CPU spent between the reads: /proc and macOS's ps count hundredths, Linux's ps whole seconds
    // (so two of its readings differ by 2 at least)
    expect(after - before).toBeGreaterThan(1.5);
    expect(after).toBeLessThanOrEqual(cpuSeconds() + 0.05);
    expect(await probe.residentMb(GONE)).toBeUndefined();
    expect(await probe.cpuSeconds(GONE)).toBeUndefined();
  });

  it('has none where it cannot measure, so the grader refuses to grade there', () => {
    expect(processProbe('win32')).toBeUndefined();
  });
});
