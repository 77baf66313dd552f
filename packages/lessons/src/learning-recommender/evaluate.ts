// Scoring the lesson 08 recommenders on the same held-out next resources: HR@10 and NDCG@10 over
// every resource the learner has not studied yet, and where target attention puts its weight.
import * as tf from '@tensorflow/tfjs';
import { type Resource, relevantPositions } from '../datasets/learning-paths';
import { rankingMetrics, type RankingMetrics, rankOf } from '../metrics/ranking';
import type { HistoryRecommender } from '../models/history-recommender';
import { historyBatch, type NextResourceExample } from './data';

/** Scores [B, N] for a batch of left-padded histories ids [B, T] and mask [B, T]. */
export type Scorer = (ids: tf.Tensor2D, mask: tf.Tensor2D) => tf.Tensor2D;

/** The rank of every example's next resource under `scorer`, `batchSize` examples at a time. */
export function nextRanks(scorer: Scorer, examples: readonly NextResourceExample[], length: number, batchSize = 250): number[] {
  const ranks: number[] = [];
  for (let start = 0; start < examples.length; start += batchSize) {
    const rows = Array.from({ length: Math.min(batchSize, examples.length - start) }, (_, i) => start + i);
    const scores = tf.tidy(() => {
      const { ids, mask } = historyBatch(examples, rows, length);
      return scorer(ids, mask).arraySync();
    });
    rows.forEach((r, i) => ranks.push(rankOf(scores[i], examples[r].next, new Set(examples[r].history))));
  }
  return ranks;
}

export function evaluateScorer(scorer: Scorer, examples: readonly NextResourceExample[], length: number, k = 10): RankingMetrics {
  return rankingMetrics(nextRanks(scorer, examples, length), k);
}

/** A scorer that ranks by how often each resource was studied in `histories` (the same list for everyone). */
export function popularityScorer(histories: readonly (readonly number[])[], numResources: number): Scorer {
  const counts = new Array<number>(numResources).fill(0);
  for (const h of histories) for (const id of h) counts[id]++;
  return (ids) => tf.tidy(() => tf.tile(tf.tensor2d([counts]), [ids.shape[0], 1]));
}

/**
 * Per example, the target attention weights [T] of the true next resource as the candidate, and
 * the share of them on the positions the generator marks relevant (same topic), with the share a
 * uniform average would put there.
 */
export function attentionOnRelevant(
  model: HistoryRecommender,
  examples: readonly NextResourceExample[],
  catalogue: readonly Resource[],
  batchSize = 250,
): { share: number; uniformShare: number } {
  const length = model.config.length;
  let share = 0;
  let uniform = 0;
  let counted = 0;
  for (let start = 0; start < examples.length; start += batchSize) {
    const rows = Array.from({ length: Math.min(batchSize, examples.length - start) }, (_, i) => start + i);
    const weights = tf.tidy(() => {
      const { ids, mask, next } = historyBatch(examples, rows, length);
      const all = model.call(ids, mask).weights;
      if (!all) throw new Error('attentionOnRelevant: the model has no target attention');
      // row b of all[b, next[b], :], picked by a one-hot over the candidates (wasm's gather has no batch dimensions)
      return tf
        .sum(tf.mul(all, tf.expandDims(tf.oneHot(next, all.shape[1]), 2)), 1)
        .as2D(rows.length, length)
        .arraySync();
    });
    rows.forEach((r, i) => {
      const { history, next } = examples[r];
      const kept = Math.min(history.length, length);
      const offset = length - kept;
      const relevant = relevantPositions(history.slice(-kept), next, catalogue);
      if (relevant.length === 0) return;
      counted++;
      share += relevant.reduce((s, t) => s + weights[i][offset + t], 0);
      uniform += relevant.length / kept;
    });
  }
  return { share: counted ? share / counted : 0, uniformShare: counted ? uniform / counted : 0 };
}
