// Customer messages about a service, generated with a seed, each knowing for every aspect its
// sentiment and the position of the word that decides it: a ground truth for attention weights,
// which real text never comes with. Built from the lexicon in ./feedback-lexicon.
import { SeededRandom } from '../seeded-random';
import { ASPECT_NOUNS, ASPECTS, type Aspect, CONTRAST_WORDS, FILLER_WORDS, INTENSIFIERS, NEGATORS, OPINIONS, type OpinionWord } from './feedback-lexicon';

/** How the clause about an aspect is built. */
export const CONSTRUCTIONS = ['plain', 'negated', 'intensified', 'contrasted'] as const;
export type Construction = (typeof CONSTRUCTIONS)[number];

/** Per-aspect classes, in the order of the model's outputs. */
export const SENTIMENTS = ['not mentioned', 'negative', 'positive'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

/** What a message says about one aspect it mentions. */
export interface AspectMention {
  sentiment: 'negative' | 'positive';
  construction: Construction;
  /** the opinion word that decides the sentiment */
  word: string;
  /** its position in the message's tokens */
  decidingPosition: number;
  /** position of the negator in front of it (negated clauses), else -1 */
  negatorPosition: number;
  /**
   * The valence the clause expresses: the word's AFINN-165 valence v; v + sign(v) after an
   * intensifier; -v / 2 after a negator (a negated strong word is a weak opposite, not a strong one).
   */
  valence: number;
}

export interface FeedbackMessage {
  tokens: string[];
  /** one entry per aspect, in the order of ASPECTS; null when the message does not mention it */
  aspects: (AspectMention | null)[];
}

export interface FeedbackOptions {
  /** probability of each construction for a mentioned aspect, in the order of CONSTRUCTIONS */
  constructionWeights?: readonly number[];
  /** the most aspects one message mentions (at least one, at most all four) */
  maxAspects?: number;
}

/** A message is urgent, for the support desk, when it expresses a valence of -3 or below about some aspect. */
export const URGENT_VALENCE = -3;

/** The valence of an opinion word after an intensifier: one step further from 0 ("very rude"). */
export const intensified = (valence: number): number => valence + Math.sign(valence);

/** The valence of an opinion word after a negator: the opposite sign, half as strong ("not perfect" is mildly negative). */
export const negated = (valence: number): number => -valence / 2;

const pick = <T>(rng: SeededRandom, items: readonly T[]): T => items[rng.below(items.length)];

function pickWeighted<T>(rng: SeededRandom, items: readonly T[], weights: readonly number[]): T {
  let u = rng.next() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; i++) {
    u -= weights[i];
    if (u < 0) return items[i];
  }
  return items[items.length - 1];
}

interface Clause {
  tokens: string[];
  /** offsets inside `tokens` */
  deciding: number;
  negator: number;
  mention: Omit<AspectMention, 'decidingPosition' | 'negatorPosition'>;
}

function clause(rng: SeededRandom, aspect: Aspect, construction: Construction): Clause {
  const noun = pick(rng, ASPECT_NOUNS[aspect]);
  const verb = pick(rng, ['was', 'is', 'seemed']);
  const opinions = OPINIONS[aspect];
  // The sentiment the clause ends up with is drawn first, then a word that gives it.
  const sentiment = rng.next() < 0.5 ? 'negative' : 'positive';
  const opposite = sentiment === 'negative' ? 'positive' : 'negative';
  const say = (o: OpinionWord, valence: number) => ({ sentiment, construction, word: o.word, valence }) as const;
  switch (construction) {
    case 'plain': {
      const o = pick(rng, opinions[sentiment]);
      return { tokens: ['the', noun, verb, o.word], deciding: 3, negator: -1, mention: say(o, o.valence) };
    }
    case 'intensified': {
      const o = pick(rng, opinions[sentiment]);
      return { tokens: ['the', noun, verb, pick(rng, INTENSIFIERS), o.word], deciding: 4, negator: -1, mention: say(o, intensified(o.valence)) };
    }
    case 'negated': {
      // "not rude" is positive: the word negated has the opposite sign of what the clause says
      const o = pick(rng, opinions[opposite]);
      return { tokens: ['the', noun, verb, pick(rng, NEGATORS), o.word], deciding: 4, negator: 3, mention: say(o, negated(o.valence)) };
    }
    case 'contrasted': {
      const decider = pick(rng, opinions[sentiment]);
      const conceded = pick(rng, opinions[opposite]).word;
      const [but, although] = CONTRAST_WORDS;
      // "A, but B": B decides; "A, although B": A decides
      return rng.next() < 0.5
        ? { tokens: ['the', noun, 'seemed', conceded, ',', but, 'it', 'was', decider.word], deciding: 8, negator: -1, mention: say(decider, decider.valence) }
        : { tokens: ['the', noun, 'was', decider.word, ',', although, 'it', 'seemed', conceded], deciding: 3, negator: -1, mention: say(decider, decider.valence) };
    }
  }
}

