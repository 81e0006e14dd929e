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
  /** The guide (position) each question belongs to. */
  private readonly owners: number[] = [];
  private guides = 0;

  /** `guides[g]` lists guide g's questions; questions with an empty signature are left out. */
  constructor(guides: readonly (readonly string[])[]) {
    for (const questions of guides) {
      for (const question of questions) {
        const signature = questionSignature(question);
        if (signature.size === 0) continue;
        const position = this.sizes.length;
        this.sizes.push(signature.size);
        this.owners.push(this.guides);
        for (const item of signature) {
          let list = this.postings.get(item);
          if (!list) this.postings.set(item, (list = []));
          list.push(position);
        }
      }
      this.guides++;
    }
  }

  /** Number of guides. */
  get size(): number {
    return this.guides;
  }

  /** Best similarity (0..1) of each guide to a query signature (`questionSignature`), by guide position. */
  best(query: ReadonlySet<string>): Float64Array {
    const out = new Float64Array(this.guides);
    if (query.size === 0) return out;
    const shared = new Int32Array(this.sizes.length);
    const touched: number[] = [];
    for (const item of query) {
      const list = this.postings.get(item);
      if (!list) continue;
      for (const position of list) if (shared[position]!++ === 0) touched.push(position);
    }
    // A question sharing nothing has similarity 0, which never raises a guide's best above its
    // starting 0: only the questions that share an item are divided out (max is order-free).
    for (const position of touched) {
      const guide = this.owners[position]!;
      out[guide] = Math.max(out[guide]!, (2 * shared[position]!) / (query.size + this.sizes[position]!));
    }
    return out;
  }
}
