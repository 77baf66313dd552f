// `npm run train -- 09-date-translation`: the baseline without attention, trained on the notebook's
// data with the notebook's settings, and saved where the notebook loads it.
import * as tf from '@tensorflow/tfjs';
import { exactMatch, translateAll } from './evaluate';
import { lessonData } from './lesson-data';
import { newTranslator } from './new-translator';
import { type BaselineEpoch, saveBaseline, savedBaselineFile } from './saved-baseline';
import { DATE_TRAINING } from './settings';
import { trainTranslator } from './train';

/** Trains the baseline from its seed, saves it to `file`, and returns the file written. */
export async function trainSavedBaseline(log: (line: string) => void, file = savedBaselineFile()): Promise<string> {
  const data = lessonData();
  log(`data: ${data.train.length} training examples, ${data.validation.length} validation, ${data.test.length} test`);
  const model = newTranslator({ attention: false });
  try {
    const exact: number[] = [];
    const started = performance.now();
    const history = await trainTranslator(model, data.train, {
      ...DATE_TRAINING,
      log,
      afterEpoch: () => {
        exact.push(exactMatch(translateAll(model, data.validation)));
        return `validation exact match ${exact[exact.length - 1].toFixed(3)}`;
      },
    });
    const seconds = (performance.now() - started) / 1000;
    log(`test exact match without attention: ${exactMatch(translateAll(model, data.test)).toFixed(3)}`);
    const records: BaselineEpoch[] = history.map((h, i) => ({ ...h, validationExact: exact[i] }));
    saveBaseline(model, records, tf.getBackend(), seconds, file);
    return file;
  } finally {
    model.dispose();
  }
}
