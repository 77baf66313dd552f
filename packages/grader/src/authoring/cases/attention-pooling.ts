import type { JsonTensor } from '../../tensor-data';
import type { Random } from '../random';
import type { CaseDef } from './case-def';

/**
 * h [B, L, d] and query [d] whose scores h_t · query are `value`² plus a spread of a few units
 * (feature 0 is `value` in every row and in the query): logits in the hundreds that still do not
 * saturate the softmax, so both a missing max shift and a missing 1/√d show.
 */
function largeScores(r: Random, shape: [number, number, number], value: number): { h: JsonTensor; query: JsonTensor } {
  const d = shape[2];
  const h = r.tensor(shape);
  const query = r.tensor([d]);
  return {
    h: { ...h, data: h.data.map((x, i) => (i % d === 0 ? value : x)) },
    query: { ...query, data: query.data.map((x, i) => (i === 0 ? value : x)) },
  };
}

/** A keep-mask [B, L] from each email's number of tokens (0 = an email with nothing kept). */
function lengths(lens: number[], l: number): JsonTensor {
  return { shape: [lens.length, l], data: lens.flatMap((n) => Array.from({ length: l }, (_, t) => (t < n ? 1 : 0))) };
}

// All but the first case are masked with a fully masked email, so each masking mistake fails most of the exercise.
export const attentionPoolingCases: CaseDef[] = [
  {
    exercise: 'attentionPooling',
    name: 'h [2,5,8], query [8], no mask',
    visibility: 'public',
    seed: 601,
    inputs: (r) => ({ h: r.tensor([2, 5, 8]), query: r.tensor([8]) }),
  },
  {
    exercise: 'attentionPooling',
    name: 'h [3,6,4] with padding mask [3,6]: lengths 6, 2 and 0 (a fully masked email)',
    visibility: 'public',
    seed: 602,
    inputs: (r) => ({ h: r.tensor([3, 6, 4], 2), query: r.tensor([4]), mask: lengths([6, 2, 0], 6) }),
  },
  {
    exercise: 'attentionPooling',
    name: 'scores in the hundreds: h [2,4,16], mask [2,4] whose first email is fully masked',
    visibility: 'public',
    seed: 603,
    inputs: (r) => ({ ...largeScores(r, [2, 4, 16], 20), mask: { shape: [2, 4], data: [0, 0, 0, 0, 1, 0, 1, 1] } }),
  },
  {
    exercise: 'attentionPooling',
    name: 'hidden: padding, a fully masked email, large scores',
    visibility: 'hidden',
    seed: 604,
    inputs: (r) => ({ ...largeScores(r, [4, 7, 8], 16), mask: lengths([7, 3, 0, 5], 7) }),
  },
  {
    exercise: 'attentionPooling',
    name: 'hidden: a longer email with gaps in its mask, and a fully masked one',
    visibility: 'hidden',
    seed: 605,
    inputs: (r) => ({
      h: r.tensor([2, 10, 4], 2),
      query: r.tensor([4]),
      mask: { shape: [2, 10], data: [1, 1, 0, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
    }),
  },
];
