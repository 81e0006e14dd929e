import { englishTerms } from './analyzer.ts';
import { hasHan } from './segmenter.ts';

/** A text reduced to what similarity compares: Han bigrams and single Han chars, or English stems. */
function signature(text: string): Set<string> {
  const out = new Set<string>();
  if (hasHan(text)) {
    const han = [...text.replace(/[^\p{Script=Han}]/gu, '')];
    for (let i = 0; i + 1 < han.length; i++) out.add(han[i]! + han[i + 1]!);
    if (han.length === 1) out.add(han[0]!);
  }
  for (const word of englishTerms(text)) out.add(word);
  return out;
}

/**
 * Dice similarity between a member's question and the colloquial questions an FAQ lists. FAQ
 * questions are written the way members ask, so a near-identical phrasing is strong evidence.
 */
export class QuestionSimilarity {
  private readonly signatures: Set<string>[];

  constructor(questions: string[]) {
    this.signatures = questions.map(signature).filter((s) => s.size > 0);
  }

  /** Best similarity (0..1) between the query and any of the questions. */
  best(query: string | Set<string>): number {
    const q = typeof query === 'string' ? signature(query) : query;
    if (q.size === 0) return 0;
    let best = 0;
    for (const s of this.signatures) {
      let shared = 0;
      for (const item of q) if (s.has(item)) shared++;
      best = Math.max(best, (2 * shared) / (q.size + s.size));
    }
    return best;
  }

  /** Precomputes a query's signature when it is compared against many FAQs. */
  static signature(query: string): Set<string> {
    return signature(query);
  }
}
