// The SpamAssassin corpus as the lessons read it, the seeded stratified split, and the seeded generator.
import { describe, expect, it } from 'vitest';
import { loadSpamAssassin } from '../src/datasets/spam-assassin';
import { stratifiedSplit } from '../src/datasets/stratified-split';
import { SeededRandom } from '../src/seeded-random';

describe('loadSpamAssassin', () => {
  const emails = loadSpamAssassin();

  it('reads the 6,046 emails of the package offline, in its five groups, spam labelled by group', () => {
    const sizes: Record<string, number> = {};
    for (const e of emails) sizes[e.group] = (sizes[e.group] ?? 0) + 1;
    // the group sizes the package's README documents
    expect(sizes).toEqual({ 'easy-ham-1': 2500, 'easy-ham-2': 1400, 'hard-ham-1': 250, 'spam-1': 500, 'spam-2': 1396 });
    expect(emails.every((e) => e.spam === e.group.startsWith('spam'))).toBe(true);
    expect(new Set(emails.map((e) => e.id)).size).toBe(emails.length);
  });

  it('parses every email into header fields, a decoded subject and body text', () => {
    expect(emails.every((e) => e.headers.length > 0 && e.headers.every((h) => h.name === h.name.toLowerCase()))).toBe(true);
    expect(emails.filter((e) => e.subject !== '').length).toBeGreaterThan(6000);
    // encoded words are decoded: almost no subject keeps the =?charset?…?= syntax
    expect(emails.filter((e) => /=\?[^?]+\?[bq]\?/i.test(e.subject)).length).toBeLessThan(10);
    // HTML bodies are read as text: tags are rare in what is left
    const html = emails.filter((e) => /^content-type:\s*text\/html/im.test(e.headers.map((h) => `${h.name}: ${h.value}`).join('\n')));
    expect(html.length).toBeGreaterThan(500);
    expect(html.filter((e) => /<\/?(p|div|font|table|td)\b/i.test(e.body)).length).toBeLessThan(html.length / 20);
  });
});

describe('stratifiedSplit', () => {
  const items = Array.from({ length: 200 }, (_, i) => ({ i, kind: i < 150 ? 'common' : i < 190 ? 'rare' : 'tiny' }));
  const split = stratifiedSplit(items, (x) => x.kind, { validation: 0.2, test: 0.1 }, 42);

  it('puts every item in exactly one part', () => {
    const all = [...split.train, ...split.validation, ...split.test].map((x) => x.i).sort((a, b) => a - b);
    expect(all).toEqual(items.map((x) => x.i));
  });

  it('gives each part its share of every stratum, rounded per stratum', () => {
    const count = (part: typeof items, kind: string) => part.filter((x) => x.kind === kind).length;
    expect([count(split.test, 'common'), count(split.validation, 'common'), count(split.train, 'common')]).toEqual([15, 30, 105]);
    expect([count(split.test, 'rare'), count(split.validation, 'rare'), count(split.train, 'rare')]).toEqual([4, 8, 28]);
    expect([count(split.test, 'tiny'), count(split.validation, 'tiny'), count(split.train, 'tiny')]).toEqual([1, 2, 7]);
  });

  it('is the same for the same seed and different for another', () => {
    const again = stratifiedSplit(items, (x) => x.kind, { validation: 0.2, test: 0.1 }, 42);
    const other = stratifiedSplit(items, (x) => x.kind, { validation: 0.2, test: 0.1 }, 43);
    expect(again.test.map((x) => x.i)).toEqual(split.test.map((x) => x.i));
    expect(other.test.map((x) => x.i)).not.toEqual(split.test.map((x) => x.i));
  });

  it('refuses fractions that leave nothing to train on', () => {
    expect(() => stratifiedSplit(items, (x) => x.kind, { validation: 0.5, test: 0.5 }, 1)).toThrow(/leave some training data/);
  });
});

describe('SeededRandom', () => {
  it('shuffles into a permutation, the same one for the same seed, without changing its input', () => {
    const input = Array.from({ length: 50 }, (_, i) => i);
    const a = new SeededRandom(7).shuffle(input);
    expect([...a].sort((x, y) => x - y)).toEqual(input);
    expect(a).not.toEqual(input);
    expect(new SeededRandom(7).shuffle(input)).toEqual(a);
    expect(input).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('draws integers below n, covering them all', () => {
    const r = new SeededRandom(3);
    const draws = Array.from({ length: 600 }, () => r.below(6));
    expect(draws.every((d) => Number.isInteger(d) && d >= 0 && d < 6)).toBe(true);
    expect(new Set(draws).size).toBe(6);
  });
});
