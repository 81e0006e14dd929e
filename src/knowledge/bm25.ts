/** BM25 parameters: k1 saturates term frequency, b normalises by length. */
export interface Bm25Parameters {
  k1: number;
  b: number;
  /**
   * Query terms whose weight × IDF is below this are skipped: they are the expansion's common
   * words (用人单位, 劳动者), nearly half of all postings read, and move no ranking.
   */
  minImpact: number;
}

export const DEFAULT_BM25: Bm25Parameters = { k1: 1.2, b: 0.5, minImpact: 0.35 };

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
  /** term → [doc, tf, doc, tf, …]: flat number arrays take a third of the memory of objects. */
  private readonly postings = new Map<string, number[]>();
  private readonly lengths: number[] = [];
  private readonly averageLength: number;
  /** k1 · (1 − b + b · length / averageLength) per document, computed once. */
  private readonly norms: Float64Array;

  constructor(
    documents: readonly { readonly terms: readonly string[]; readonly counts: readonly number[] }[],
    private readonly params: Bm25Parameters = DEFAULT_BM25,
  ) {
    let total = 0;
    documents.forEach(({ terms, counts }, doc) => {
      let length = 0;
      for (let i = 0; i < terms.length; i++) {
        const term = terms[i]!;
        const tf = counts[i]!;
        length += tf;
        let list = this.postings.get(term);
        if (!list) this.postings.set(term, (list = []));
        list.push(doc, tf);
      }
      this.lengths.push(length);
      total += length;
    });
    this.averageLength = documents.length > 0 ? total / documents.length : 1;
    const { k1, b } = params;
    this.norms = Float64Array.from(this.lengths, (length) => k1 * (1 - b + (b * length) / this.averageLength));
  }

  get size(): number {
    return this.lengths.length;
  }

  /** Inverse document frequency (BM25+ style, never negative). */
  idf(term: string): number {
    const df = this.documentFrequency(term);
    if (df === 0) return 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** IDF, or for a term no document has, the IDF it would have in a single document. */
  idfOrUnseen(term: string): number {
    return this.documentFrequency(term) > 0 ? this.idf(term) : Math.log(1 + (this.size + 0.5) / 0.5);
  }

  /** Documents containing the term. */
  documentFrequency(term: string): number {
    return (this.postings.get(term)?.length ?? 0) / 2;
  }

  /** Top `limit` documents for weighted query terms. */
  search(query: ReadonlyMap<string, number>, limit: number): Bm25Result[] {
    const k1 = this.params.k1;
    const scores = new Float64Array(this.size);
    const touched: number[] = [];
    for (const [term, weight] of query) {
      const list = this.postings.get(term);
      if (!list || weight <= 0) continue;
      const impact = weight * this.idf(term);
      if (impact < this.params.minImpact) continue;
      const factor = impact * (k1 + 1);
      for (let i = 0; i < list.length; i += 2) {
        const doc = list[i]!;
        const tf = list[i + 1]!;
        if (scores[doc] === 0) touched.push(doc);
        scores[doc]! += (factor * tf) / (tf + this.norms[doc]!);
      }
    }
    return touched
      .map((doc) => ({ doc, score: scores[doc]! }))
      .sort((x, y) => y.score - x.score)
      .slice(0, limit);
  }
}
