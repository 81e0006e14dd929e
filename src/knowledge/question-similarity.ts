import { englishTerms } from './analyzer.ts';
import { hasHan } from './segmenter.ts';

const NON_HAN = /[^\p{Script=Han}]/gu;

/** A text reduced to what similarity compares: Han bigrams and single Han chars, or English stems. */
export function questionSignature(text: string): Set<string> {
  const out = new Set<string>();
  if (hasHan(text)) {
    const han = [...text.replace(NON_HAN, '')];
    for (let i = 0; i + 1 < han.length; i++) out.add(han[i]! + han[i + 1]!);
    if (han.length === 1) out.add(han[0]!);
  }
  for (const word of englishTerms(text)) out.add(word);
  return out;
}

/**
 * Dice similarity between a member's question and the colloquial questions each guide (FAQ,
 * psych or union page) lists. FAQ questions are written the way members ask, so a near-identical
 * phrasing is strong evidence.
 *
 * The similarity of a guide is the best, over its questions, of 2·|q ∩ s| / (|q| + |s|). A query
 * is compared with every guide among 100–150 candidates, about 800 questions in all: instead of
 * testing each query item against each question's set, an inverted index (item → questions)
 * counts the shared items of all questions in one pass over the query's items. The counts are
 * integers, so every similarity is the same number the pairwise comparison gives.
 */
export class QuestionIndex {
  /** Signature item → the questions (positions) whose signature has it. */
  private readonly postings = new Map<string, number[]>();
  /** Signature size of each question. */
  private readonly sizes: number[] = [];
  /** Questions of guide g are positions starts[g] .. starts[g + 1] - 1. */
  private readonly starts: number[] = [0];

  /** `guides[g]` lists guide g's questions; questions with an empty signature are left out. */
  constructor(guides: readonly (readonly string[])[]) {
    for (const questions of guides) {
      for (const question of questions) {
        const signature = questionSignature(question);
        if (signature.size === 0) continue;
        const position = this.sizes.length;
        this.sizes.push(signature.size);
        for (const item of signature) {
          let list = this.postings.get(item);
          if (!list) this.postings.set(item, (list = []));
          list.push(position);
        }
      }
      this.starts.push(this.sizes.length);
    }
  }

  /** Number of guides. */
  get size(): number {
    return this.starts.length - 1;
  }

  /** Best similarity (0..1) of each guide to a query signature (`questionSignature`), by guide position. */
  best(query: ReadonlySet<string>): Float64Array {
    const out = new Float64Array(this.size);
    if (query.size === 0) return out;
    const shared = new Int32Array(this.sizes.length);
    for (const item of query) {
      const list = this.postings.get(item);
      if (list) for (const position of list) shared[position]!++;
    }
    for (let guide = 0; guide < out.length; guide++) {
      let best = 0;
      for (let position = this.starts[guide]!; position < this.starts[guide + 1]!; position++) {
        best = Math.max(best, (2 * shared[position]!) / (query.size + this.sizes[position]!));
      }
      out[guide] = best;
    }
    return out;
  }
}
