import { join } from 'node:path';
import type { Embedder } from './embedder.ts';
import { fileNames, nextVersion, writeIndex, type LoadedIndex } from './index-files.ts';
import type { Manifest } from './manifest.ts';
import { toChunkRecord, toDocumentRecord, type ChunkRecord, type DocumentRecord } from './records.ts';
import type { ParsedDocument } from './types.ts';
import { VectorIndex } from './vector-index.ts';

/** Documents to (re)index and document ids to drop. */
export interface IndexChanges {
  upserts: ParsedDocument[];
  removals: string[];
}

/** How to apply changes. */
export interface ApplyOptions {
  embedder: Embedder;
  analyzer: string;
  /** Start from an empty index (first build, or the embedder or analyser changed). */
  full: boolean;
  onProgress?: (done: number, total: number, documentId: string) => void;
}

/**
 * Produces and writes the next index version from the current one. Unchanged documents keep
 * their records and vectors; in a changed document, a chunk whose hash is unchanged keeps its
 * label and vector too; everything else is embedded, and labels no longer used are deleted from
 * the HNSW graph. The live index is not touched: the vectors are read afresh from disk, so a
 * failure (an embedding error, a full disk) leaves the serving version exactly as it was.
 */
export async function applyChanges(
  dir: string,
  current: LoadedIndex | undefined,
  changes: IndexChanges,
  options: ApplyOptions,
): Promise<{ index: LoadedIndex; embedded: number }> {
  const { embedder } = options;
  const base = options.full ? undefined : current;
  const version = await nextVersion(dir, current?.manifest.indexVersion ?? 0);
  const vectors = base
    ? await VectorIndex.read(join(dir, base.manifest.files.vectors), base.manifest.embedder.dimensions, base.chunks.map((chunk) => chunk.label))
    : VectorIndex.create(embedder.dimensions, Math.max(1024, (current?.chunks.length ?? 0) * 2));

  const documents = new Map<string, DocumentRecord>((base?.documents ?? []).map((doc) => [doc.id, doc]));
  const chunks = new Map<string, ChunkRecord>((base?.chunks ?? []).map((chunk) => [chunk.id, chunk]));
  const manifestDocs: Manifest['documents'] = { ...(base?.manifest.documents ?? {}) };
  let nextLabel = base?.manifest.nextLabel ?? 0;

  const drop = (documentId: string, keepLabels: Set<number>) => {
    const entry = manifestDocs[documentId];
    for (const chunk of entry?.chunks ?? []) {
      if (!keepLabels.has(chunk.label)) vectors.remove(chunk.label);
      chunks.delete(chunk.id);
    }
    delete manifestDocs[documentId];
    documents.delete(documentId);
  };

  for (const id of changes.removals) drop(id, new Set());

  let embedded = 0;
  let done = 0;
  for (const doc of changes.upserts) {
    const previous = new Map((manifestDocs[doc.id]?.chunks ?? []).map((chunk) => [chunk.id, chunk]));
    const previousRecords = new Map([...previous.keys()].map((id) => [id, chunks.get(id)]));
    const kept = new Map<string, { label: number; terms: string[]; counts: number[] }>();
    for (const chunk of doc.chunks) {
      const old = previous.get(chunk.id);
      const record = previousRecords.get(chunk.id);
      if (old && record && old.hash === chunk.hash) kept.set(chunk.id, { label: old.label, terms: record.terms, counts: record.counts });
    }
    drop(doc.id, new Set([...kept.values()].map((k) => k.label)));

    const fresh = doc.chunks.filter((chunk) => !kept.has(chunk.id));
    const computed = fresh.length > 0 ? await embedder.embed(fresh.map((chunk) => chunk.indexText)) : [];
    const vectorOf = new Map(fresh.map((chunk, i) => [chunk.id, computed[i]!]));
    embedded += fresh.length;
    const entries: Manifest['documents'][string]['chunks'] = [];
    for (const chunk of doc.chunks) {
      const reuse = kept.get(chunk.id);
      let record: ChunkRecord;
      if (reuse) {
        const { indexText: _indexText, ...rest } = chunk;
        record = { ...rest, ...reuse };
      } else {
        record = toChunkRecord(chunk, nextLabel++);
        vectors.add(record.label, vectorOf.get(chunk.id)!);
      }
      chunks.set(record.id, record);
      entries.push({ id: chunk.id, hash: chunk.hash, label: record.label });
    }
    documents.set(doc.id, toDocumentRecord(doc));
    manifestDocs[doc.id] = { path: doc.path, hash: doc.hash, chunks: entries };
    options.onProgress?.(++done, changes.upserts.length, doc.id);
  }

  const manifest: Manifest = {
    format: 2,
    indexVersion: version,
    builtAt: new Date().toISOString(),
    embedder: { id: embedder.id, dimensions: embedder.dimensions },
    analyzer: options.analyzer,
    files: fileNames(version),
    nextLabel,
    documents: manifestDocs,
  };
  const index: LoadedIndex = {
    manifest,
    documents: [...documents.values()].sort((a, b) => a.path.localeCompare(b.path)),
    chunks: [...chunks.values()],
    vectors,
  };
  await writeIndex(dir, index);
  return { index, embedded };
}
