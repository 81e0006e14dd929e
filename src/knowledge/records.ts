import { analyzeDocument } from './analyzer.ts';
import type { Chunk, ParsedDocument } from './types.ts';

/** A chunk as stored in the index: no index text, but its analysed terms and its hnsw label. */
export interface ChunkRecord extends Omit<Chunk, 'indexText'> {
  label: number;
  /** Term → frequency, from `analyzeDocument(indexText)`. */
  terms: Record<string, number>;
}

/** A document as stored in the index: everything but its chunks, which it lists by id. */
export type DocumentRecord = Omit<ParsedDocument, 'chunks'> & { chunkIds: string[] };

/** Analyses a chunk for storage under the given hnsw label. */
export function toChunkRecord(chunk: Chunk, label: number): ChunkRecord {
  const { indexText, ...rest } = chunk;
  return { ...rest, label, terms: Object.fromEntries(analyzeDocument(indexText)) };
}

/** The stored form of a document. */
export function toDocumentRecord(document: ParsedDocument): DocumentRecord {
  const { chunks, ...rest } = document;
  return { ...rest, chunkIds: chunks.map((chunk) => chunk.id) };
}
