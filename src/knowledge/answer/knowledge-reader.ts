import type { DocumentRecord } from '../records.ts';
import type { Retrieval, SearchHit } from '../types.ts';

/** What the answerers need from the knowledge base (KnowledgeService implements it). */
export interface KnowledgeReader {
  retrieve(query: string, k?: number): Promise<Retrieval>;
  getChunk(chunkId: string): SearchHit | undefined;
  getDocumentRecord(id: string): DocumentRecord | undefined;
}
