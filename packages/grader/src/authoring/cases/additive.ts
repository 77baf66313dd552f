import type { Random } from '../random';
import type { CaseDef } from './case-def';

function additiveInputs(r: Random, batch: number[], lq: number, lk: number, dq: number, dk: number, h: number, dv: number) {
  return {
    q: r.tensor([...batch, lq, dq]),
    k: r.tensor([...batch, lk, dk]),
    v: r.tensor([...batch, lk, dv]),
    Wq: r.tensor([dq, h], 0.7),
    Wk: r.tensor([dk, h], 0.7),
    wv: r.tensor([h], 1.5),
  };
}

function withoutValues(inputs: ReturnType<typeof additiveInputs>) {
  const { q, k, Wq, Wk, wv } = inputs;
  return { q, k, Wq, Wk, wv };
}

export const additiveCases: CaseDef[] = [
  {
    exercise: 'additiveScores',
    name: 'batch: q [2,3,4], k [2,5,6], h = 7',
    visibility: 'public',
    seed: 301,
    inputs: (r) => withoutValues(additiveInputs(r, [2], 3, 5, 4, 6, 7, 2)),
  },
  { exercise: 'additiveScores', name: 'no batch: q [4,3], k [6,3], h = 5', visibility: 'public', seed: 302, inputs: (r) => withoutValues(additiveInputs(r, [], 4, 6, 3, 3, 5, 2)) },
  {
    exercise: 'additiveScores',
    name: 'hidden: batched, unequal lengths and widths',
    visibility: 'hidden',
    seed: 303,
    inputs: (r) => withoutValues(additiveInputs(r, [3], 2, 4, 5, 2, 3, 2)),
  },

  {
    exercise: 'additiveAttention',
    name: 'batch: q [2,3,4], k [2,5,6], v [2,5,2], h = 7',
    visibility: 'public',
    seed: 311,
    inputs: (r) => additiveInputs(r, [2], 3, 5, 4, 6, 7, 2),
  },
  { exercise: 'additiveAttention', name: 'no batch: q [4,3], k [6,3], v [6,5], h = 5', visibility: 'public', seed: 312, inputs: (r) => additiveInputs(r, [], 4, 6, 3, 3, 5, 5) },
  {
    exercise: 'additiveAttention',
    name: 'hidden: batched, unequal lengths and widths',
    visibility: 'hidden',
    seed: 313,
    inputs: (r) => additiveInputs(r, [3], 2, 4, 5, 2, 3, 3),
  },
];
