/** The evidence retrieval has that a question is within the knowledge base at all. */
export interface ConfidenceSignals {
  /** Top BM25 score as a share of the best possible for the (expanded) query. */
  coverage: number;
  /** Cosine similarity of the nearest vector. */
  topSimilarity: number;
  /** Labour-law concepts (not just "employer", "law") the question mentions. */
  concepts: number;
  /** Similarity of the question to the top FAQ's own questions. */
  faqSimilarity: number;
}

/** Maps the signals to 0..1; calibrated on the tuning questions against off-topic ones. */
export function computeConfidence(s: ConfidenceSignals): number {
  const value = 0.5 * Math.min(1, s.coverage * 2) + 0.3 * Math.min(1, s.topSimilarity * 2) + 0.15 * Math.min(1, s.concepts / 2) + 0.3 * s.faqSimilarity;
  return Math.max(0, Math.min(1, value));
}
