// How the feedback model does against the generator's ground truth: per-aspect accuracy, accuracy
// per construction, and how often an aspect's attention peaks on the word that decides it.
import * as tf from '@tensorflow/tfjs';
import { CONSTRUCTIONS, type Construction, type FeedbackMessage, sentimentClasses } from '../datasets/feedback';
import type { AspectSentimentModel } from '../models/aspect-sentiment';
import { batchInputs, type EncodedFeedback } from './data';

/** The model's reading of one message. */
export interface FeedbackPrediction {
  /** predicted class (index into SENTIMENTS) per aspect */
  classes: number[];
  /** per aspect, the position with the highest aspect-attention weight */
  attended: number[];
}

export interface ConstructionScore {
  /** mentioned aspects built with this construction */
  total: number;
  /** share of them classified right */
  accuracy: number;
  /** share of them whose attention peaks on the deciding word or its negator */
  deciding: number;
}

export interface FeedbackScores {
  /** share of all (message, aspect) pairs classified right, "not mentioned" included */
  accuracy: number;
  /** the same over the aspects a message mentions */
  mentionedAccuracy: number;
  /** share of mentioned aspects whose highest attention weight is on the deciding word or its negator */
  decidingShare: number;
  byConstruction: Record<Construction, ConstructionScore>;
}

/** Runs the model over every message of `set`, `batchSize` at a time. */
export function predictFeedback(model: AspectSentimentModel, set: EncodedFeedback, batchSize = 250): FeedbackPrediction[] {
  const predictions: FeedbackPrediction[] = [];
  for (let start = 0; start < set.ids.length; start += batchSize) {
    const rows = Array.from({ length: Math.min(batchSize, set.ids.length - start) }, (_, i) => start + i);
    const [classes, attended] = tf.tidy(() => {
      const { ids, mask } = batchInputs(set, rows);
      const out = model.call(ids, mask);
      return [out.logits.argMax(-1).arraySync() as number[][], out.aspectWeights.argMax(-1).arraySync() as number[][]];
    });
    classes.forEach((c, i) => predictions.push({ classes: c, attended: attended[i] }));
  }
  return predictions;
}

/** Whether the attention of a mentioned aspect peaks on its deciding word or on the negator in front of it. */
export function peaksOnDecidingWord(message: FeedbackMessage, prediction: FeedbackPrediction, aspect: number): boolean {
  const truth = message.aspects[aspect];
  if (!truth) return false;
  const at = prediction.attended[aspect];
  return at === truth.decidingPosition || at === truth.negatorPosition;
}

export function scoreFeedback(messages: readonly FeedbackMessage[], predictions: readonly FeedbackPrediction[]): FeedbackScores {
  if (messages.length !== predictions.length) throw new Error(`scoreFeedback: ${predictions.length} predictions for ${messages.length} messages`);
  const counts = Object.fromEntries(CONSTRUCTIONS.map((c) => [c, { total: 0, correct: 0, deciding: 0 }])) as Record<
    Construction,
    { total: number; correct: number; deciding: number }
  >;
  let [pairs, correct, mentioned, mentionedCorrect, deciding] = [0, 0, 0, 0, 0];
  messages.forEach((m, i) => {
    sentimentClasses(m).forEach((label, a) => {
      const right = predictions[i].classes[a] === label;
      pairs++;
      if (right) correct++;
      const truth = m.aspects[a];
      if (!truth) return;
      const peaks = peaksOnDecidingWord(m, predictions[i], a);
      mentioned++;
      if (right) mentionedCorrect++;
      if (peaks) deciding++;
      const c = counts[truth.construction];
      c.total++;
      if (right) c.correct++;
      if (peaks) c.deciding++;
    });
  });
  const share = (n: number, of: number) => (of ? n / of : 0);
  return {
    accuracy: share(correct, pairs),
    mentionedAccuracy: share(mentionedCorrect, mentioned),
    decidingShare: share(deciding, mentioned),
    byConstruction: Object.fromEntries(
      CONSTRUCTIONS.map((c) => [c, { total: counts[c].total, accuracy: share(counts[c].correct, counts[c].total), deciding: share(counts[c].deciding, counts[c].total) }]),
    ) as Record<Construction, ConstructionScore>,
  };
}
