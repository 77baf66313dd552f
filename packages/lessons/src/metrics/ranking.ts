// Top-k ranking metrics for next-item recommendation, from the rank of the true next item
// (0 = ranked first): hit rate HR@k, the share of cases where it is among the first k, and
// NDCG@k, which with one relevant item is 1 / log2(rank + 2) inside the top k and 0 outside.

export interface RankingMetrics {
  hitRate: number;
  ndcg: number;
}

export function rankingMetrics(ranks: readonly number[], k: number): RankingMetrics {
  if (ranks.length === 0) throw new Error('rankingMetrics: no ranks');
  let hits = 0;
  let gain = 0;
  for (const r of ranks) {
    if (r < k) {
      hits++;
      gain += 1 / Math.log2(r + 2);
    }
  }
  return { hitRate: hits / ranks.length, ndcg: gain / ranks.length };
}

/**
 * Rank of `target` among the candidates of one score row: how many candidates that are not
 * excluded score strictly higher. Excluded ones (already studied) are not offered at all.
 */
export function rankOf(scores: ArrayLike<number>, target: number, excluded: ReadonlySet<number>): number {
  let rank = 0;
  for (let i = 0; i < scores.length; i++) if (i !== target && !excluded.has(i) && scores[i] > scores[target]) rank++;
  return rank;
}
