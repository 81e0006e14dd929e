import { memoise } from './memo.ts';
import { chineseQuantities } from './numbers.ts';
import { bigrams, hasHan, segment, segmentPhrase } from './segmenter.ts';
import { englishWords, findConcepts, type ConceptMatch } from './thesaurus/index.ts';

/**
 * Text → index terms. Four kinds of term share one vocabulary, told apart by a prefix:
 * jieba words (no prefix), Han character bigrams (`~劳动`), English stems (no prefix; they never
 * collide with Han words), and thesaurus concepts (`@overtime-pay`).
 */

const EN_STOPWORDS = new Set(
  (
    'a an the of to in on at for from by with about as into over after before under is are was were be been being ' +
    'am do does did doing have has had having can could would should will shall may might must i me my mine we us our ' +
    'you your he him his she her they them their it its this that these those there here what which who whom whose when ' +
    'where why how and or but if then so than too very just also not no nor only own same such any all each every some ' +
    'more most other again once up down out off get got go going still even yet ever already really because while until ' +
    'im ive id dont doesnt didnt cant wont isnt arent wasnt werent havent hasnt hadnt shouldnt couldnt wouldnt please hi ' +
    'hello thank thanks ok okay'
  ).split(/\s+/),
);

/**
 * English stems worth indexing (stopwords dropped). Memoised (callers must not mutate): a
 * question goes through it for its BM25 terms, its embedding and its FAQ-question signature.
 */
export const englishTerms = memoise((text: string): string[] => englishWords(text).filter((word) => !EN_STOPWORDS.has(word) && word.length > 1));

/**
 * Han bigram terms (`~劳动`) of a text. Memoised (callers must not mutate): BM25 analysis and the
 * local embedding both take them from the same text, a question's or a chunk's.
 */
export const bigramTerms = memoise((text: string): string[] => bigrams(text).map((pair) => `~${pair}`));

/** Term frequencies of a document chunk's indexed text. */
export function analyzeDocument(text: string): Map<string, number> {
  const terms = new Map<string, number>();
  const add = (term: string, count = 1) => terms.set(term, (terms.get(term) ?? 0) + count);
  for (const word of segment(text)) add(word);
  for (const term of bigramTerms(text)) add(term);
  if (/[a-z]/i.test(text)) for (const word of englishTerms(text)) add(word);
  for (const concept of findConcepts(text)) add(`@${concept.id}`, concept.count);
  return terms;
}

/** How much each kind of query term counts. */
export interface QueryWeights {
  word: number;
  bigram: number;
  concept: number;
  /** Statutory wording added for a concept a Chinese query mentions. */
  expansion: number;
  /** The same for an English query, where the expansion is all there is to match Chinese laws. */
  englishExpansion: number;
}

export const DEFAULT_QUERY_WEIGHTS: QueryWeights = {
  word: 1,
  bigram: 0.35,
  concept: 1,
  expansion: 0.5,
  englishExpansion: 1,
};

/** A query ready for BM25: weighted terms, and the concepts it mentions (for reranking). */
export interface AnalyzedQuery {
  terms: Map<string, number>;
  concepts: ConceptMatch[];
  /** True when the query has no Han characters. */
  english: boolean;
  /** The member's own words (jieba words and English stems), before any expansion. */
  literal: string[];
}

const phraseTermCache = new Map<string, { words: string[]; pairs: string[] }>();

/**
 * The words and `~` bigram terms of a thesaurus phrase, derived once per phrase: a query expands
 * every concept it mentions into several statutory phrases, the same few hundred phrases for
 * every member. The cache is bounded like `segmentPhrase`'s (callers must not mutate).
 */
function phraseTerms(phrase: string): { words: string[]; pairs: string[] } {
  let terms = phraseTermCache.get(phrase);
  if (!terms) {
    terms = { words: segmentPhrase(phrase), pairs: bigrams(phrase).map((pair) => `~${pair}`) };
    if (phraseTermCache.size < 20_000) phraseTermCache.set(phrase, terms);
  }
  return terms;
}

/** Analyses a query and expands it with the statutory wording of the concepts it mentions. */
export function analyzeQuery(text: string, weights: QueryWeights = DEFAULT_QUERY_WEIGHTS): AnalyzedQuery {
  const terms = new Map<string, number>();
  const put = (term: string, weight: number) => {
    if (weight > (terms.get(term) ?? 0)) terms.set(term, weight);
  };
  const english = !hasHan(text);
  const addChinese = (chinese: string, scale: number, phrase = false) => {
    const { words, pairs } = phrase ? phraseTerms(chinese) : { words: segment(chinese), pairs: bigramTerms(chinese) };
    for (const word of words) put(word, weights.word * scale);
    for (const pair of pairs) put(pair, weights.bigram * scale);
  };
  addChinese(text, 1);
  const englishWords = englishTerms(text);
  for (const word of englishWords) put(word, weights.word);
  const literal = [...new Set([...segment(text), ...englishWords])];
  const concepts = findConcepts(text);
  const expansion = english ? weights.englishExpansion : weights.expansion;
  for (const concept of concepts) {
    put(`@${concept.id}`, weights.concept * concept.weight);
    for (const phrase of concept.statutory) addChinese(phrase, expansion * concept.weight, true);
  }
  for (const quantity of chineseQuantities(text)) addChinese(quantity, expansion);
  return { terms, concepts, english, literal };
}
