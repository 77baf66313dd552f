import type { JsonTensor } from '../../tensor-data';

/** A keep-mask [B, 1, Lk] from valid lengths (1 = keep). */
export function paddingKeepMask(validLens: number[], lk: number): JsonTensor {
  return { shape: [validLens.length, 1, lk], data: validLens.flatMap((len) => Array.from({ length: lk }, (_, j) => (j < len ? 1 : 0))) };
}

/** A lower-triangular keep-mask [L, L]. */
export function causalKeepMask(l: number): JsonTensor {
  return { shape: [l, l], data: Array.from({ length: l * l }, (_, i) => (i % l <= Math.floor(i / l) ? 1 : 0)) };
}
