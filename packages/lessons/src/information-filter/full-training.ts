// `npm run train -- 06-information-filter`: the lesson's filter trained for every epoch of
// FILTER_TRAINING and saved where the notebook loads it.
import * as tf from '@tensorflow/tfjs';
import { binaryMetrics } from '../metrics/binary-classification';
import { prepareFilterData } from './data';
import { newFilter, saveFilter, savedFilterFile } from './saved-filter';
import { FILTER_TRAINING } from './settings';
import { spamProbabilities, trainFilter } from './train';

/** Trains the filter from its seed, saves it, and returns the file written. */
export async function trainSavedFilter(log: (line: string) => void): Promise<string> {
  const data = prepareFilterData();
  log(`data: ${data.train.ids.length} training, ${data.validation.ids.length} validation, ${data.test.ids.length} test emails; vocabulary of ${data.vocabulary.size} tokens`);
  const model = newFilter(data.vocabulary);
  try {
    const history = await trainFilter(model, data.train, data.validation, { ...FILTER_TRAINING, log });
    const test = binaryMetrics(
      spamProbabilities(model, data.test).map((p) => p > 0.5),
      data.test.spam,
    );
    log(`kept the epoch with the best validation F1; test F1 ${test.f1.toFixed(3)}, accuracy ${test.accuracy.toFixed(3)}`);
    const file = savedFilterFile();
    saveFilter(model, data.vocabulary, history, tf.getBackend(), file);
    return file;
  } finally {
    model.dispose();
  }
}
