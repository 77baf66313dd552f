import { additiveCases } from './additive';
import type { CaseDef } from './case-def';
import { maskedCases } from './masked';
import { multiHeadCases } from './multi-head';
import { positionalEncodingCases, shiftMatrixCases } from './positional-encoding';
import { scaledDotProductCases } from './scaled-dot-product';

export const caseDefs: readonly CaseDef[] = [...scaledDotProductCases, ...additiveCases, ...maskedCases, ...multiHeadCases, ...positionalEncodingCases, ...shiftMatrixCases];
