import { analyzeDocument } from './analyzer.ts';
import { chunkLaw } from './chunk-law.ts';
import { chunkSections } from './chunk-sections.ts';
import type { Chunk, ParsedDocument } from './types.ts';

/** A chunk as stored in the index: no index text, but its analysed terms and its hnsw label. */
export interface ChunkRecord extends Omit<Chunk, 'indexText'> {
  label: number;
  /** Distinct terms from `analyzeDocument(indexText)`, with their frequencies in `counts` (parallel arrays
   * parse, serialise and iterate far faster than an object with a thousand unique keys). */
  terms: string[];
  counts: number[];
}

/** A document as stored in the index: everything but its chunks, which it lists by id. */
export type DocumentRecord = Omit<ParsedDocument, 'chunks'> & { chunkIds: string[] };

/** Analyses a chunk for storage under the given hnsw label. */
export function toChunkRecord(chunk: Chunk, label: number): ChunkRecord {
  const { indexText, ...rest } = chunk;
  const analysed = analyzeDocument(indexText);
  return { ...rest, label, terms: [...analysed.keys()], counts: [...analysed.values()] };
}

/** The stored form of a document. */
export function toDocumentRecord(document: ParsedDocument): DocumentRecord {
  const { chunks, ...rest } = document;
  return { ...rest, chunkIds: chunks.map((chunk) => chunk.id) };
}

/** A stored document with its chunks derived again from its body (chunking is deterministic). */
export function fromDocumentRecord(record: DocumentRecord): ParsedDocument {
  const { chunkIds: _chunkIds, ...rest } = record;
  const context = { documentId: record.id, title: record.title, docType: record.type, language: record.language };
  const chunks = record.law ? chunkLaw(context, record.law, record.body) : chunkSections(context, record.body, record.questions);
  return { ...rest, chunks };
}
