// Multinomial naive Bayes over token counts (Sahami et al. 1998; Graham 2002): the classic spam
// filter, and the bag-of-words baseline of lesson 06. Word order and context play no part.

export interface NaiveBayesOptions {
  /** add-alpha (Laplace) smoothing of the token counts; default 1 */
  alpha?: number;
}

export class NaiveBayes {
  private constructor(
    /** log p(class) for classes [negative, positive] */
    private readonly logPrior: [number, number],
    /** log p(token | class) for classes [negative, positive] */
    private readonly logLikelihood: [Map<string, number>, Map<string, number>],
    /** log p(token | class) of a token unseen in that class's training documents */
    private readonly unseen: [number, number],
    private readonly vocabulary: ReadonlySet<string>,
  ) {}

  /** Fits the class priors and the smoothed token distributions of each class. */
  static fit(documents: readonly (readonly string[])[], positive: readonly boolean[], { alpha = 1 }: NaiveBayesOptions = {}): NaiveBayes {
    if (documents.length !== positive.length) throw new Error(`NaiveBayes.fit: ${documents.length} documents for ${positive.length} labels`);
    const counts: [Map<string, number>, Map<string, number>] = [new Map(), new Map()];
    const totals = [0, 0];
    const docs = [0, 0];
    const vocabulary = new Set<string>();
    documents.forEach((doc, i) => {
      const c = positive[i] ? 1 : 0;
      docs[c]++;
      for (const t of doc) {
        counts[c].set(t, (counts[c].get(t) ?? 0) + 1);
        totals[c]++;
        vocabulary.add(t);
      }
    });
    if (docs[0] === 0 || docs[1] === 0) throw new Error('NaiveBayes.fit: the training documents must include both classes');
    const v = vocabulary.size;
    const logPrior: [number, number] = [Math.log(docs[0] / documents.length), Math.log(docs[1] / documents.length)];
    const unseen: [number, number] = [Math.log(alpha / (totals[0] + alpha * v)), Math.log(alpha / (totals[1] + alpha * v))];
    const logLikelihood = counts.map((m, c) => new Map([...m].map(([t, n]) => [t, Math.log((n + alpha) / (totals[c] + alpha * v))]))) as [Map<string, number>, Map<string, number>];
    return new NaiveBayes(logPrior, logLikelihood, unseen, vocabulary);
  }

  /**
   * log p(positive | doc) − log p(negative | doc): positive means the positive class is more
   * likely. Tokens never seen in training carry no evidence and are skipped.
   */
  logOdds(doc: readonly string[]): number {
    let score = this.logPrior[1] - this.logPrior[0];
    for (const t of doc) {
      if (!this.vocabulary.has(t)) continue;
      score += (this.logLikelihood[1].get(t) ?? this.unseen[1]) - (this.logLikelihood[0].get(t) ?? this.unseen[0]);
    }
    return score;
  }

  predict(doc: readonly string[]): boolean {
    return this.logOdds(doc) > 0;
  }

  /** How strongly one occurrence of `token` points to the positive class: log p(token | pos) − log p(token | neg). */
  tokenLogRatio(token: string): number {
    if (!this.vocabulary.has(token)) return 0;
    return (this.logLikelihood[1].get(token) ?? this.unseen[1]) - (this.logLikelihood[0].get(token) ?? this.unseen[0]);
  }
}
