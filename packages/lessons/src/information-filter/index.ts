// `@attnlab/lessons/information-filter`: the finished pieces lesson 06 imports (a kernel entry
// point: it loads TF.js and core, not the site builder or the grader's compiler).
export { loadSpamAssassin, SPAM_ASSASSIN_GROUPS, type Email, type SpamAssassinGroup } from '../datasets/spam-assassin';
export { stratifiedSplit, type Split } from '../datasets/stratified-split';
export { binaryMetrics, type BinaryMetrics } from '../metrics/binary-classification';
export { AttentionFilter, poolWithQuery, type AttentionFilterConfig, type AttentionFilterOutput } from '../models/attention-filter';
export { NaiveBayes } from '../models/naive-bayes';
export { SeededRandom } from '../seeded-random';
export { shadedTokensHtml } from '../shaded-tokens';
export { parseEmail, type EmailHeader, type ParsedEmail } from '../text/email';
export { htmlToText } from '../text/html-to-text';
export { PLACEHOLDERS, tokenize } from '../text/tokenize';
export { Vocabulary } from '../text/vocabulary';
export { encodeEmails, prepareFilterData, readableText, type EncodedEmails, type FilterData, type TokenizedEmail } from './data';
export { eraseTop, gradientImportance, randomRanking, rankPositions } from './erasure';
export { FILTER_LESSON, loadSavedFilter, newFilter, savedFilterFile, type SavedFilter } from './saved-filter';
export { FILTER_DATA, FILTER_MODEL, FILTER_TRAINING } from './settings';
export { batchInputs, mapBatches, spamProbabilities, trainFilter, type EpochRecord, type TrainOptions } from './train';
