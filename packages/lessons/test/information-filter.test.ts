// Lesson 06's training loop, erasure experiment and saved model, on small made-up data.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as core from '@attnlab/core';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeEmails, type TokenizedEmail } from '../src/information-filter/data';
import { eraseTop, gradientImportance, randomRanking, rankPositions } from '../src/information-filter/erasure';
import { loadSavedFilter, newFilter, saveFilter } from '../src/information-filter/saved-filter';
import { FILTER_DATA, FILTER_MODEL } from '../src/information-filter/settings';
import { spamProbabilities, trainFilter } from '../src/information-filter/train';
import { binaryMetrics } from '../src/metrics/binary-classification';
import { AttentionFilter } from '../src/models/attention-filter';
import { SeededRandom } from '../src/seeded-random';
import { shadedTokensHtml } from '../src/shaded-tokens';
import { Vocabulary } from '../src/text/vocabulary';

beforeAll(async () => {
  await core.initBackend('wasm');
});

const vocabulary = new Vocabulary(['<pad>', '<unk>', 'buy', 'now', 'hello', 'meeting', 'the', 'a', 'notes', 'cheap']);

/** Emails of 3 to 8 filler words; spam ones contain "buy" or "cheap" at a random place. */
function madeUp(n: number, seed: number): TokenizedEmail[] {
  const r = new SeededRandom(seed);
  const filler = ['hello', 'meeting', 'the', 'a', 'notes', 'now'];
  return Array.from({ length: n }, (_, i) => {
    const spam = i % 2 === 0;
    const tokens = Array.from({ length: 3 + r.below(6) }, () => filler[r.below(filler.length)]);
    if (spam) tokens[r.below(tokens.length)] = r.below(2) ? 'buy' : 'cheap';
    return { id: `made-up/${i}`, group: spam ? 'spam-1' : 'easy-ham-1', spam, headers: [], subject: '', body: tokens.join(' '), tokens };
  });
}

const small = { vocabSize: vocabulary.size, dim: 8, numHeads: 2, seed: 3, initScale: 1 };

describe('trainFilter', () => {
  const train = encodeEmails(madeUp(96, 1), vocabulary, 8);
  const validation = encodeEmails(madeUp(32, 2), vocabulary, 8);
  const options = { epochs: 3, batchSize: 8, learningRate: 0.03, seed: 5 };

  it('learns a separable task, logging one line per epoch, and ends with the weights of its best validation epoch', async () => {
    const model = new AttentionFilter(small);
    const lines: string[] = [];
    const history = await trainFilter(model, train, validation, { ...options, log: (l) => lines.push(l) });
    expect(history.map((r) => r.epoch)).toEqual([1, 2, 3]);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^epoch 1\/3 · 96 emails · loss \d\.\d{4} · validation F1 \d\.\d{3}, accuracy \d\.\d{3} · /);
    expect(history[2].loss).toBeLessThan(history[0].loss);
    const f1 = binaryMetrics(
      spamProbabilities(model, validation).map((p) => p > 0.5),
      validation.spam,
    ).f1;
    expect(f1).toBe(Math.max(...history.map((r) => r.validationF1)));
    expect(f1).toBe(1);
    model.dispose();
  });

  it('gives the same history for the same seeds, and stops epochs early when told to', async () => {
    const run = async (extra: { maxBatchesPerEpoch?: number } = {}) => {
      const model = new AttentionFilter(small);
      const history = await trainFilter(model, train, validation, { ...options, ...extra });
      model.dispose();
      return history.map(({ loss, validationF1 }) => ({ loss, validationF1 }));
    };
    expect(await run()).toEqual(await run());
    const lines: string[] = [];
    const model = new AttentionFilter(small);
    await trainFilter(model, train, validation, { ...options, epochs: 1, maxBatchesPerEpoch: 2, log: (l) => lines.push(l) });
    model.dispose();
    expect(lines[0]).toContain(' 16 emails ');
  });
});

