/** The evidence retrieval has that a question is within the knowledge base at all. */
export interface ConfidenceSignals {
  /** IDF-weighted share of the member's own words found in the top hits or explained by a concept. */
  coverage: number;
  /** Cosine similarity of the nearest vector; undefined when no vector index is in use. */
  topSimilarity?: number;
  /** Labour-law concepts (not just "employer", "law") the question mentions. */
  concepts: number;
  /** Similarity of the question to the top FAQ's own questions. */
  faqSimilarity: number;
  /** Wellbeing concepts (stress, anxiety, bullying…) the question mentions. */
  wellbeing?: number;
  /** Whether the best hit is a psych/ article. */
  psychTop?: boolean;
}

/**
 * Below this, an answerer says it has no reliable answer and offers a person instead. Calibrated
 * with the local embedder on the tuning questions (lowest on-topic ≈ 0.45) against the off-topic
 * ones (at most ≈ 0.41, except three about holidays and weekends, which are labour words);
 * `npm run eval` prints both distributions. A model embedder has other similarity ranges:
 * recalibrate when switching.
 */
export const CONFIDENCE_THRESHOLD = 0.42;

/** Maps the signals to 0..1. */
export function computeConfidence(s: ConfidenceSignals): number {
  // Similarity carries most of the weight: coverage alone is fooled by a long English FAQ that
  // happens to contain "joke" or "phone". Without vectors (an index built by another embedder),
  // half the coverage stands in for it.
  const similarity = s.topSimilarity ?? s.coverage * 0.5;
  let value = 0.9 * similarity + 0.25 * s.coverage + 0.2 * s.faqSimilarity + 0.03 * Math.min(s.concepts, 4);
  // Someone describing how they feel, matched to a wellbeing article, should get that article and
  // the offer of a counsellor rather than "I don't know": emotional language varies more than legal.
  if (s.psychTop && (s.wellbeing ?? 0) > 0) value += 0.1 + 0.05 * Math.min(s.wellbeing ?? 0, 3);
  return Math.round(Math.max(0, Math.min(1, value)) * 1000) / 1000;
}
