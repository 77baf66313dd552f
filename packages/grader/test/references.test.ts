import * as fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mistakes } from '../src/authoring/mistakes/catalog';
import { generateReferences, serializeReferences } from '../src/authoring/regenerate';
import { exercises } from '../src/exercises/catalog';
import { defaultReferenceDir, loadReferences, referenceFile } from '../src/references';

// The reference outputs come from the notebooks' solution cells; test/reference-crosscheck.test.ts
// checks them (and those solutions) against @attnlab/core and the PyTorch fixtures.

describe('reference outputs', () => {
  let generated: Awaited<ReturnType<typeof generateReferences>>;
  beforeAll(async () => {
    generated = await generateReferences();
  });

  it("are up to date with the notebooks' solution cells and the known mistakes (run `npm run references` if not)", () => {
    for (const visibility of ['public', 'hidden'] as const) {
      const committed = fs.readFileSync(referenceFile(defaultReferenceDir, visibility), 'utf8');
      expect(serializeReferences(generated[visibility]) === committed, `${visibility}.json is stale: run \`npm run references\``).toBe(true);
    }
  });

  it('give every exercise public and hidden cases', () => {
    const refs = loadReferences();
    expect(refs.hasHidden).toBe(true);
    for (const e of exercises) {
      const cases = refs.cases.filter((c) => c.exercise === e.id);
      expect(
        cases.some((c) => c.visibility === 'public'),
        e.id,
      ).toBe(true);
      expect(
        cases.some((c) => c.visibility === 'hidden'),
        e.id,
      ).toBe(true);
    }
  });

  it('record every known mistake on at least one public or hidden case where it differs from the answer', () => {
    const refs = loadReferences();
    for (const m of mistakes)
      expect(
        refs.cases.some((c) => c.exercise === m.exercise && m.id in c.mistakes),
        m.id,
      ).toBe(true);
  });

  it('name hidden cases by what they test, never by their inputs (no numbers, shapes or values)', () => {
    const spelled = loadReferences()
      .cases.filter((c) => c.visibility === 'hidden')
      .map((c) => `${c.exercise}: ${c.name}`)
      .filter((name) => !/^[^:]+: hidden\b[^\d[\]=]*$/.test(name));
    expect(spelled).toEqual([]);
  });

  it('never ship hidden cases in public.json', () => {
    const pub = loadReferences(defaultReferenceDir, { hidden: false });
    expect(pub.hasHidden).toBe(false);
    expect(pub.cases.every((c) => c.visibility === 'public')).toBe(true);
  });
});