describe('the erasure experiment', () => {
  it('ranks the kept positions by score, ties in position order', () => {
    expect(rankPositions([[0.1, 0.5, 0.5, 0.9]], [[1, 1, 1, 0]])).toEqual([[1, 2, 0]]);
  });

  it('orders the kept positions at random, reproducibly', () => {
    const mask = [[1, 1, 0, 1, 1, 1, 0, 1]];
    const ranking = randomRanking(mask, 4);
    expect([...ranking[0]].sort()).toEqual([0, 1, 3, 4, 5, 7]);
    expect(randomRanking(mask, 4)).toEqual(ranking);
  });

  it('blocks the top k positions of each ranking, all of them when there are fewer, leaving the input as it was', () => {
    const mask = [
      [1, 1, 1, 0],
      [1, 1, 0, 0],
    ];
    const rankings = [
      [2, 0, 1],
      [1, 0],
    ];
    expect(eraseTop(mask, rankings, 1)).toEqual([
      [1, 1, 0, 0],
      [1, 0, 0, 0],
    ]);
    expect(eraseTop(mask, rankings, 5)).toEqual([
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    expect(mask[0]).toEqual([1, 1, 1, 0]);
  });

  it("measures importance as the logit's rate of change along each token's embedding (checked by finite differences), 0 at padding", () => {
    const model = new AttentionFilter(small);
    const set = encodeEmails(madeUp(3, 9), vocabulary, 8);
    const importance = gradientImportance(model, set);
    const eps = 1e-2;
    tf.tidy(() => {
      const ids = tf.tensor2d(set.ids, undefined, 'int32');
      const mask = tf.tensor2d(set.mask);
      const x = model.embed(ids);
      set.mask.forEach((row, i) =>
        row.forEach((keep, t) => {
          if (!keep) {
            expect(importance[i][t]).toBe(0);
            return;
          }
          const along = tf.zerosLike(x).bufferSync();
          for (let j = 0; j < small.dim; j++) along.set(x.bufferSync().get(i, t, j), i, t, j);
          const step = along.toTensor().mul(eps);
          const plus = model.fromEmbedded(x.add(step) as tf.Tensor3D, mask).logits.dataSync()[i];
          const minus = model.fromEmbedded(x.sub(step) as tf.Tensor3D, mask).logits.dataSync()[i];
          expect(importance[i][t]).toBeCloseTo(Math.abs((plus - minus) / (2 * eps)), 3);
        }),
      );
    });
    model.dispose();
  });
});

describe('the saved filter', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'attnlab-filter-'));
  const history = [{ epoch: 1, loss: 0.5, validationF1: 0.9, validationAccuracy: 0.92, seconds: 1 }];

  it('loads back as a model that computes what the saved one did, with its history', () => {
    const file = path.join(tmp, 'saved.json');
    const model = newFilter(vocabulary);
    saveFilter(model, vocabulary, history, 'cpu', file);
    const loaded = loadSavedFilter(vocabulary, file);
    expect(loaded.history).toEqual(history);
    expect(loaded.backend).toBe('cpu');
    const set = encodeEmails(madeUp(4, 3), vocabulary, FILTER_DATA.length);
    expect(spamProbabilities(loaded.model, set)).toEqual(spamProbabilities(model, set));
    model.dispose();
    loaded.model.dispose();
  });

  it('is refused, saying how to retrain, when it is missing, for another vocabulary, or trained with other settings', () => {
    const file = path.join(tmp, 'refused.json');
    expect(() => loadSavedFilter(vocabulary, path.join(tmp, 'missing.json'))).toThrow(/does not exist; run `npm run train -- 06-information-filter`/);
    const model = newFilter(vocabulary);
    saveFilter(model, vocabulary, history, 'cpu', file);
    model.dispose();
    const other = new Vocabulary([...vocabulary.tokens.slice(0, -1), 'expensive']);
    expect(() => loadSavedFilter(other, file)).toThrow(/another vocabulary/);
    const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
    saved.settings.model = { ...FILTER_MODEL, dim: 16 };
    fs.writeFileSync(file, JSON.stringify(saved));
    expect(() => loadSavedFilter(vocabulary, file)).toThrow(/other settings/);
  });
});

describe('shadedTokensHtml', () => {
  it('shades each token in proportion to its weight, escaping the text', () => {
    const html = shadedTokensHtml(['<b>', 'x'], [0.2, 0.8], { title: 'a & b' });
    expect(html).toContain('&lt;b&gt;');
    expect(html).toContain('a &amp; b');
    expect(html).toMatch(/title="0\.2000" style="background: rgba\(255, 140, 0, 0\.250\)/);
    expect(html).toMatch(/title="0\.8000" style="background: rgba\(255, 140, 0, 1\.000\)/);
    expect(() => shadedTokensHtml(['a'], [1, 2])).toThrow(/1 tokens but 2 weights/);
  });
});
