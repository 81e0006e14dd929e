import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { normalise } from '../../src/knowledge/embedder.ts';
import { SparseScan } from '../../src/knowledge/sparse-scan.ts';
import { VectorIndex } from '../../src/knowledge/vector-index.ts';

/** A deterministic pseudo-random generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A unit vector with `nonZero` signed values at random dimensions, like the offline embedder's. */
function sparseVector(next: () => number, dimensions: number, nonZero: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (let i = 0; i < nonZero; i++) vector[Math.floor(next() * dimensions)] = next() * 2 - 1;
  return normalise(vector);
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot;
}

/** Every vector scored by a plain loop, best first, similarity > 0 (random vectors never tie). */
function bruteForce(vectors: Map<number, number[]>, query: number[], k: number) {
  return [...vectors]
    .map(([label, vector]) => ({ label, similarity: cosine(normalise([...query]), vector) }))
    .filter((hit) => hit.similarity > 0)
    .sort((a, b) => b.similarity - a.similarity || a.label - b.label)
    .slice(0, k);
}

describe('SparseScan', () => {
  it('returns exactly the k most similar vectors that a plain loop over every vector returns', () => {
    const next = random(7);
    const vectors = new Map<number, number[]>();
    for (let label = 0; label < 400; label++) vectors.set(label * 3 + 1, sparseVector(next, 256, 30));
    const scan = SparseScan.build(256, [...vectors.keys()], (label) => vectors.get(label)!)!;
    for (let q = 0; q < 50; q++) {
      // Queries are not unit length: the scan normalises them.
      const query = sparseVector(next, 256, 12).map((value) => value * 3);
      const expected = bruteForce(vectors, query, 20);
      const actual = scan.search(query, 20);
      expect(actual.map((hit) => hit.label)).toEqual(expected.map((hit) => hit.label));
      actual.forEach((hit, i) => expect(hit.similarity).toBeCloseTo(expected[i]!.similarity, 12));
    }
  });

  it('keeps equal similarities in the order first reached and leaves out vectors that share nothing with the query', () => {
    const vectors = new Map<number, number[]>([
      [9, [1, 0, 0, 0]],
      [2, [1, 0, 0, 0]],
      [5, [0, 1, 0, 0]],
      [4, [-1, 0, 0, 0]],
    ]);
    const scan = SparseScan.build(4, [...vectors.keys()], (label) => vectors.get(label)!)!;
    // 9 is stored before 2, so dimension 0's postings reach it first; -1 (label 4) is opposed.
    expect(scan.search([2, 0, 0, 0], 10)).toEqual([
      { label: 9, similarity: 1 },
      { label: 2, similarity: 1 },
    ]);
    expect(scan.search([2, 0, 0, 0], 1)).toEqual([{ label: 9, similarity: 1 }]);
    expect(scan.search([0, 0, 0, 0], 10)).toEqual([]);
    expect(scan.cost([2, 0, 0, 0])).toBe(3);
    expect(scan.cost([0, 0, 1, 0])).toBe(0);
  });

  it('is not built for dense vectors, whose scan could never cost less than the graph', () => {
    const next = random(3);
    const dense = Array.from({ length: 20 }, () => normalise(Array.from({ length: 64 }, () => next() - 0.5)));
    expect(SparseScan.build(64, dense.map((_, i) => i), (label) => dense[label]!)).toBeUndefined();
  });
});

describe('VectorIndex', () => {
  let dir: string | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('answers sparse queries exactly, without deleted labels, also after a write and a read', async () => {
    const next = random(11);
    const dimensions = 512;
    const index = VectorIndex.create(dimensions, 64);
    const vectors = new Map<number, number[]>();
    for (let label = 0; label < 300; label++) {
      const vector = sparseVector(next, dimensions, 40);
      vectors.set(label, vector);
      index.add(label, vector);
    }
    for (let label = 0; label < 300; label += 4) {
      index.remove(label);
      vectors.delete(label);
    }
    const queries = Array.from({ length: 30 }, () => sparseVector(next, dimensions, 10));
    for (const query of queries) expect(index.search(query, 25).map((hit) => hit.label)).toEqual(bruteForce(vectors, query, 25).map((hit) => hit.label));

    dir = await mkdtemp(join(tmpdir(), 'vector-index-'));
    await index.write(join(dir, 'vectors.hnsw'));
    const read = await VectorIndex.read(join(dir, 'vectors.hnsw'), dimensions, [...vectors.keys()]);
    expect(read.size).toBe(vectors.size);
    for (const query of queries) expect(read.search(query, 25)).toEqual(index.search(query, 25));

    // A vector added after a search is found: the scan is derived again after a change.
    const added = sparseVector(next, dimensions, 40);
    read.add(1000, added);
    expect(read.search(added, 1)[0]).toMatchObject({ label: 1000 });
  });

  it('searches the graph when the vectors are dense', () => {
    const next = random(5);
    const dimensions = 32;
    const index = VectorIndex.create(dimensions, 64);
    const vectors = Array.from({ length: 200 }, () => normalise(Array.from({ length: dimensions }, () => next() - 0.5)));
    vectors.forEach((vector, label) => index.add(label, vector));
    const build = vi.spyOn(SparseScan, 'build');
    expect(index.prepare()).toBeUndefined();
    expect(build).toHaveBeenCalledTimes(1);
    // The graph's answer: the nearest vector to one of the vectors is itself.
    expect(index.search(vectors[17]!, 3)[0]).toMatchObject({ label: 17 });
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('picks the graph for a query whose scan would read more postings than the graph computes', () => {
    const next = random(9);
    const dimensions = 64;
    const index = VectorIndex.create(dimensions, 64);
    // Sparse vectors, but few of them: the graph visits all 40, which is cheaper than a dense query's scan.
    for (let label = 0; label < 40; label++) index.add(label, sparseVector(next, dimensions, 20));
    const scan = index.prepare()!;
    const search = vi.spyOn(scan, 'search');
    const dense = normalise(Array.from({ length: dimensions }, () => next() - 0.5));
    index.search(dense, 5);
    expect(search).not.toHaveBeenCalled();
  });
});
