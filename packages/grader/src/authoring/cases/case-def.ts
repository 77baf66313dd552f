import type { CaseInput, Tolerance } from '../../exercises/spec';
import type { Random } from '../random';

/** One graded case before its expected outputs are computed. */
export interface CaseDef {
  exercise: string;
  name: string;
  visibility: 'public' | 'hidden';
  seed: number;
  inputs: (rng: Random) => Record<string, CaseInput>;
  tolerance?: Tolerance;
}
