// Lesson 07's encoding, scoring against the ground truth, and triage by the attended word, on
// messages and predictions small enough to check by hand.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { AspectMention, FeedbackMessage } from '../src/datasets/feedback';
import { batchInputs, encodeFeedback, feedbackVocabulary } from '../src/feedback-triage/data';
import { scoreFeedback } from '../src/feedback-triage/evaluate';
import { triage, valenceAt } from '../src/feedback-triage/triage';

const mention = (m: Partial<AspectMention> & Pick<AspectMention, 'sentiment' | 'construction' | 'word' | 'decidingPosition' | 'valence'>): AspectMention => ({
  negatorPosition: -1,
  ...m,
});

// delivery (0) plain negative, staff (3) negated positive; price and quality not mentioned
const message: FeedbackMessage = {
  tokens: ['the', 'parcel', 'was', 'damaged', 'and', 'the', 'agent', 'was', 'not', 'rude'],
  aspects: [
    mention({ sentiment: 'negative', construction: 'plain', word: 'damaged', decidingPosition: 3, valence: -3 }),
    null,
    null,
    mention({ sentiment: 'positive', construction: 'negated', word: 'rude', decidingPosition: 9, negatorPosition: 8, valence: 1 }),
  ],
};

describe('encodeFeedback and batchInputs', () => {
  const vocabulary = feedbackVocabulary();
  const set = encodeFeedback([message, { tokens: ['the', 'fee', 'was', 'fair'], aspects: [null, null, null, null] }], vocabulary, 12);

  it('encodes ids, keep-masks, lengths and one class per aspect', () => {
    expect(set.ids[1].map((id) => vocabulary.tokens[id])).toEqual(['the', 'fee', 'was', 'fair', ...new Array(8).fill('<pad>')]);
    expect(set.mask[1]).toEqual([1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(set.lengths).toEqual([10, 4]);
    expect(set.labels).toEqual([
      [1, 0, 0, 2],
      [0, 0, 0, 0],
    ]);
  });

  it('cuts a batch to its longest message', () => {
    const { ids, mask } = batchInputs(set, [1]);
    expect(ids.shape).toEqual([1, 4]);
    expect(ids.dtype).toBe('int32');
    expect(mask.arraySync()).toEqual([[1, 1, 1, 1]]);
    tf.dispose([ids, mask]);
    const both = batchInputs(set, [0, 1]);
    expect(both.ids.shape).toEqual([2, 10]);
    tf.dispose([both.ids, both.mask]);
  });

  it('refuses a message longer than the model takes', () => {
    expect(() => encodeFeedback([message], vocabulary, 9)).toThrow(/message 0 has 10 tokens, more than the 9/);
  });
});

describe('scoreFeedback', () => {
  it('counts classes over all pairs and over mentioned aspects, and attention on the deciding word or its negator', () => {
    // delivery right and attended on "damaged"; staff wrong but attended on the negator "not";
    // price right (not mentioned), quality wrong (called negative)
    const scores = scoreFeedback([message], [{ classes: [1, 0, 1, 1], attended: [3, 0, 0, 8] }]);
    expect(scores.accuracy).toBe(2 / 4);
    expect(scores.mentionedAccuracy).toBe(1 / 2);
    expect(scores.decidingShare).toBe(1);
    expect(scores.byConstruction.plain).toEqual({ total: 1, accuracy: 1, deciding: 1 });
    expect(scores.byConstruction.negated).toEqual({ total: 1, accuracy: 0, deciding: 1 });
    expect(scores.byConstruction.contrasted.total).toBe(0);
    const elsewhere = scoreFeedback([message], [{ classes: [1, 0, 0, 2], attended: [1, 0, 0, 6] }]);
    expect(elsewhere.decidingShare).toBe(0);
  });
});

describe('triage', () => {
  it("reads an opinion word's valence with the negator or intensifier before it", () => {
    expect(valenceAt(['the', 'agent', 'was', 'very', 'rude'], 4)).toBe(-3);
    expect(valenceAt(['was', 'not', 'rude'], 2)).toBe(1);
    expect(valenceAt(['was', 'not', 'perfect'], 1)).toBe(-1.5);
    expect(valenceAt(['was', 'superb'], 1)).toBe(5);
    expect(valenceAt(['the', 'agent'], 1)).toBeNull();
    expect(valenceAt(['was', 'not'], 1)).toBeNull();
  });

  it('flags a message when a negative aspect is attended on a word reading -3 or below', () => {
    const urgent = triage(message, { classes: [1, 0, 0, 2], attended: [3, 0, 0, 9] });
    expect(urgent).toEqual({ urgent: true, negatives: [{ aspect: 'delivery', word: 'damaged', valence: -3 }] });
    // the same verdict read from the wrong word (the noun) carries no valence, so no flag
    expect(triage(message, { classes: [1, 0, 0, 2], attended: [1, 0, 0, 9] }).urgent).toBe(false);
    // "not rude" called negative reads +1: a negative verdict, but not urgent
    const mild = triage(message, { classes: [2, 0, 0, 1], attended: [3, 0, 0, 8] });
    expect(mild).toEqual({ urgent: false, negatives: [{ aspect: 'staff', word: 'not', valence: 1 }] });
  });
});
