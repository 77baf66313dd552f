import { sameOutputs } from './compare';
import type { Tolerance } from './exercises/spec';
import type { MistakeInfo, ReferenceCase } from './references';
import type { Diagnosis } from './results';
import type { TensorData } from './tensor-data';

/** Mistake outputs are matched a little more loosely than answers (backends differ). */
function looser(tol: Tolerance): Tolerance {
  return { rtol: Math.max(tol.rtol * 10, 1e-3), atol: Math.max(tol.atol * 10, 1e-4) };
}

/**
 * Which known mistakes explain the student's outputs. A mistake is named when the
 * student's output equals its output on at least one failing case, on at least half
 * of the failing cases where that mistake shows, and the student passes no case that
 * the mistake would fail. The best-supported mistakes win.
 */
export function diagnose(mistakes: MistakeInfo[], cases: { ref: ReferenceCase; passed: boolean; outputs?: Record<string, TensorData> }[]): Diagnosis[] {
  const scored = mistakes
    .map((m) => {
      let matches = 0;
      let shows = 0;
      let contradicts = 0;
      for (const c of cases) {
        const predicted = c.ref.mistakes[m.id];
        if (!predicted) continue;
        if (c.passed) {
          contradicts++;
          continue;
        }
        shows++;
        if (c.outputs && sameOutputs(predicted, c.outputs, looser(c.ref.tolerance))) matches++;
      }
      return { m, matches, ok: matches > 0 && contradicts === 0 && matches * 2 >= shows };
    })
    .filter((s) => s.ok);
  const best = Math.max(0, ...scored.map((s) => s.matches));
  return scored.filter((s) => s.matches === best).map(({ m }) => ({ mistake: m.id, what: m.what, fix: m.fix }));
}
