// The lesson 09 baseline without attention, trained by `npm run train -- 09-date-translation` and
// kept in the repository as packages/lessons/weights/09-date-translation.json: the weights
// (float32, base64), the training history, and the settings they were trained with, so a stale
// file is refused, not misused. The notebook trains the attention model live and loads this one to
// compare, because training both would take the notebook past its time budget.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DateTranslator, WeightValues } from '../models/date-translator';
import { newTranslator } from './new-translator';
import { DATE_DATA, DATE_MODEL, DATE_TRAINING } from './settings';
import type { TrainingEpoch } from '../training-loop';

export const DATE_LESSON = '09-date-translation';

/** A training epoch with the validation exact match measured after it. */
export type BaselineEpoch = TrainingEpoch & { validationExact: number };

interface SavedBaselineFile {
  lesson: string;
  /** settings the weights were trained with; they must equal the current ones */
  settings: { data: typeof DATE_DATA; model: typeof DATE_MODEL; training: typeof DATE_TRAINING };
  /** the TF.js backend that trained them (results are reproducible on the same backend) */
  backend: string;
  seconds: number;
  history: BaselineEpoch[];
  weights: Record<string, { shape: number[]; float32: string }>;
}

export interface SavedBaseline {
  model: DateTranslator;
  history: BaselineEpoch[];
  backend: string;
  /** how long its training took */
  seconds: number;
}

/** packages/lessons/weights/09-date-translation.json, beside this package's src and dist. */
export function savedBaselineFile(): string {
  return path.resolve(__dirname, '..', '..', 'weights', `${DATE_LESSON}.json`);
}

const currentSettings = () => ({ data: DATE_DATA, model: DATE_MODEL, training: DATE_TRAINING });

export function saveBaseline(model: DateTranslator, history: BaselineEpoch[], backend: string, seconds: number, file = savedBaselineFile()): void {
  const weights = Object.fromEntries(
    Object.entries(model.readWeights()).map(([name, w]) => [
      name,
      { shape: w.shape, float32: Buffer.from(w.values.buffer, w.values.byteOffset, w.values.byteLength).toString('base64') },
    ]),
  );
  const saved: SavedBaselineFile = { lesson: DATE_LESSON, settings: currentSettings(), backend, seconds, history, weights };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(saved)}\n`);
}

/** The saved baseline. Throws, saying to retrain, when the file is missing or was trained with other settings. */
export function loadSavedBaseline(file = savedBaselineFile()): SavedBaseline {
  const retrain = `run \`npm run train -- ${DATE_LESSON}\` to train it again`;
  if (!fs.existsSync(file)) throw new Error(`loadSavedBaseline: ${file} does not exist; ${retrain}`);
  const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as SavedBaselineFile;
  if (JSON.stringify(saved.settings) !== JSON.stringify(currentSettings())) {
    throw new Error(`loadSavedBaseline: ${file} was trained with other settings (${JSON.stringify(saved.settings)}); ${retrain}`);
  }
  const weights: Record<string, WeightValues> = Object.fromEntries(
    Object.entries(saved.weights).map(([name, w]) => {
      const bytes = Buffer.from(w.float32, 'base64');
      return [name, { shape: w.shape, values: new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) }];
    }),
  );
  const model = newTranslator({ attention: false });
  try {
    model.writeWeights(weights);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return { model, history: saved.history, backend: saved.backend, seconds: saved.seconds };
}
