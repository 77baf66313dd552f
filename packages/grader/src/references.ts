import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CaseInput, Tolerance } from './exercises/spec';
import type { JsonTensor } from './tensor-data';

export type Visibility = 'public' | 'hidden';

/** One graded case: inputs, expected outputs, and what each known mistake outputs. */
export interface ReferenceCase {
  exercise: string;
  name: string;
  visibility: Visibility;
  inputs: Record<string, CaseInput>;
  expected: Record<string, JsonTensor>;
  tolerance: Tolerance;
  /** outputs of each known mistake, only where they differ from the expected ones */
  mistakes: Record<string, Record<string, JsonTensor>>;
}

export interface MistakeInfo {
  id: string;
  exercise: string;
  what: string;
  fix: string;
}

export interface ReferenceFile {
  version: 1;
  note: string;
  mistakes: MistakeInfo[];
  cases: ReferenceCase[];
}

export interface References {
  mistakes: MistakeInfo[];
  cases: ReferenceCase[];
  /** false in the student edition, which ships only the public cases */
  hasHidden: boolean;
}

/** Where `npm run references` writes and the grader reads: <package>/references. */
export const defaultReferenceDir = path.resolve(__dirname, '..', 'references');

export function referenceFile(dir: string, visibility: Visibility): string {
  return path.join(dir, `${visibility}.json`);
}

const REGENERATE = 'run `npm run references -w packages/grader` (instructors) or reinstall the student edition';

function readFile(file: string): ReferenceFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new Error(`reference outputs ${file} are missing: ${REGENERATE}`);
  }
  try {
    return JSON.parse(text) as ReferenceFile;
  } catch (error) {
    throw new Error(`reference outputs ${file} are not valid JSON (${(error as Error).message}): ${REGENERATE}`);
  }
}

/** Public cases always; hidden cases when `hidden.json` is present and wanted. */
export function loadReferences(dir = defaultReferenceDir, opts: { hidden?: boolean } = {}): References {
  const pub = readFile(referenceFile(dir, 'public'));
  const hiddenPath = referenceFile(dir, 'hidden');
  const wantHidden = opts.hidden ?? true;
  const hidden = wantHidden && fs.existsSync(hiddenPath) ? readFile(hiddenPath) : undefined;
  return {
    mistakes: pub.mistakes,
    cases: [...pub.cases, ...(hidden?.cases ?? [])],
    hasHidden: hidden !== undefined,
  };
}
