// A vocabulary maps tokens to the integer ids an embedding table is indexed by, and turns token
// lists into fixed-length rows with a keep-mask, the form a batch of text takes in a model.

export const PAD = '<pad>';
export const UNKNOWN = '<unk>';

export interface VocabularyOptions {
  /** at most this many ids, the two reserved ones included */
  maxSize: number;
  /** a token must occur in at least this many documents */
  minDocuments?: number;
}

/** Token ids of one document cut or padded to a fixed length, with its keep-mask. */
export interface EncodedDocument {
  /** `length` ids; 0 (`<pad>`) after the document ends */
  ids: number[];
  /** 1 where `ids` holds a token of the document, 0 at padding */
  mask: number[];
}

export class Vocabulary {
  private readonly index: Map<string, number>;

  /** `tokens[i]` is the token with id i; id 0 is `<pad>`, id 1 is `<unk>`. */
  constructor(readonly tokens: readonly string[]) {
    if (tokens[0] !== PAD || tokens[1] !== UNKNOWN) throw new Error(`Vocabulary: the first two tokens must be ${PAD} and ${UNKNOWN}, got ${tokens.slice(0, 2).join(', ')}`);
    this.index = new Map(tokens.map((t, i) => [t, i]));
    if (this.index.size !== tokens.length) throw new Error('Vocabulary: tokens must be distinct');
  }

  /**
   * The most widespread tokens of `documents`, ranked by how many documents contain them
   * (a word repeated a thousand times in one email counts once), ties broken alphabetically
   * so the result does not depend on the order of the documents.
   */
  static build(documents: readonly (readonly string[])[], { maxSize, minDocuments = 1 }: VocabularyOptions): Vocabulary {
    const df = new Map<string, number>();
    for (const doc of documents) for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
    const ranked = [...df]
      .filter(([t, n]) => n >= minDocuments && t !== PAD && t !== UNKNOWN)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, Math.max(0, maxSize - 2))
      .map(([t]) => t);
    return new Vocabulary([PAD, UNKNOWN, ...ranked]);
  }

  get size(): number {
    return this.tokens.length;
  }

  /** The id of `token`, or 1 (`<unk>`) when it is not in the vocabulary. */
  id(token: string): number {
    return this.index.get(token) ?? 1;
  }

  /** The first `length` tokens as ids, padded with 0 up to `length`, and their keep-mask. */
  encode(tokens: readonly string[], length: number): EncodedDocument {
    const kept = tokens.slice(0, length);
    const ids = [...kept.map((t) => this.id(t)), ...new Array<number>(length - kept.length).fill(0)];
    const mask = ids.map((_, i) => (i < kept.length ? 1 : 0));
    return { ids, mask };
  }
}
