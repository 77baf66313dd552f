// The weights lesson 06 loads (packages/lessons/weights, written by `npm run train -- 06-information-filter`)
// fit the lesson's current data pipeline and reach the lesson's goal on its test set, on the backend notebooks use.
import * as core from '@attnlab/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareFilterData } from '../src/information-filter/data';
import { loadSavedFilter } from '../src/information-filter/saved-filter';
import { spamProbabilities } from '../src/information-filter/train';
import { binaryMetrics } from '../src/metrics/binary-classification';

beforeAll(async () => {
  await core.initBackend();
});

describe('the committed lesson 06 model', () => {
  it('loads for the vocabulary the pipeline builds today and scores test F1 ≥ 0.95 (spam positive)', () => {
    const data = prepareFilterData();
    const { model, history } = loadSavedFilter(data.vocabulary);
    const test = binaryMetrics(
      spamProbabilities(model, data.test).map((p) => p > 0.5),
      data.test.spam,
    );
    model.dispose();
    expect(history.length).toBeGreaterThan(0);
    expect(test.f1).toBeGreaterThanOrEqual(0.95);
  });
});
