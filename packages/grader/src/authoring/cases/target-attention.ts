import type { JsonTensor } from '../../tensor-data';
import type { Random } from '../random';
import type { CaseDef } from './case-def';

/**
 * history [B, T, d] and candidate [B, d] whose scores are `value`² plus a spread of a few units
 * (feature 0 is `value` in every step and every candidate): logits in the hundreds that still do
 * not saturate the softmax, so both a missing max shift and a missing 1/√d show.
 */
function largeScores(r: Random, shape: [number, number, number], value: number): { history: JsonTensor; candidate: JsonTensor } {
  const [b, , d] = shape;
  const history = r.tensor(shape);
  const candidate = r.tensor([b, d]);
  const first = (t: JsonTensor) => ({ ...t, data: t.data.map((x, i) => (i % d === 0 ? value : x)) });
  return { history: first(history), candidate: first(candidate) };
}

/** A keep-mask [B, T] from each learner's number of studied steps, left-padded as in the lesson (0 = an empty history). */
function lengths(lens: number[], t: number): JsonTensor {
  return { shape: [lens.length, t], data: lens.flatMap((n) => Array.from({ length: t }, (_, s) => (s >= t - n ? 1 : 0))) };
}

// All but the first case are masked with an empty history, so each masking mistake fails most of the exercise.
export const targetAttentionCases: CaseDef[] = [
  {
    exercise: 'targetAttention',
    name: 'history [3,5,8], candidate [3,8], no mask',
    visibility: 'public',
    seed: 801,
    inputs: (r) => ({ history: r.tensor([3, 5, 8]), candidate: r.tensor([3, 8]) }),
  },
  {
    exercise: 'targetAttention',
    name: 'history [3,6,4] with left padding [3,6]: lengths 6, 2 and 0 (an empty history)',
    visibility: 'public',
    seed: 802,
    inputs: (r) => ({ history: r.tensor([3, 6, 4], 2), candidate: r.tensor([3, 4], 2), mask: lengths([6, 2, 0], 6) }),
  },
  {
    exercise: 'targetAttention',
    name: 'scores in the hundreds: history [2,4,16], mask [2,4] whose first history is empty',
    visibility: 'public',
    seed: 803,
    inputs: (r) => ({ ...largeScores(r, [2, 4, 16], 20), mask: { shape: [2, 4], data: [0, 0, 0, 0, 1, 0, 1, 1] } }),
  },
  {
    exercise: 'targetAttention',
    name: 'hidden: padding, an empty history, large scores',
    visibility: 'hidden',
    seed: 804,
    inputs: (r) => ({ ...largeScores(r, [4, 7, 8], 16), mask: lengths([7, 3, 0, 5], 7) }),
  },
  {
    exercise: 'targetAttention',
    name: 'hidden: a longer history with gaps in its mask, and an empty one',
    visibility: 'hidden',
    seed: 805,
    inputs: (r) => ({
      history: r.tensor([2, 10, 4], 2),
      candidate: r.tensor([2, 4], 2),
      mask: { shape: [2, 10], data: [1, 1, 0, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
    }),
  },
];
