/** BM25 parameters: k1 saturates term frequency, b normalises by length. */
export interface Bm25Parameters {
  k1: number;
  b: number;
}

export const DEFAULT_BM25: Bm25Parameters = { k1: 1.2, b: 0.5 };

/** A scored document position. */
export interface Bm25Result {
  doc: number;
  score: number;
}

/**
 * Okapi BM25 over pre-analysed term frequencies, with weighted query terms. Built in one pass
 * from the stored chunks (a few milliseconds for a thousand articles), so it is never updated in
 * place: a new index version gets a new instance.
 */
export class Bm25Index {
  private readonly postings = new Map<string, { doc: number; tf: number }[]>();
  private readonly lengths: number[] = [];
  private readonly averageLength: number;

  constructor(
    documents: readonly Readonly<Record<string, number>>[],
    private readonly params: Bm25Parameters = DEFAULT_BM25,
  ) {
    let total = 0;
    documents.forEach((terms, doc) => {
      let length = 0;
      for (const term in terms) {
        const tf = terms[term]!;
        length += tf;
        let list = this.postings.get(term);
        if (!list) this.postings.set(term, (list = []));
        list.push({ doc, tf });
      }
      this.lengths.push(length);
      total += length;
    });
    this.averageLength = documents.length > 0 ? total / documents.length : 1;
  }

  get size(): number {
    return this.lengths.length;
  }

  /** Inverse document frequency (BM25+ style, never negative). */
  idf(term: string): number {
    const df = this.postings.get(term)?.length ?? 0;
    if (df === 0) return 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** IDF, or for a term no document has, the IDF it would have in a single document. */
  idfOrUnseen(term: string): number {
    return this.documentFrequency(term) > 0 ? this.idf(term) : Math.log(1 + (this.size + 0.5) / 0.5);
  }

  /** Documents containing the term. */
  documentFrequency(term: string): number {
    return this.postings.get(term)?.length ?? 0;
  }

  /** Top `limit` documents for weighted query terms. */
  search(query: ReadonlyMap<string, number>, limit: number): Bm25Result[] {
    const { k1, b } = this.params;
    const scores = new Map<number, number>();
    for (const [term, weight] of query) {
      const list = this.postings.get(term);
      if (!list || weight <= 0) continue;
      const idf = this.idf(term);
      for (const { doc, tf } of list) {
        const norm = k1 * (1 - b + (b * this.lengths[doc]!) / this.averageLength);
        const score = weight * idf * ((tf * (k1 + 1)) / (tf + norm));
        scores.set(doc, (scores.get(doc) ?? 0) + score);
      }
    }
    return [...scores]
      .map(([doc, score]) => ({ doc, score }))
      .sort((x, y) => y.score - x.score)
      .slice(0, limit);
  }

  /**
   * The largest score any document could get for this query: every term present with a
   * saturated frequency. Dividing by it gives a 0..1 "how much of the query matched".
   */
  maxScore(query: ReadonlyMap<string, number>): number {
    // A term no document has counts as the rarest possible: an unknown word is a real miss.
    let sum = 0;
    for (const [term, weight] of query) sum += weight * this.idfOrUnseen(term) * (this.params.k1 + 1);
    return sum;
  }
}
