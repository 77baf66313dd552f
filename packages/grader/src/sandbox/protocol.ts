import type { CaseInput } from '../exercises/spec';
import type { CaseRun } from '../invoke';

/** Parent -> child: run one exercise's compiled cell on these inputs (never the expected outputs). */
export interface RunRequest {
  type: 'run';
  token: number;
  exercise: string;
  js: string;
  cases: { name: string; inputs: Record<string, CaseInput> }[];
}

/** Child -> parent. */
export type ChildMessage = { type: 'ready' } | { type: 'done'; token: number; runs: CaseRun[] } | { type: 'load-error'; token: number; error: string };
