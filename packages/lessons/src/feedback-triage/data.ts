// Generated messages as model inputs: token ids against a closed vocabulary, keep-masks, and the
// class of every aspect; batches are cut to their longest message, so short batches cost less.
import * as tf from '@tensorflow/tfjs';
import { type FeedbackMessage, feedbackTokens, sentimentClasses } from '../datasets/feedback';
import { PAD, UNKNOWN, Vocabulary } from '../text/vocabulary';

export interface EncodedFeedback {
  /** [N][length] token ids, 0 after the message ends */
  ids: number[][];
  /** [N][length] 1 where a token is, 0 at padding */
  mask: number[][];
  /** [N] tokens per message */
  lengths: number[];
  /** [N][A] class index of every aspect (see SENTIMENTS) */
  labels: number[][];
}

/** Every token the generator can write, plus `<pad>` (id 0) and `<unk>` (id 1). */
export function feedbackVocabulary(): Vocabulary {
  return new Vocabulary([PAD, UNKNOWN, ...feedbackTokens()]);
}

export function encodeFeedback(messages: readonly FeedbackMessage[], vocabulary: Vocabulary, length: number): EncodedFeedback {
  const long = messages.findIndex((m) => m.tokens.length > length);
  if (long >= 0) throw new Error(`encodeFeedback: message ${long} has ${messages[long].tokens.length} tokens, more than the ${length} the model takes`);
  const encoded = messages.map((m) => vocabulary.encode(m.tokens, length));
  return { ids: encoded.map((e) => e.ids), mask: encoded.map((e) => e.mask), lengths: messages.map((m) => m.tokens.length), labels: messages.map(sentimentClasses) };
}

/** Rows `rows` of a set as ids [B, L] (int32) and mask [B, L], with L the longest of those messages. */
export function batchInputs(set: EncodedFeedback, rows: readonly number[]): { ids: tf.Tensor2D; mask: tf.Tensor2D } {
  const l = Math.max(1, ...rows.map((r) => set.lengths[r]));
  return {
    ids: tf.tensor2d(
      rows.map((r) => set.ids[r].slice(0, l)),
      [rows.length, l],
      'int32',
    ),
    mask: tf.tensor2d(
      rows.map((r) => set.mask[r].slice(0, l)),
      [rows.length, l],
    ),
  };
}