/** 0, 1 or 2 filler words (half the time none). */
function filler(rng: SeededRandom): string[] {
  if (rng.next() < 0.5) return [];
  return Array.from({ length: 1 + rng.below(2) }, () => pick(rng, FILLER_WORDS));
}

/**
 * `count` messages from `seed`. Each mentions 1 to `maxAspects` aspects in random order, one
 * clause per aspect built with a construction drawn by `constructionWeights`; clauses are joined
 * by "and", "," or "." and surrounded by filler.
 */
export function generateFeedback(count: number, seed: number, options: FeedbackOptions = {}): FeedbackMessage[] {
  const { constructionWeights = [0.4, 0.2, 0.2, 0.2], maxAspects = 3 } = options;
  if (constructionWeights.length !== CONSTRUCTIONS.length)
    throw new Error(`generateFeedback: constructionWeights needs ${CONSTRUCTIONS.length} numbers, got ${constructionWeights.length}`);
  if (!Number.isInteger(maxAspects) || maxAspects < 1 || maxAspects > ASPECTS.length)
    throw new Error(`generateFeedback: maxAspects must be 1 to ${ASPECTS.length}, got ${maxAspects}`);
  const rng = new SeededRandom(seed);
  const messages: FeedbackMessage[] = [];
  for (let m = 0; m < count; m++) {
    const mentioned = rng.shuffle(ASPECTS.map((_, i) => i)).slice(0, 1 + rng.below(maxAspects));
    const tokens: string[] = [...filler(rng)];
    const aspects: (AspectMention | null)[] = ASPECTS.map(() => null);
    mentioned.forEach((a, n) => {
      if (n > 0) tokens.push(...pick(rng, [['and'], [','], ['.']]), ...filler(rng));
      const c = clause(rng, ASPECTS[a], pickWeighted(rng, CONSTRUCTIONS, constructionWeights));
      aspects[a] = { ...c.mention, decidingPosition: tokens.length + c.deciding, negatorPosition: c.negator < 0 ? -1 : tokens.length + c.negator };
      tokens.push(...c.tokens);
    });
    tokens.push(...filler(rng));
    messages.push({ tokens, aspects });
  }
  return messages;
}

/** The class index (into SENTIMENTS) of every aspect of a message. */
export function sentimentClasses(message: FeedbackMessage): number[] {
  return message.aspects.map((a) => SENTIMENTS.indexOf(a ? a.sentiment : 'not mentioned'));
}

/** Whether a message expresses a valence of URGENT_VALENCE or below about some aspect. */
export function isUrgent(message: FeedbackMessage): boolean {
  return message.aspects.some((a) => a !== null && a.valence <= URGENT_VALENCE);
}

/** Every token a generated message can contain, sorted (a closed vocabulary). */
export function feedbackTokens(): string[] {
  const words = new Set<string>(['the', 'was', 'is', 'seemed', 'it', 'and', ',', '.', ...NEGATORS, ...INTENSIFIERS, ...CONTRAST_WORDS, ...FILLER_WORDS]);
  for (const a of ASPECTS) {
    ASPECT_NOUNS[a].forEach((w) => words.add(w));
    [...OPINIONS[a].positive, ...OPINIONS[a].negative].forEach((o) => words.add(o.word));
  }
  return [...words].sort();
}
