import { topByScore } from './top-k.ts';

/** A nearest neighbour: the chunk's hnsw label and its cosine similarity to the query. */
export interface VectorHit {
  label: number;
  similarity: number;
}

/**
 * Exact cosine search by scanning only the dimensions a query uses: for each dimension, the
 * vectors that are non-zero there (posting lists, as in a text index). A query's cost is the
 * number of postings it reads, so it pays off when queries have few non-zero dimensions and the
 * stored vectors are sparse, as the offline embedder's are (a question sets ~40 of 1,024
 * dimensions; a chunk ~155). `VectorIndex` compares `cost` with what its HNSW search would do
 * and picks the cheaper; for a model's dense vectors that is always HNSW.
 *
 * Vectors are stored unit length (as hnswlib's cosine space stores them), so a similarity is a
 * dot product with the normalised query.
 */
export class SparseScan {
  /** Postings of dimension d are at [start[d], start[d + 1]). */
  private readonly start: Int32Array;
  /** Per posting: the vector's position in `labels`, and its value in the dimension. */
  private readonly position: Int32Array;
  private readonly value: Float64Array;
  /** Scratch for one search, reused: a worker runs one search at a time (it is synchronous). */
  private readonly score: Float64Array;
  private readonly touched: Int32Array;
  private readonly seen: Uint8Array;

  private constructor(
    private readonly labels: Int32Array,
    start: Int32Array,
    position: Int32Array,
    value: Float64Array,
  ) {
    this.start = start;
    this.position = position;
    this.value = value;
    this.score = new Float64Array(labels.length);
    this.touched = new Int32Array(labels.length);
    this.seen = new Uint8Array(labels.length);
  }

  /**
   * Postings of the vectors (unit length), in two passes: count per dimension, then fill. None
   * when more than `maxDensity` of their values are non-zero: a scan of dense vectors never costs
   * less than the graph, and its postings would take three times the vectors' memory.
   */
  static build(
    dimensions: number,
    labels: readonly number[],
    vectorOf: (label: number) => ArrayLike<number>,
    maxDensity = 0.5,
  ): SparseScan | undefined {
    const counts = new Int32Array(dimensions + 1);
    const vectors = labels.map(vectorOf);
    let nonZero = 0;
    for (const vector of vectors) {
      for (let d = 0; d < dimensions; d++) {
        if (vector[d] !== 0) {
          counts[d + 1]!++;
          nonZero++;
        }
      }
    }
    if (nonZero > maxDensity * labels.length * dimensions) return undefined;
    const start = new Int32Array(dimensions + 1);
    for (let d = 0; d < dimensions; d++) start[d + 1] = start[d]! + counts[d + 1]!;
    const position = new Int32Array(start[dimensions]!);
    const value = new Float64Array(start[dimensions]!);
    const next = start.slice(0, dimensions);
    vectors.forEach((vector, i) => {
      for (let d = 0; d < dimensions; d++) {
        const v = vector[d]!;
        if (v === 0) continue;
        const at = next[d]!++;
        position[at] = i;
        value[at] = v;
      }
    });
    return new SparseScan(Int32Array.from(labels), start, position, value);
  }

  /** Postings a search for `query` would read. */
  cost(query: readonly number[]): number {
    let cost = 0;
    for (let d = 0; d < query.length; d++) if (query[d] !== 0) cost += this.start[d + 1]! - this.start[d]!;
    return cost;
  }

  /**
   * The `k` most similar vectors, most similar first; equal similarities in the order the
   * dimensions first reached them. Vectors with similarity 0 or less (sharing no dimension with
   * the query, or opposed to it) are not returned.
   */
  search(query: readonly number[], k: number): VectorHit[] {
    let norm = 0;
    for (let d = 0; d < query.length; d++) norm += query[d]! * query[d]!;
    if (norm === 0 || k <= 0) return [];
    const inverse = 1 / Math.sqrt(norm);
    const { start, position, value, score, touched, seen } = this;
    let count = 0;
    for (let d = 0; d < query.length; d++) {
      const weight = query[d]!;
      if (weight === 0) continue;
      const w = weight * inverse;
      const end = start[d + 1]!;
      for (let j = start[d]!; j < end; j++) {
        const i = position[j]!;
        if (seen[i] === 0) {
          seen[i] = 1;
          touched[count++] = i;
          score[i] = 0;
        }
        score[i]! += w * value[j]!;
      }
    }
    // The best k, equal similarities in the order first touched; then only the positive ones (a
    // vector with similarity 0 or less ranks below every positive one, so none of those is lost).
    const hits: VectorHit[] = [];
    for (const { doc, score: similarity } of topByScore(score, touched, count, k)) if (similarity > 0) hits.push({ label: this.labels[doc]!, similarity });
    for (let t = 0; t < count; t++) seen[touched[t]!] = 0;
    return hits;
  }
}
