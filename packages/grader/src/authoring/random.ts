import { type JsonTensor, shapeSize } from '../tensor-data';

/** Seeded generator (mulberry32) so every case's inputs are reproducible from its seed. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  private uniform(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Standard normal by Box–Muller. */
  private normal(): number {
    const u = 1 - this.uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.uniform());
  }

  /** A float32 tensor of N(0, scale²) values. */
  tensor(shape: number[], scale = 1): JsonTensor {
    return { shape, data: Array.from({ length: shapeSize(shape) }, () => Math.fround(this.normal() * scale)) };
  }
}
