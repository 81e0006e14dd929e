import { DEFAULT_QUERY_WEIGHTS, type QueryWeights } from './analyzer.ts';
import { DEFAULT_BM25, type Bm25Parameters } from './bm25.ts';

/** Every knob of retrieval, with the defaults chosen on the tuning questions (see README). */
export interface SearchTuning {
  query: QueryWeights;
  bm25: Bm25Parameters;
  /** Which rankings are fused: both (default), or one alone for comparison. */
  mode: 'hybrid' | 'bm25' | 'vector';
  /** How deep the BM25 ranking is read before fusion. */
  candidates: number;
  /** How many nearest neighbours are fetched (HNSW cost grows with it). */
  vectorCandidates: number;
  /** Reciprocal rank fusion constant: score = weight / (rrfK + rank). */
  rrfK: number;
  bm25Weight: number;
  vectorWeight: number;
  /** Added (in units of a first rank) to chunks of a law the question names. */
  lawMentionBoost: number;
  /** Added to an article whose label the question mentions ("第八十二条", "article 82"). */
  articleMentionBoost: number;
  /** Multiplies an FAQ's best question similarity (0..1) and is added to its score. */
  faqQuestionBoost: number;
  /** Law articles an FAQ hit cites that are placed right after it. */
  citedPerFaq: number;
}

export const DEFAULT_TUNING: SearchTuning = {
  query: DEFAULT_QUERY_WEIGHTS,
  bm25: DEFAULT_BM25,
  mode: 'hybrid',
  candidates: 100,
  vectorCandidates: 50,
  rrfK: 60,
  bm25Weight: 1,
  vectorWeight: 0.7,
  lawMentionBoost: 0.5,
  articleMentionBoost: 1,
  faqQuestionBoost: 1,
  citedPerFaq: 3,
};
