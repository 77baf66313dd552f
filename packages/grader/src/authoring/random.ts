import type { JsonTensor } from '../tensor-data';

/** Seeded generator (mulberry32) so every case's inputs are reproducible from its seed. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  uniform(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Standard normal by Box–Muller. */
  normal(): number {
    const u = 1 - this.uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.uniform());
  }

  /** A float32 tensor of N(0, scale²) values. */
  tensor(shape: number[], scale = 1): JsonTensor {
    const n = shape.reduce((a, b) => a * b, 1);
    return { shape, data: Array.from({ length: n }, () => Math.fround(this.normal() * scale)) };
  }
}

/** A keep-mask [B, 1, Lk] from valid lengths (1 = keep). */
export function paddingKeepMask(validLens: number[], lk: number): JsonTensor {
  return { shape: [validLens.length, 1, lk], data: validLens.flatMap((len) => Array.from({ length: lk }, (_, j) => (j < len ? 1 : 0))) };
}

/** A lower-triangular keep-mask [L, L]. */
export function causalKeepMask(l: number): JsonTensor {
  return { shape: [l, l], data: Array.from({ length: l * l }, (_, i) => (i % l <= Math.floor(i / l) ? 1 : 0)) };
}
