import { describe, expect, it } from 'vitest';
import { Bm25Index, DEFAULT_BM25 } from '../../src/knowledge/bm25.ts';
import { QuestionIndex, questionSignature } from '../../src/knowledge/question-similarity.ts';

/**
 * The retrieval data structures are built for speed (flat postings, top-k selection, an inverted
 * index of FAQ questions); these tests hold them to the plain definitions they replace, down to
 * the last bit of every score and the order of equal scores.
 */

/** A small deterministic generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** BM25 as first written: every touched document scored, all of them sorted (stably), the first `limit` kept. */
function referenceSearch(documents: { terms: string[]; counts: number[] }[], query: Map<string, number>, limit: number) {
  const { k1, b, minImpact } = DEFAULT_BM25;
  const postings = new Map<string, number[]>();
  const lengths: number[] = [];
  documents.forEach(({ terms, counts }, doc) => {
    let length = 0;
    terms.forEach((term, i) => {
      length += counts[i]!;
      const list = postings.get(term) ?? [];
      list.push(doc, counts[i]!);
      postings.set(term, list);
    });
    lengths.push(length);
  });
  const average = lengths.reduce((sum, length) => sum + length, 0) / documents.length;
  const norms = lengths.map((length) => k1 * (1 - b + (b * length) / average));
  const scores = new Float64Array(documents.length);
  const touched: number[] = [];
  for (const [term, weight] of query) {
    const list = postings.get(term);
    if (!list || weight <= 0) continue;
    const df = list.length / 2;
    const impact = weight * Math.log(1 + (documents.length - df + 0.5) / (df + 0.5));
    if (impact < minImpact) continue;
    const factor = impact * (k1 + 1);
    for (let i = 0; i < list.length; i += 2) {
      const doc = list[i]!;
      const tf = list[i + 1]!;
      if (scores[doc] === 0) touched.push(doc);
      scores[doc]! += (factor * tf) / (tf + norms[doc]!);
    }
  }
  return touched
    .map((doc) => ({ doc, score: scores[doc]! }))
    .sort((x, y) => y.score - x.score)
    .slice(0, limit);
}

describe('Bm25Index', () => {
  it('returns exactly what scoring and stably sorting every touched document returns', () => {
    const next = random(42);
    const vocabulary = Array.from({ length: 40 }, (_, i) => `t${i}`);
    for (let round = 0; round < 30; round++) {
      // Few distinct documents repeated: many documents have equal scores, so the tie order is tested.
      const shapes = Array.from({ length: 1 + Math.floor(next() * 12) }, () => {
        const terms = vocabulary.filter(() => next() < 0.3);
        return { terms, counts: terms.map(() => 1 + Math.floor(next() * 4)) };
      });
      const documents = Array.from({ length: 20 + Math.floor(next() * 300) }, () => shapes[Math.floor(next() * shapes.length)]!);
      const index = new Bm25Index(documents);
      for (let q = 0; q < 10; q++) {
        const query = new Map(vocabulary.filter(() => next() < 0.2).map((term) => [term, [0.35, 0.5, 1][Math.floor(next() * 3)]!]));
        for (const limit of [1, 5, 100, 1000]) {
          const expected = referenceSearch(documents, query, limit);
          const actual = index.search(query, limit);
          expect(actual).toEqual(expected);
          // toEqual treats equal numbers alike; the scores must be the very same doubles.
          expect(actual.map((r) => Object.is(r.score, expected[actual.indexOf(r)]!.score))).not.toContain(false);
        }
      }
      for (const term of [...vocabulary, 'unseen']) {
        const holders = documents.flatMap((doc, i) => (doc.terms.includes(term) ? [i] : []));
        expect(index.documentFrequency(term)).toBe(holders.length);
        for (const doc of [0, 7, documents.length - 1]) expect(index.contains(term, doc)).toBe(holders.includes(doc));
      }
    }
  });
});

describe('QuestionIndex', () => {
  it('gives each guide the best Dice similarity of its questions, as comparing the sets pairwise does', () => {
    const guides = [
      ['年假怎么休', '年休假有几天', 'How many days of annual leave do I get?'],
      ['加班费怎么算', 'overtime pay'],
      ['！！', '?'],
      [],
      ['公司不给我签合同怎么办', '没签劳动合同可以要双倍工资吗', 'no written contract'],
    ];
    const index = new QuestionIndex(guides);
    const dice = (q: Set<string>, s: Set<string>) => (2 * [...q].filter((item) => s.has(item)).length) / (q.size + s.size);
    for (const query of ['年假有几天', '公司没签合同', 'How is overtime pay calculated?', 'annual leave days', '签', '', 'hello']) {
      const q = questionSignature(query);
      const expected = guides.map((questions) =>
        q.size === 0 ? 0 : questions.map(questionSignature).filter((s) => s.size > 0).reduce((best, s) => Math.max(best, dice(q, s)), 0),
      );
      expect([...index.best(q)]).toEqual(expected);
    }
  });
});
