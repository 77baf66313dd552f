// Triage for a support desk: which messages need a person first. The model says which aspects are
// negative and, through its attention, which word says so; the desk reads that word's strength
// from the lexicon, with the word before it (a negator or an intensifier) applied.
import { type FeedbackMessage, intensified, negated, SENTIMENTS, URGENT_VALENCE } from '../datasets/feedback';
import { ASPECTS, INTENSIFIERS, NEGATORS, OPINIONS } from '../datasets/feedback-lexicon';
import type { FeedbackPrediction } from './evaluate';

const NEGATIVE = SENTIMENTS.indexOf('negative');

const VALENCE = new Map(ASPECTS.flatMap((a) => [...OPINIONS[a].positive, ...OPINIONS[a].negative].map((o) => [o.word, o.valence] as const)));
const isNegator = (t: string | undefined) => (NEGATORS as readonly string[]).includes(t ?? '');
const isIntensifier = (t: string | undefined) => (INTENSIFIERS as readonly string[]).includes(t ?? '');

/**
 * The valence a message expresses at `position`: an opinion word's AFINN-165 valence, negated or
 * intensified by the word before it; for a negator, the negated valence of the word after it.
 * Null when there is no opinion word there.
 */
export function valenceAt(tokens: readonly string[], position: number): number | null {
  const word = tokens[position];
  if (isNegator(word)) {
    const next = VALENCE.get(tokens[position + 1]);
    return next === undefined ? null : negated(next);
  }
  const v = VALENCE.get(word);
  if (v === undefined) return null;
  if (isNegator(tokens[position - 1])) return negated(v);
  return isIntensifier(tokens[position - 1]) ? intensified(v) : v;
}

export interface TriageDecision {
  urgent: boolean;
  /** the aspects the model calls negative, with the word their attention peaks on and its valence there (null: no opinion word) */
  negatives: { aspect: string; word: string; valence: number | null }[];
}

/** Urgent when some aspect is predicted negative and the word its attention peaks on reads URGENT_VALENCE or below. */
export function triage(message: FeedbackMessage, prediction: FeedbackPrediction): TriageDecision {
  const negatives = ASPECTS.flatMap((aspect, a) => {
    if (prediction.classes[a] !== NEGATIVE) return [];
    const at = prediction.attended[a];
    return [{ aspect, word: message.tokens[at] ?? '', valence: valenceAt(message.tokens, at) }];
  });
  return { urgent: negatives.some((n) => n.valence !== null && n.valence <= URGENT_VALENCE), negatives };
}
