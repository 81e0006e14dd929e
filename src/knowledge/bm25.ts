import { topByScore, type Scored } from './top-k.ts';

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
export type Bm25Result = Scored;

/**
 * Okapi BM25 over pre-analysed term frequencies, with weighted query terms. Built in one pass
 * from the stored chunks (a few milliseconds for a thousand articles), so it is never updated in
 * place: a new index version gets a new instance.
 */
export class Bm25Index {
  /**
   * Posting lists, flat: term id → positions starts[id] .. starts[id + 1] - 1 of `docs` (in
   * document order) and `tfs`. Typed arrays in one block take less memory than a list per term
   * (28,000 terms) and a query reads 2,000–5,000 postings from them. Reading them is bound by
   * memory (the vector search in between evicts them from the caches): a precomputed tf + norm
   * per posting cost more to read than the addition it saves (norms are 10 KB and stay cached).
   */
  private readonly termIds = new Map<string, number>();
  private readonly starts: Int32Array;
  private readonly docs: Int32Array;
  private readonly tfs: Float64Array;
  /** IDF of each term id, computed once (the same expression as `idf`). */
  private readonly idfs: Float64Array;
  private readonly lengths: number[] = [];
  private readonly averageLength: number;
  /** k1 · (1 − b + b · length / averageLength) per document, computed once. */
  private readonly norms: Float64Array;

  constructor(
    documents: readonly { readonly terms: readonly string[]; readonly counts: readonly number[] }[],
    private readonly params: Bm25Parameters = DEFAULT_BM25,
  ) {
    // First pass: term ids, document frequencies and lengths; second pass: the postings.
    const frequencies: number[] = [];
    let total = 0;
    for (const { terms, counts } of documents) {
      let length = 0;
      for (let i = 0; i < terms.length; i++) {
        const term = terms[i]!;
        length += counts[i]!;
        const id = this.termIds.get(term);
        if (id === undefined) {
          this.termIds.set(term, frequencies.length);
          frequencies.push(1);
        } else {
          frequencies[id]!++;
        }
      }
      this.lengths.push(length);
      total += length;
    }
    this.averageLength = documents.length > 0 ? total / documents.length : 1;
    const { k1, b } = params;
    this.norms = Float64Array.from(this.lengths, (length) => k1 * (1 - b + (b * length) / this.averageLength));

    this.starts = new Int32Array(frequencies.length + 1);
    for (let id = 0; id < frequencies.length; id++) this.starts[id + 1] = this.starts[id]! + frequencies[id]!;
    const postings = this.starts[frequencies.length]!;
    this.docs = new Int32Array(postings);
    this.tfs = new Float64Array(postings);
    const next = this.starts.slice(0, frequencies.length);
    documents.forEach(({ terms, counts }, doc) => {
      for (let i = 0; i < terms.length; i++) {
        const at = next[this.termIds.get(terms[i]!)!]!++;
        const tf = counts[i]!;
        this.docs[at] = doc;
        this.tfs[at] = tf;
      }
    });
    this.idfs = Float64Array.from(frequencies, (df) => Math.log(1 + (this.size - df + 0.5) / (df + 0.5)));
  }

  get size(): number {
    return this.lengths.length;
  }

  /** Inverse document frequency (BM25+ style, never negative). */
  idf(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.idfs[id]!;
  }

  /** IDF, or for a term no document has, the IDF it would have in a single document. */
  idfOrUnseen(term: string): number {
    const id = this.termIds.get(term);
    return id !== undefined ? this.idfs[id]! : Math.log(1 + (this.size + 0.5) / 0.5);
  }

  /** Documents containing the term. */
  documentFrequency(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.starts[id + 1]! - this.starts[id]!;
  }

  /** Whether a document has the term: its posting list is in document order, so a binary search. */
  contains(term: string, doc: number): boolean {
    const id = this.termIds.get(term);
    if (id === undefined) return false;
    let low = this.starts[id]!;
    let high = this.starts[id + 1]! - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const at = this.docs[mid]!;
      if (at === doc) return true;
      if (at < doc) low = mid + 1;
      else high = mid - 1;
    }
    return false;
  }

  /**
   * Scratch buffers for `search`, allocated once: a query touches 600–800 of the documents, and
   * `search` is synchronous, so one set per index is never shared by two searches at a time.
   * `scores` is all zero between calls (only touched entries are written, and they are reset).
   */
  private scratch: { scores: Float64Array; touched: Int32Array } | undefined;

  /** Top `limit` documents for weighted query terms, best first; equal scores in the order first touched. */
  search(query: ReadonlyMap<string, number>, limit: number): Bm25Result[] {
    const k1 = this.params.k1;
    this.scratch ??= { scores: new Float64Array(this.size), touched: new Int32Array(this.size) };
    const { scores, touched } = this.scratch;
    let count = 0;
    for (const [term, weight] of query) {
      const id = this.termIds.get(term);
      if (id === undefined || weight <= 0) continue;
      const impact = weight * this.idfs[id]!;
      if (impact < this.params.minImpact) continue;
      const factor = impact * (k1 + 1);
      for (let i = this.starts[id]!, end = this.starts[id + 1]!; i < end; i++) {
        const doc = this.docs[i]!;
        if (scores[doc] === 0) touched[count++] = doc;
        const tf = this.tfs[i]!;
        scores[doc]! += (factor * tf) / (tf + this.norms[doc]!);
      }
    }
    const top = topByScore(scores, touched, count, limit);
    for (let i = 0; i < count; i++) scores[touched[i]!] = 0;
    return top;
  }
}
