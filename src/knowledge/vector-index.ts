import hnsw from 'hnswlib-node';
import { SparseScan, type VectorHit } from './sparse-scan.ts';

export type { VectorHit } from './sparse-scan.ts';

const { HierarchicalNSW } = hnsw;
type Native = InstanceType<typeof HierarchicalNSW>;

const M = 16;
const EF_CONSTRUCTION = 100;
const EF_SEARCH = 64;

/**
 * What reading one posting in `SparseScan` costs, in units of one dimension of one HNSW distance
 * (native SIMD code): measured on the knowledge base, ~2.7 ns against ~0.15 ns. Rounded up, so
 * that a close call goes to HNSW, whose cost grows more slowly with the number of vectors.
 */
const POSTING_COST = 20;

/**
 * A cosine HNSW index over integer labels (hnswlib-node). Deleted labels are only marked, and
 * their slots are reused by later additions (`allowReplaceDeleted`), so replacing one document
 * never rebuilds the graph.
 *
 * A search is answered by the graph or, when the query and the vectors are sparse enough that it
 * costs less, by an exact scan of the dimensions the query uses (`SparseScan`, derived from the
 * graph's vectors on the first search after a change). With the offline embedder on the
 * knowledge base (1,269 chunks) the scan costs about half of what the graph costs, which at k 50
 * and ef 64 visits nearly every vector anyway; with a model's dense vectors, or a corpus of tens
 * of thousands of chunks, the graph wins and is used.
 */
export class VectorIndex {
  /** The exact scan; null when the vectors are too dense for it, undefined until derived. */
  private scan: SparseScan | null | undefined;

  private constructor(
    private readonly native: Native,
    readonly dimensions: number,
    /** The labels not deleted: hnswlib keeps a deleted label's vector, marked. */
    private readonly live: Set<number>,
  ) {
    native.setEf(EF_SEARCH);
  }

  /** An empty index with room for `capacity` vectors (it grows when needed). */
  static create(dimensions: number, capacity = 1024): VectorIndex {
    const native = new HierarchicalNSW('cosine', dimensions);
    native.initIndex({ maxElements: Math.max(16, capacity), m: M, efConstruction: EF_CONSTRUCTION, allowReplaceDeleted: true });
    return new VectorIndex(native, dimensions, new Set());
  }

  /** Reads an index written by `write`; `labels` are the ones not deleted (the index's chunks). */
  static async read(path: string, dimensions: number, labels: readonly number[]): Promise<VectorIndex> {
    const native = new HierarchicalNSW('cosine', dimensions);
    await native.readIndex(path, true);
    return new VectorIndex(native, dimensions, new Set(labels));
  }

  get size(): number {
    return this.live.size;
  }

  add(label: number, vector: number[]): void {
    if (vector.length !== this.dimensions) {
      throw new Error(`vector has ${vector.length} dimensions, the index ${this.dimensions}`);
    }
    // Slots of deleted labels are reused; grow only when every slot holds a live vector.
    if (this.live.size >= this.native.getMaxElements()) this.native.resizeIndex(Math.ceil(this.native.getMaxElements() * 1.5) + 16);
    this.native.addPoint(vector, label, true);
    this.live.add(label);
    this.scan = undefined;
  }

  remove(label: number): void {
    this.native.markDelete(label);
    this.live.delete(label);
    this.scan = undefined;
  }

  vector(label: number): number[] {
    return this.native.getPoint(label);
  }

  /**
   * The `k` nearest vectors, nearest first. Both ways of searching return cosine similarities; the
   * exact scan leaves out vectors with similarity 0 or less, which the graph may return to fill k.
   */
  search(vector: number[], k: number): VectorHit[] {
    const n = Math.min(k, this.live.size);
    if (n <= 0 || isZero(vector)) return [];
    const scan = this.prepare();
    // The graph computes about ef × 2M distances (its layer-0 degree is 2M), at most one per vector.
    const graphCost = Math.min(this.live.size, Math.max(EF_SEARCH, n) * 2 * M) * this.dimensions;
    if (scan && scan.cost(vector) * POSTING_COST < graphCost) return scan.search(vector, n);
    const result = this.native.searchKnn(vector, n);
    return result.neighbors.map((label, i) => ({ label, similarity: 1 - result.distances[i]! }));
  }

  /**
   * Derives the exact scan from the graph's vectors, once per change; undefined when the vectors
   * are too dense for it ever to be cheaper (over half their values non-zero). Called by the
   * search engine when a version is loaded, so that no member's question pays for it.
   */
  prepare(): SparseScan | undefined {
    if (this.scan === undefined && this.live.size > 0) {
      this.scan = SparseScan.build(this.dimensions, [...this.live], (label) => this.native.getPoint(label)) ?? null;
    }
    return this.scan ?? undefined;
  }

  async write(path: string): Promise<void> {
    await this.native.writeIndex(path);
  }
}

/** Whether every component is 0 (a loop: `every` with a callback cost a call per dimension, 1,024 per query). */
function isZero(vector: number[]): boolean {
  for (let i = 0; i < vector.length; i++) if (vector[i] !== 0) return false;
  return true;
}
