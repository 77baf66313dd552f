// The lesson's translator, with the alphabets of characters.ts and the sizes of settings.ts.
import { DateTranslator } from '../models/date-translator';
import { INPUT_VOCAB, OUTPUT_CHARS, OUTPUT_LENGTH } from './characters';
import { DATE_MODEL } from './settings';

/** A fresh translator with seeded weights; `attention: false` gives the fixed-summary baseline. */
export function newTranslator(opts: { attention: boolean; seed?: number } = { attention: true }): DateTranslator {
  return new DateTranslator({
    inputVocab: INPUT_VOCAB,
    outputVocab: OUTPUT_CHARS.length,
    outputLength: OUTPUT_LENGTH,
    ...DATE_MODEL,
    seed: opts.seed ?? DATE_MODEL.seed,
    attention: opts.attention,
  });
}
