// `@attnlab/lessons/feedback-triage`: the finished pieces lesson 07 imports (a kernel entry point:
// it loads TF.js and core, not the site builder or the grader's compiler).
export {
  type AspectMention,
  CONSTRUCTIONS,
  type Construction,
  type FeedbackMessage,
  type FeedbackOptions,
  feedbackTokens,
  generateFeedback,
  intensified,
  isUrgent,
  negated,
  SENTIMENTS,
  sentimentClasses,
  URGENT_VALENCE,
} from '../datasets/feedback';
export { ASPECT_NOUNS, ASPECTS, type Aspect, CONTRAST_WORDS, FILLER_WORDS, INTENSIFIERS, NEGATORS, OPINIONS, type OpinionWord } from '../datasets/feedback-lexicon';
export { binaryMetrics, type BinaryMetrics } from '../metrics/binary-classification';
export { AspectSentimentModel, attendAspects, type AspectSentimentConfig, type AspectSentimentOutput, type SelfAttentionKind } from '../models/aspect-sentiment';
export { batchInputs, encodeFeedback, feedbackVocabulary, type EncodedFeedback } from './data';
export { type ConstructionScore, type FeedbackPrediction, type FeedbackScores, peaksOnDecidingWord, predictFeedback, scoreFeedback } from './evaluate';
export { FEEDBACK_DATA, FEEDBACK_MODEL, FEEDBACK_TRAINING } from './settings';
export { trainAspectModel, type FeedbackEpoch, type FeedbackTrainOptions } from './train';
export { triage, type TriageDecision, valenceAt } from './triage';
