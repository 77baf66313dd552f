import type { CaseInput } from '../../exercises/spec';
import type { JsonNumber, JsonTensor } from '../../tensor-data';
import type { Random } from '../random';
import type { CaseDef } from './case-def';

const f32 = (rows: number[][]): JsonNumber[] => rows.flat().map((x) => Math.fround(x));
const tensor = (rows: number[][]): JsonTensor => ({ shape: [rows.length, rows[0].length], data: f32(rows) });

/** Rows of a random [n, c] matrix with N(offset, spread²) entries. */
function matrix(r: Random, n: number, c: number, spread = 1, offset = 0): number[][] {
  const data = r.tensor([n, c], spread).data as number[];
  return Array.from({ length: n }, (_, i) => data.slice(i * c, (i + 1) * c).map((x) => x + offset));
}

/** The state after one earlier block of scores s0 [Lq, B0] and values v0 [B0, dv], summed in float64 relative to each row's maximum. */
function foldedState(s0: number[][], v0: number[][]): Record<string, JsonTensor> {
  const m = s0.map((row) => Math.max(...row));
  const p = s0.map((row, i) => row.map((s) => Math.exp(s - m[i])));
  const l = p.map((row) => row.reduce((a, b) => a + b, 0));
  const acc = p.map((row) => v0[0].map((_, j) => row.reduce((a, pk, k) => a + pk * v0[k][j], 0)));
  return { m: tensor(m.map((x) => [x])), l: tensor(l.map((x) => [x])), acc: tensor(acc) };
}

interface Shape {
  lq: number;
  /** keys already folded into the state */
  before: number;
  /** keys in the new block */
  bk: number;
  dv: number;
  /** spread of the scores within a row */
  spread?: number;
  /** added to every score: logits in the hundreds when large */
  offset?: number;
  /** by how much each row's maximum changes with the new block: > 0 it rises, < 0 the old maximum stays */
  jumps: number[];
}

/**
 * A state that already holds `before` keys, and a new block whose row maxima sit at the old
 * maximum plus each row's jump: rows with a positive jump make the running maximum change.
 */
function laterBlock(r: Random, s: Shape): Record<string, CaseInput> {
  const spread = s.spread ?? 1;
  const s0 = matrix(r, s.lq, s.before, spread, s.offset ?? 0);
  const state = foldedState(s0, matrix(r, s.before, s.dv));
  const noise = matrix(r, s.lq, s.bk, spread);
  const scores = noise.map((row, i) => {
    const top = Math.max(...row);
    return row.map((x) => x - top + Math.max(...s0[i]) + s.jumps[i]);
  });
  return { state, scores: tensor(scores), values: tensor(matrix(r, s.bk, s.dv)) };
}

/** The first block: the empty state m = −∞, l = 0, acc = 0. */
function firstBlock(r: Random, lq: number, bk: number, dv: number, spread = 1, offset = 0): Record<string, CaseInput> {
  const column = (value: JsonNumber, width: number): JsonTensor => ({ shape: [lq, width], data: new Array<JsonNumber>(lq * width).fill(value) });
  return {
    state: { m: column('-Infinity', 1), l: column(0, 1), acc: column(0, dv) },
    scores: tensor(matrix(r, lq, bk, spread, offset)),
    values: tensor(matrix(r, bk, dv)),
  };
}

// Two cases of ten are first blocks (which every mistake about rescaling passes: there is nothing
// to rescale); every other case has rows whose maximum rises and rows whose maximum stays.
export const onlineSoftmaxCases: CaseDef[] = [
  {
    exercise: 'onlineSoftmaxUpdate',
    name: 'first block (m = −Infinity, l = 0, acc = 0): scores [3,4], values [4,2]',
    visibility: 'public',
    seed: 1101,
    inputs: (r) => firstBlock(r, 3, 4, 2),
  },
  {
    exercise: 'onlineSoftmaxUpdate',
    name: 'second block: the maximum rises in rows 0 and 2 and stays in rows 1 and 3; scores [4,3], values [3,5]',
    visibility: 'public',
    seed: 1102,
    inputs: (r) => laterBlock(r, { lq: 4, before: 3, bk: 3, dv: 5, jumps: [1.5, -1, 0.7, -2] }),
  },
  {
    exercise: 'onlineSoftmaxUpdate',
    name: 'logits in the hundreds, the maximum rises in rows 1 and 2: scores [3,5], values [5,3]',
    visibility: 'public',
    seed: 1103,
    inputs: (r) => laterBlock(r, { lq: 3, before: 4, bk: 5, dv: 3, spread: 2, offset: 300, jumps: [-1.5, 2, 3] }),
  },
  {
    exercise: 'onlineSoftmaxUpdate',
    name: 'a block of one key, rising in row 0 only: scores [2,1], values [1,4]',
    visibility: 'public',
    seed: 1104,
    inputs: (r) => laterBlock(r, { lq: 2, before: 5, bk: 1, dv: 4, jumps: [2.5, -0.5] }),
  },
  {
    exercise: 'onlineSoftmaxUpdate',
    name: 'logits near −200, the maximum rises in every row but the last: scores [5,2], values [2,4]',
    visibility: 'public',
    seed: 1105,
    inputs: (r) => laterBlock(r, { lq: 5, before: 2, bk: 2, dv: 4, offset: -200, jumps: [0.5, 1, 4, 2, -1] }),
  },
  {
    exercise: 'onlineSoftmaxUpdate',
    name: 'the maximum jumps by 10 in row 0, so the old sums almost vanish there: scores [3,4], values [4,3]',
    visibility: 'public',
    seed: 1106,
    inputs: (r) => laterBlock(r, { lq: 3, before: 6, bk: 4, dv: 3, jumps: [10, -1, 1] }),
  },
  {
    exercise: 'onlineSoftmaxUpdate',
    name: 'hidden: first block, logits in the hundreds',
    visibility: 'hidden',
    seed: 1107,
    inputs: (r) => firstBlock(r, 4, 6, 3, 3, 250),
  },
  {
    exercise: 'onlineSoftmaxUpdate',
    name: 'hidden: logits in the hundreds, the maximum rises in some rows',
    visibility: 'hidden',
    seed: 1108,
    inputs: (r) => laterBlock(r, { lq: 4, before: 5, bk: 3, dv: 2, spread: 3, offset: 400, jumps: [3, -2, -4, 1] }),
  },
  {
    exercise: 'onlineSoftmaxUpdate',
    name: 'hidden: a wide block, the maximum rises in some rows',
    visibility: 'hidden',
    seed: 1109,
    inputs: (r) => laterBlock(r, { lq: 3, before: 2, bk: 9, dv: 6, spread: 2, jumps: [-3, 2, 5] }),
  },
  {
    exercise: 'onlineSoftmaxUpdate',
    name: 'hidden: one key per block, the maximum rises in some rows',
    visibility: 'hidden',
    seed: 1110,
    inputs: (r) => laterBlock(r, { lq: 5, before: 1, bk: 1, dv: 3, jumps: [1, -1, 2, -3, 0.5] }),
  },
];
