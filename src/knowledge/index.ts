/**
 * Knowledge retrieval and question answering: ingestion of the Markdown knowledge base, a hybrid
 * (BM25 + vector) index with incremental updates, and answerers that cite what they say.
 */
export { KnowledgeService, type KnowledgeServiceOptions } from './knowledge-service.ts';
export type {
  BuildReport,
  Chunk,
  DocType,
  DocumentSummary,
  KnowledgeStatus,
  LawCitation,
  ParsedDocument,
  Retrieval,
  SearchHit,
} from './types.ts';
export type { Embedder } from './embedder.ts';
export { createLocalEmbedder, type LocalEmbedderOptions } from './local-embedder.ts';
export { createOpenAIEmbedder, type OpenAIEmbedderOptions } from './openai-embedder.ts';
export { KnowledgeContentError, type ContentProblem } from './content-error.ts';
export { CONFIDENCE_THRESHOLD } from './confidence.ts';
export type { Answer, AnswerKind, Answerer } from './answer/types.ts';
export type { KnowledgeReader } from './answer/knowledge-reader.ts';
export { createExtractiveAnswerer } from './answer/extractive.ts';
export { createModelAnswerer, type ModelAnswererOptions } from './answer/model.ts';
