// `@attnlab/lessons/learning-recommender`: the finished pieces lesson 08 imports (a kernel entry
// point: it loads TF.js and core, not the site builder or the grader's compiler).
export {
  generateLearners,
  historyOf,
  LEARNING_PATH_DEFAULTS,
  type Learner,
  type LearningPathOptions,
  LEVELS,
  nextOf,
  relevantPositions,
  type Resource,
  resourceCatalogue,
  type Topic,
  TOPICS,
  TRACKS,
} from '../datasets/learning-paths';
export { rankingMetrics, type RankingMetrics, rankOf } from '../metrics/ranking';
export { attendCandidates, type HistoryPooling, HistoryRecommender, type HistoryRecommenderConfig, type HistoryRecommenderOutput } from '../models/history-recommender';
export { type SelfAttentiveOutput, SelfAttentiveRecommender, type SelfAttentiveRecommenderConfig } from '../models/self-attentive-recommender';
export { heldOutExamples, historyBatch, leftPad, type NextResourceExample, prefixExamples, studiedMatrix } from './data';
export { attentionOnRelevant, evaluateScorer, nextRanks, popularityScorer, type Scorer } from './evaluate';
export { RECOMMENDER_DATA, RECOMMENDER_MODEL, RECOMMENDER_TRAINING } from './settings';
export { trainHistoryRecommender, trainSelfAttentive } from './train';
export type { TrainingEpoch, TrainingOptions } from '../training-loop';
