import hnsw from 'hnswlib-node';

const { HierarchicalNSW } = hnsw;
type Native = InstanceType<typeof HierarchicalNSW>;

const M = 16;
const EF_CONSTRUCTION = 100;
const EF_SEARCH = 64;

/** A nearest neighbour: the chunk's hnsw label and its cosine similarity to the query. */
export interface VectorHit {
  label: number;
  similarity: number;
}

/**
 * A cosine HNSW index over integer labels (hnswlib-node). Deleted labels are only marked, and
 * their slots are reused by later additions (`allowReplaceDeleted`), so replacing one document
 * never rebuilds the graph.
 */
export class VectorIndex {
  private constructor(
    private readonly native: Native,
    readonly dimensions: number,
    private live: number,
  ) {
    native.setEf(EF_SEARCH);
  }

  /** An empty index with room for `capacity` vectors (it grows when needed). */
  static create(dimensions: number, capacity = 1024): VectorIndex {
    const native = new HierarchicalNSW('cosine', dimensions);
    native.initIndex({ maxElements: Math.max(16, capacity), m: M, efConstruction: EF_CONSTRUCTION, allowReplaceDeleted: true });
    return new VectorIndex(native, dimensions, 0);
  }

  /** Reads an index written by `write`; `live` is the number of labels not deleted (from the manifest). */
  static async read(path: string, dimensions: number, live: number): Promise<VectorIndex> {
    const native = new HierarchicalNSW('cosine', dimensions);
    await native.readIndex(path, true);
    return new VectorIndex(native, dimensions, live);
  }

  get size(): number {
    return this.live;
  }

  add(label: number, vector: number[]): void {
    if (vector.length !== this.dimensions) {
      throw new Error(`vector has ${vector.length} dimensions, the index ${this.dimensions}`);
    }
    // Slots of deleted labels are reused; grow only when every slot holds a live vector.
    if (this.live >= this.native.getMaxElements()) this.native.resizeIndex(Math.ceil(this.native.getMaxElements() * 1.5) + 16);
    this.native.addPoint(vector, label, true);
    this.live++;
  }

  remove(label: number): void {
    this.native.markDelete(label);
    this.live--;
  }

  vector(label: number): number[] {
    return this.native.getPoint(label);
  }

  search(vector: number[], k: number): VectorHit[] {
    const n = Math.min(k, this.live);
    if (n <= 0 || isZero(vector)) return [];
    const result = this.native.searchKnn(vector, n);
    return result.neighbors.map((label, i) => ({ label, similarity: 1 - result.distances[i]! }));
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
