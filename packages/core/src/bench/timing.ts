// Wall-clock timing of several implementations side by side. Runs are interleaved
// (A B C A B C ...) so that load from other processes hits every implementation alike,
// and each gets the median of its runs after warm-up.
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface Contender {
  run: () => void;
  /** repetitions to time after one warm-up run (slow references may use fewer) */
  reps: number;
}

/** Median milliseconds per contender. */
export function timeInterleaved<K extends string>(contenders: Record<K, Contender>, warmup: number): Record<K, number> {
  const names = Object.keys(contenders) as K[];
  for (let i = 0; i < warmup; i++) names.forEach((n) => contenders[n].run());
  const times = Object.fromEntries(names.map((n) => [n, [] as number[]])) as unknown as Record<K, number[]>;
  const rounds = Math.max(...names.map((n) => contenders[n].reps));
  for (let r = 0; r < rounds; r++) {
    for (const n of names) {
      if (r >= contenders[n].reps) continue;
      const t0 = performance.now();
      contenders[n].run();
      times[n].push(performance.now() - t0);
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(times[n])])) as Record<K, number>;
}
