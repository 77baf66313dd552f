import type { JsonTensor } from '../../tensor-data';
import type { Random } from '../random';
import type { CaseDef } from './case-def';

/**
 * h [B, L, d] and aspects [A, d] whose scores h_t · q_a are `value`² plus a spread of a few units
 * (feature 0 is `value` in every token and every aspect): logits in the hundreds that still do not
 * saturate the softmax, so both a missing max shift and a missing 1/√d show.
 */
function largeScores(r: Random, shape: [number, number, number], numAspects: number, value: number): { h: JsonTensor; aspects: JsonTensor } {
  const d = shape[2];
  const h = r.tensor(shape);
  const aspects = r.tensor([numAspects, d]);
  const first = (t: JsonTensor) => ({ ...t, data: t.data.map((x, i) => (i % d === 0 ? value : x)) });
  return { h: first(h), aspects: first(aspects) };
}

/** A keep-mask [B, L] from each message's number of tokens (0 = a message with nothing kept). */
function lengths(lens: number[], l: number): JsonTensor {
  return { shape: [lens.length, l], data: lens.flatMap((n) => Array.from({ length: l }, (_, t) => (t < n ? 1 : 0))) };
}

// Every case has at least two aspects and A ≠ L, so reshaping the scores instead of transposing
// them, or normalising over the aspects, fails it; all but the first are masked with a fully
// masked message, so each masking mistake fails most of the exercise.
export const aspectAttentionCases: CaseDef[] = [
  {
    exercise: 'aspectAttention',
    name: 'h [2,5,4], aspects [3,4], no mask',
    visibility: 'public',
    seed: 701,
    inputs: (r) => ({ h: r.tensor([2, 5, 4]), aspects: r.tensor([3, 4]) }),
  },
  {
    exercise: 'aspectAttention',
    name: 'h [3,6,8], aspects [4,8], padding mask [3,6]: lengths 6, 3 and 0 (a fully masked message)',
    visibility: 'public',
    seed: 702,
    inputs: (r) => ({ h: r.tensor([3, 6, 8], 2), aspects: r.tensor([4, 8]), mask: lengths([6, 3, 0], 6) }),
  },
  {
    exercise: 'aspectAttention',
    name: 'scores in the hundreds: h [2,4,16], aspects [2,16], mask [2,4] whose first message is fully masked',
    visibility: 'public',
    seed: 703,
    inputs: (r) => ({ ...largeScores(r, [2, 4, 16], 2, 20), mask: { shape: [2, 4], data: [0, 0, 0, 0, 1, 1, 0, 1] } }),
  },
  {
    exercise: 'aspectAttention',
    name: 'h [2,7,4], aspects [3,4], a mask with gaps [2,7] and a fully masked message',
    visibility: 'public',
    seed: 704,
    inputs: (r) => ({ h: r.tensor([2, 7, 4], 2), aspects: r.tensor([3, 4], 2), mask: { shape: [2, 7], data: [0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 0, 1, 1] } }),
  },
  {
    exercise: 'aspectAttention',
    name: 'hidden: padding, a fully masked message, large scores',
    visibility: 'hidden',
    seed: 705,
    inputs: (r) => ({ ...largeScores(r, [4, 7, 8], 3, 16), mask: lengths([7, 2, 0, 5], 7) }),
  },
  {
    exercise: 'aspectAttention',
    name: 'hidden: more aspects than positions, a fully masked message',
    visibility: 'hidden',
    seed: 706,
    inputs: (r) => ({ h: r.tensor([2, 3, 4], 2), aspects: r.tensor([5, 4], 2), mask: lengths([0, 2], 3) }),
  },
  {
    exercise: 'aspectAttention',
    name: 'hidden: longer messages with gaps in the mask, and a fully masked one',
    visibility: 'hidden',
    seed: 707,
    inputs: (r) => ({
      h: r.tensor([3, 10, 6], 2),
      aspects: r.tensor([4, 6]),
      mask: { shape: [3, 10], data: [1, 1, 0, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0] },
    }),
  },
];
