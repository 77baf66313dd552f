// The lesson 06 filter trained in full by `npm run train -- 06-information-filter`, kept in the
// repository as packages/lessons/weights/06-information-filter.json: the weights (float32, base64),
// the training history, and what they were trained with, so a stale file is refused, not misused.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AttentionFilter, type WeightValues } from '../models/attention-filter';
import type { Vocabulary } from '../text/vocabulary';
import { FILTER_DATA, FILTER_MODEL, FILTER_TRAINING } from './settings';
import type { EpochRecord } from './train';

export const FILTER_LESSON = '06-information-filter';

interface SavedFilterFile {
  lesson: string;
  /** settings the weights were trained with; they must equal the current ones */
  settings: { data: typeof FILTER_DATA; model: typeof FILTER_MODEL; training: typeof FILTER_TRAINING };
  /** sha256 of the vocabulary's tokens: the embedding rows are only meaningful for that vocabulary */
  vocabulary: string;
  /** the TF.js backend that trained them (results are reproducible on the same backend) */
  backend: string;
  history: EpochRecord[];
  weights: Record<string, { shape: number[]; float32: string }>;
}

export interface SavedFilter {
  model: AttentionFilter;
  history: EpochRecord[];
  backend: string;
}

/** packages/lessons/weights/<lesson>.json, beside this package's src and dist. */
export function savedFilterFile(): string {
  return path.resolve(__dirname, '..', '..', 'weights', `${FILTER_LESSON}.json`);
}

function vocabularyHash(vocabulary: Vocabulary): string {
  return createHash('sha256').update(vocabulary.tokens.join('\n')).digest('hex');
}

const currentSettings = () => ({ data: FILTER_DATA, model: FILTER_MODEL, training: FILTER_TRAINING });

/** A model of the lesson's shape for `vocabulary`, with fresh seeded weights. */
export function newFilter(vocabulary: Vocabulary): AttentionFilter {
  return new AttentionFilter({ vocabSize: vocabulary.size, ...FILTER_MODEL });
}

/** Writes `model`, trained on `vocabulary`, with its history, to `file` (default: savedFilterFile()). */
export function saveFilter(model: AttentionFilter, vocabulary: Vocabulary, history: EpochRecord[], backend: string, file = savedFilterFile()): void {
  const weights = Object.fromEntries(
    Object.entries(model.readWeights()).map(([name, w]) => [
      name,
      { shape: w.shape, float32: Buffer.from(w.values.buffer, w.values.byteOffset, w.values.byteLength).toString('base64') },
    ]),
  );
  const saved: SavedFilterFile = { lesson: FILTER_LESSON, settings: currentSettings(), vocabulary: vocabularyHash(vocabulary), backend, history, weights };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(saved)}\n`);
}

/**
 * The saved model for `vocabulary`. Throws, saying to retrain, when the file is missing or was
 * trained with other settings or another vocabulary (the tokeniser or the split changed).
 */
export function loadSavedFilter(vocabulary: Vocabulary, file = savedFilterFile()): SavedFilter {
  const retrain = `run \`npm run train -- ${FILTER_LESSON}\` to train it again`;
  if (!fs.existsSync(file)) throw new Error(`loadSavedFilter: ${file} does not exist; ${retrain}`);
  const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as SavedFilterFile;
  if (JSON.stringify(saved.settings) !== JSON.stringify(currentSettings())) {
    throw new Error(`loadSavedFilter: ${file} was trained with other settings (${JSON.stringify(saved.settings)}); ${retrain}`);
  }
  if (saved.vocabulary !== vocabularyHash(vocabulary))
    throw new Error(`loadSavedFilter: ${file} was trained on another vocabulary (the tokeniser or the split changed); ${retrain}`);
  const weights: Record<string, WeightValues> = Object.fromEntries(
    Object.entries(saved.weights).map(([name, w]) => {
      const bytes = Buffer.from(w.float32, 'base64');
      return [name, { shape: w.shape, values: new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) }];
    }),
  );
  const model = newFilter(vocabulary);
  try {
    model.writeWeights(weights);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return { model, history: saved.history, backend: saved.backend };
}
